package nnlang.frontend.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.Name;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.frontend.syntax.NodeDecl;
import nnlang.frontend.syntax.OutputDecl;
import nnlang.frontend.syntax.SourceRef;
import nnlang.model.Node;
import nnlang.model.Source;
import nnlang.model.SourcePos;

/**
 * The resolution pass: turns every source reference (of a neuron, a layer, a part's inputs and the
 * output) into {@link Slice}s of flat nodes and the input vector ({@link References} resolves them
 * and binds the parts' inputs, reporting what it finds wrong), and wires each part's nodes: what
 * its network's nodes read from its inputs reads what the part binds to them. A neuron's slices
 * follow its source arguments in order, and a source named twice is read twice (its terms add); a
 * layer without {@code from} reads the previously declared layer, or the whole network input when
 * there is none; without an {@code output} line the output is the last declaration, whole.
 * Reports {@code missing-argument} (a neuron without a source), {@code duplicate-statement} (a
 * second output line), {@code duplicate-name} (an output's name taken) and {@code empty-network}.
 */
final class Wiring {
    private final NetworkSyntax network;
    private final Declarations declarations;
    private final Reporter reporter;
    private final References references;
    /** Per flat node, the slices it reads, concatenated in this order. */
    private final List<List<Slice>> flatSources = new ArrayList<>();
    /** Per neuron (by declaration index), per source argument, the slices it names. */
    private final Map<Integer, List<List<Slice>>> neuronArgs = new HashMap<>();
    private final List<Slice> outputSources = new ArrayList<>();
    /** The named items of the output line ({@code sum: second.sum}), in order. */
    private final Map<String, List<Slice>> namedOutputs = new LinkedHashMap<>();

    private Wiring(NetworkSyntax network, Declarations declarations, Constants constants, Reporter reporter) {
        this.network = network;
        this.declarations = declarations;
        this.reporter = reporter;
        this.references = new References(network, declarations, constants, reporter);
    }

    /** Resolves all references of {@code network}; check the reporter to see whether it succeeded. */
    static Wiring resolve(NetworkSyntax network, Declarations declarations, Constants constants, Reporter reporter) {
        Wiring wiring = new Wiring(network, declarations, constants, reporter);
        for (int f = 0; f < declarations.flat().size(); f++) {
            wiring.flatSources.add(List.of());
        }
        for (Declarations.Part part : declarations.parts()) {
            wiring.references.bind(part);
        }
        Declarations.FlatNode previousLayer = null;
        for (int i = 0; i < network.nodes().size(); i++) {
            NodeDecl decl = network.nodes().get(i);
            int flat = declarations.firstFlat(i);
            if (flat < 0) {
                continue;
            }
            if (decl instanceof NodeDecl.Neuron neuron) {
                List<List<Slice>> args = new ArrayList<>();
                List<Slice> sources = new ArrayList<>();
                for (NodeDecl.NeuronArg arg : neuron.args()) {
                    if (arg instanceof NodeDecl.NeuronArg.Input input) {
                        List<Slice> slices = wiring.references.resolve(input.source()).orElse(List.of());
                        args.add(slices);
                        sources.addAll(slices);
                    }
                }
                if (args.isEmpty()) {
                    reporter.error("missing-argument", neuron.name().pos(), "neuron " + neuron.name().text()
                            + " reads nothing: a neuron needs at least one source", "name its inputs: "
                            + neuron.activation().text() + "(x1: 1, bias: 0)");
                }
                wiring.neuronArgs.put(i, args);
                wiring.flatSources.set(flat, List.copyOf(sources));
            } else if (decl instanceof NodeDecl.Layer || decl instanceof NodeDecl.ImageLayer) {
                List<Slice> sources = new ArrayList<>();
                List<SourceRef> from = from(decl);
                if (!from.isEmpty()) {
                    from.forEach(ref -> sources.addAll(wiring.references.resolve(ref).orElse(List.of())));
                } else if (previousLayer != null) {
                    sources.add(new Slice(declarations.firstFlat(previousLayer.decl()), 0, previousLayer.size(), decl.pos()));
                } else if (declarations.inputSize() > 0) {
                    sources.add(new Slice(Source.INPUT, 0, declarations.inputSize(), decl.pos()));
                }
                previousLayer = declarations.flat().get(flat);
                wiring.flatSources.set(flat, List.copyOf(sources));
            } else {
                wiring.wirePart(declarations.part(i));
            }
        }
        wiring.resolveOutput();
        return wiring;
    }

    /** The slices of part {@code part}'s nodes: its network's wiring, its inputs replaced by the binding. */
    private void wirePart(Declarations.Part part) {
        if (references.binding(part.declIndex()) == null) {
            return;
        }
        for (Node n : part.sub().model().nodes()) {
            flatSources.set(part.firstFlat() + n.index(), references.map(part, n.sources(), part.decl().pos()));
        }
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
            if (nodes.get(k) instanceof NodeDecl.Layer || nodes.get(k) instanceof NodeDecl.ImageLayer) {
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
            Map<String, Name> named = new HashMap<>();
            for (OutputDecl.Item item : outputs.get(0).items()) {
                List<Slice> slices = references.resolve(item.source()).orElse(List.of());
                outputSources.addAll(slices);
                if (item.name().isEmpty()) {
                    continue;
                }
                Name name = item.name().get();
                Symbol symbol = declarations.lookup(name.text());
                Name earlier = named.putIfAbsent(name.text(), name);
                if (symbol != null || earlier != null) {
                    SourcePos at = symbol != null ? symbol.pos() : earlier.pos();
                    reporter.error("duplicate-name", name.pos(), name.text() + " is already declared at line "
                            + at.line() + ", column " + at.column(), "an output's name must be new in the network");
                } else {
                    namedOutputs.put(name.text(), slices);
                }
            }
        } else if (!network.nodes().isEmpty()) {
            int last = network.nodes().size() - 1;
            NodeDecl decl = network.nodes().get(last);
            Symbol symbol = declarations.lookup(decl.name().text());
            if (symbol != null && declarations.firstFlat(last) >= 0) {
                outputSources.addAll(references.whole(symbol, decl.name().pos(), null).orElse(List.of()));
            }
        } else {
            reporter.error("empty-network", network.name().pos(), "network " + network.name().text()
                    + " has no neurons, no layers and no output line", "add a layer or an output line");
        }
    }

    /** The slices flat node {@code flat} reads, concatenated in this order. */
    List<Slice> sources(int flat) {
        return flatSources.get(flat);
    }

    /** Per source argument of the neuron declared at {@code decl}, the slices it names. */
    List<List<Slice>> neuronArgs(int decl) {
        return neuronArgs.get(decl);
    }

    /** The input vector of the part declared at {@code decl}'s network, as slices here; null if it failed. */
    List<Slice> binding(int decl) {
        return references.binding(decl);
    }

    /** The output of the part declared at {@code decl}, as slices here. */
    List<Slice> partOutput(Declarations.Part part) {
        return references.map(part, part.sub().model().output().sources(), part.decl().pos());
    }

    /** The named items of the output line, by name, in order. */
    Map<String, List<Slice>> namedOutputs() {
        return namedOutputs;
    }

    /** The slices the output vector concatenates. */
    List<Slice> output() {
        return List.copyOf(outputSources);
    }
}
