package nnlang.interop.source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nnlang.model.Input;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Source;

/**
 * The compact form in which a trained layer is written as source while the language has no syntax
 * for a layer's weights: one {@code neuron} per row of the layer's weight matrix, named
 * {@code layer_0}, {@code layer_1}, … (a layer of one neuron keeps its name), each reading the
 * layer's sources with its own row of weights and its own bias. A neuron computes exactly what its
 * row of the layer computes (the same terms in the same order, then the bias), so the written
 * network gives the same bits. Everything that refers to the layer refers to its neurons instead:
 * {@code hidden} becomes {@code hidden_0, hidden_1, …} and {@code hidden[3]} becomes
 * {@code hidden_3}.
 *
 * <p>This class is the one place that knows the form; a syntax for a layer's weights would replace
 * it. A softmax layer cannot be written this way (softmax is over the whole layer, not a function of
 * one neuron's sum).
 */
final class LayerRows {

    /** One source as written in a neuron's argument list, and the elements of the input vector it covers. */
    record Reference(String text, int length) {}

    private final NetworkModel model;
    private final List<String> separators = new ArrayList<>();

    LayerRows(NetworkModel model) {
        this.model = model;
        Set<String> taken = new HashSet<>();
        model.inputs().forEach(in -> taken.add(in.name()));
        model.nodes().forEach(n -> taken.add(n.name()));
        for (Node n : model.nodes()) {
            String separator = "_";
            while (rowsCollide(n, separator, taken)) {
                separator += "_";
            }
            separators.add(separator);
        }
    }

    private static boolean rowsCollide(Node n, String separator, Set<String> taken) {
        if (n.size() == 1) {
            return false;
        }
        for (int j = 0; j < n.size(); j++) {
            if (taken.contains(n.name() + separator + j)) {
                return true;
            }
        }
        return false;
    }

    /** The name of the neuron that computes element {@code j} of node {@code node}. */
    String neuron(Node node, int j) {
        return node.size() == 1 ? node.name() : node.name() + separators.get(node.index()) + j;
    }

    /**
     * How {@code source} is written: as references to whole inputs (a vector input with a weight
     * list), to single elements of inputs ({@code image[5]}), or to the neurons of nodes, in the
     * order of the elements of the slice.
     */
    List<Reference> references(Source source) {
        List<Reference> refs = new ArrayList<>();
        int from = source.offset();
        int to = source.offset() + source.length();
        if (!source.isInput()) {
            Node node = model.nodes().get(source.node());
            for (int j = from; j < to; j++) {
                refs.add(new Reference(neuron(node, j), 1));
            }
            return refs;
        }
        for (Input in : model.inputs()) {
            int start = Math.max(from, in.offset());
            int end = Math.min(to, in.offset() + in.size());
            if (start >= end) {
                continue;
            }
            if (in.isScalar() || start == in.offset() && end == in.offset() + in.size()) {
                refs.add(new Reference(in.name(), end - start));
            } else {
                for (int i = start; i < end; i++) {
                    refs.add(new Reference(in.name() + "[" + (i - in.offset()) + "]", 1));
                }
            }
        }
        return refs;
    }
}
