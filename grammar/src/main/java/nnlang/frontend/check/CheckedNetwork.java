package nnlang.frontend.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nnlang.model.NetworkModel;
import nnlang.model.Source;

/**
 * A network that checked cleanly, as another network uses it as a part: its model (with parts of
 * its own already expanded), what each of its names stands for in that model, and where its
 * values come from.
 *
 * @param sourcePath     the file that declares it, absolute: a trained network's parameters are
 *                       looked for beside it
 * @param names          its inputs, neurons, layers and parts by name
 * @param parameterFiles the trained parameter files whose values its model holds, its parts' included
 * @param deferred       the model's nodes whose values belong to a trained network but were not read
 *                       (when checking for structure only)
 */
record CheckedNetwork(NetworkModel model, Path sourcePath, Map<String, Named> names, Set<Path> parameterFiles,
                      Set<Integer> deferred) {

    CheckedNetwork {
        names = Map.copyOf(names);
        parameterFiles = Set.copyOf(parameterFiles);
        deferred = Set.copyOf(deferred);
    }

    /** Whether the network has a train block: as a part it then brings its trained parameters. */
    boolean trained() {
        return model.train().isPresent();
    }

    /** What a name of a network stands for. */
    sealed interface Named {
        /** The values it names, in the network's model. */
        List<Source> sources();
    }

    /** An input: elements {@code [offset, offset + size)} of the input vector. */
    record InputName(int offset, int size, boolean scalar) implements Named {
        @Override
        public List<Source> sources() {
            return List.of(new Source(Source.INPUT, offset, size));
        }
    }

    /** A neuron or layer: node {@code node} of the model. */
    record NodeName(int node, int size) implements Named {
        @Override
        public List<Source> sources() {
            return List.of(new Source(node, 0, size));
        }
    }

    /** A named item of the output line ({@code sum: second.sum}): the values it names. */
    record OutputName(List<Source> sources) implements Named {
        OutputName {
            sources = List.copyOf(sources);
        }
    }

    /**
     * A part: network {@code sub}, whose node k is node {@code nodeMap[k]} of this model, whose input
     * vector is {@code binding} and whose output is {@code outputs}, both in this model.
     */
    record PartName(CheckedNetwork sub, int[] nodeMap, List<Source> binding, List<Source> outputs) implements Named {
        PartName {
            binding = List.copyOf(binding);
            outputs = List.copyOf(outputs);
        }

        @Override
        public List<Source> sources() {
            return outputs;
        }

        /** {@code subSources}, sources in {@code sub}'s model, as sources of this model. */
        List<Source> map(List<Source> subSources) {
            List<Source> mapped = new ArrayList<>();
            for (Source s : subSources) {
                if (s.isInput()) {
                    mapped.addAll(cut(binding, s.offset(), s.length()));
                } else {
                    mapped.add(new Source(nodeMap[s.node()], s.offset(), s.length()));
                }
            }
            return mapped;
        }
    }

    /**
     * The outcome of looking up a dotted path: the sources it names in this model, or, when a name
     * along it names nothing, the position of that name in the path and the network it was looked
     * up in.
     */
    record Lookup(List<Source> sources, int failedAt, CheckedNetwork failedIn) {
        boolean found() {
            return sources != null;
        }
    }

    /**
     * What {@code path} names: {@code [sum]} a name of this network, {@code [first, sum]} name
     * {@code sum} of part {@code first}, and so on down the parts; walked without recursion.
     */
    Lookup lookup(List<String> path) {
        List<PartName> chain = new ArrayList<>();
        CheckedNetwork network = this;
        for (int i = 0; i < path.size() - 1; i++) {
            if (!(network.names.get(path.get(i)) instanceof PartName part)) {
                return new Lookup(null, i, network);
            }
            chain.add(part);
            network = part.sub();
        }
        Named last = network.names.get(path.get(path.size() - 1));
        if (last == null) {
            return new Lookup(null, path.size() - 1, network);
        }
        List<Source> sources = last.sources();
        for (int i = chain.size() - 1; i >= 0; i--) {
            sources = chain.get(i).map(sources);
        }
        return new Lookup(sources, -1, null);
    }

    /** Elements {@code [from, from + length)} of the concatenation of {@code sources}. */
    static List<Source> cut(List<Source> sources, int from, int length) {
        List<Source> cut = new ArrayList<>();
        int start = 0;
        for (Source s : sources) {
            int lo = Math.max(from, start);
            int hi = Math.min(from + length, start + s.length());
            if (lo < hi) {
                cut.add(new Source(s.node(), s.offset() + lo - start, hi - lo));
            }
            start += s.length();
        }
        return cut;
    }
}
