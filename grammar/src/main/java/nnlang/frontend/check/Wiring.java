package nnlang.frontend.check;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.frontend.syntax.NodeDecl;
import nnlang.frontend.syntax.OutputDecl;
import nnlang.frontend.syntax.SourceRef;

/**
 * The resolution pass: turns every source reference of every node and of the output into a
 * {@link Slice}. A neuron's slices follow its source arguments in order; a layer without
 * {@code from} reads the previously declared layer, or the whole network input when there is none;
 * without an {@code output} line the output is the last declared node, whole. Reports
 * {@code unknown-name} (with a close name as hint), {@code not-indexable},
 * {@code index-out-of-range}, {@code duplicate-source}, {@code duplicate-statement} (a second
 * output line) and {@code empty-network}.
 */
final class Wiring {
    private final NetworkSyntax network;
    private final Declarations declarations;
    private final Reporter reporter;
    private final List<List<Slice>> nodeSources = new ArrayList<>();
    private final List<Slice> outputSources = new ArrayList<>();

    private Wiring(NetworkSyntax network, Declarations declarations, Reporter reporter) {
        this.network = network;
        this.declarations = declarations;
        this.reporter = reporter;
    }

    /** Resolves all references of {@code network}; check the reporter to see whether it succeeded. */
    static Wiring resolve(NetworkSyntax network, Declarations declarations, Reporter reporter) {
        Wiring wiring = new Wiring(network, declarations, reporter);
        Symbol previousLayer = null;
        for (int i = 0; i < network.nodes().size(); i++) {
            NodeDecl decl = network.nodes().get(i);
            Symbol self = new Symbol(decl.name().text(), false, i, declarations.nodeSize(i), false, decl.name().pos());
            List<Slice> sources = new ArrayList<>();
            if (decl instanceof NodeDecl.Neuron neuron) {
                for (NodeDecl.NeuronArg arg : neuron.args()) {
                    if (arg instanceof NodeDecl.NeuronArg.Input input) {
                        wiring.resolveInto(input.source(), sources);
                    }
                }
            } else {
                List<SourceRef> from = from(decl);
                if (!from.isEmpty()) {
                    from.forEach(ref -> wiring.resolveInto(ref, sources));
                } else if (previousLayer != null) {
                    sources.add(new Slice(previousLayer, 0, previousLayer.size(), decl.pos()));
                } else if (declarations.inputSize() > 0) {
                    Symbol all = new Symbol("input", true, 0, declarations.inputSize(), false, network.pos());
                    sources.add(new Slice(all, 0, all.size(), decl.pos()));
                }
                previousLayer = self;
            }
            wiring.nodeSources.add(List.copyOf(sources));
        }
        wiring.resolveOutput();
        return wiring;
    }

    /** The {@code from} list of a dense or image layer. */
    private static List<SourceRef> from(NodeDecl decl) {
        return decl instanceof NodeDecl.ImageLayer image ? image.from() : ((NodeDecl.Layer) decl).from();
    }

    /**
     * The declaration index of the layer (dense or image) declared last before {@code index}, which a
     * layer without {@code from} reads (as {@link #resolve} wires it), or -1 when there is none (it then
     * reads the whole input).
     */
    static int previousLayer(List<NodeDecl> nodes, int index) {
        for (int k = index - 1; k >= 0; k--) {
            if (!(nodes.get(k) instanceof NodeDecl.Neuron)) {
                return k;
            }
        }
        return -1;
    }

    private void resolveOutput() {
        List<OutputDecl> outputs = network.outputs();
        for (int i = 1; i < outputs.size(); i++) {
            reporter.error("duplicate-statement", outputs.get(i).pos(), "network " + network.name().text()
                    + " already has an output line at line " + outputs.get(0).pos().line());
        }
        if (!outputs.isEmpty()) {
            outputs.get(0).sources().forEach(ref -> resolveInto(ref, outputSources));
        } else if (!network.nodes().isEmpty()) {
            int last = network.nodes().size() - 1;
            NodeDecl decl = network.nodes().get(last);
            Symbol symbol = new Symbol(decl.name().text(), false, last, declarations.nodeSize(last), false,
                    decl.name().pos());
            outputSources.add(new Slice(symbol, 0, symbol.size(), decl.name().pos()));
        } else {
            reporter.error("empty-network", network.name().pos(), "network " + network.name().text()
                    + " has no neurons, no layers and no output line", "add a layer or an output line");
        }
    }

    /** Resolves {@code ref} and appends it to {@code into}, unless it fails or overlaps a slice there. */
    private void resolveInto(SourceRef ref, List<Slice> into) {
        Slice slice = resolve(ref);
        if (slice == null) {
            return;
        }
        for (Slice earlier : into) {
            if (earlier.overlaps(slice)) {
                reporter.error("duplicate-source", ref.pos(), ref.name().text() + " is read twice here: it overlaps "
                        + "the source at column " + earlier.pos().column(), "name each source once");
                return;
            }
        }
        into.add(slice);
    }

    private Slice resolve(SourceRef ref) {
        String name = ref.name().text();
        Symbol symbol = declarations.lookup(name);
        if (symbol == null) {
            reporter.error("unknown-name", ref.name().pos(), "network " + network.name().text()
                    + " has no input, neuron or layer named " + name, Suggestions.didYouMean(name, declarations.names()));
            return null;
        }
        if (ref.index().isEmpty()) {
            return new Slice(symbol, 0, symbol.size(), ref.pos());
        }
        if (symbol.scalar()) {
            reporter.error("not-indexable", ref.pos(), "input " + name + " is a scalar and has no elements to index",
                    "write " + name + " without an index");
            return null;
        }
        OptionalLong index = Literals.integer(ref.index().get(), "an index", reporter);
        if (index.isEmpty()) {
            return null;
        }
        if (index.getAsLong() < 0 || index.getAsLong() >= symbol.size()) {
            reporter.error("index-out-of-range", ref.index().get().pos(), "index " + index.getAsLong() + " is out of "
                    + "range: " + name + " has " + symbol.size() + " elements, numbered 0 to " + (symbol.size() - 1));
            return null;
        }
        return new Slice(symbol, (int) index.getAsLong(), 1, ref.pos());
    }

    /** The slices each node reads, by declaration index, concatenated in this order. */
    List<Slice> sources(int declIndex) {
        return nodeSources.get(declIndex);
    }

    /** The slices the output vector concatenates. */
    List<Slice> output() {
        return List.copyOf(outputSources);
    }
}
