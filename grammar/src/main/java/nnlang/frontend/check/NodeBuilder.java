package nnlang.frontend.check;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.Formula;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.frontend.syntax.NodeDecl;
import nnlang.frontend.syntax.NumberLiteral;
import nnlang.model.Activation;
import nnlang.model.BuiltinActivation;
import nnlang.model.Conv;
import nnlang.model.Dense;
import nnlang.model.FormulaActivation;
import nnlang.model.Layer;
import nnlang.model.Node;
import nnlang.model.Source;

/**
 * The node pass: checks the parameter count against the limit before anything is allocated, then
 * builds each {@link Node} in topological order: a declared neuron or layer with its activation,
 * its sources as model slices and the weights and biases its source gives; a part's node as its
 * network's model has it, renamed ({@code first.a.out}), reading what the part binds, with the
 * trained values of a trained network, and fixed as the part says. Reports {@code too-large},
 * {@code unknown-activation}, {@code softmax-neuron}, {@code size-mismatch} (a weight, a weight
 * matrix or a bias list that does not fit) and {@code duplicate-bias}.
 */
final class NodeBuilder {
    /** The activation keyword for Nielsen's perceptron, which is the step activation. */
    static final String PERCEPTRON = "perceptron";

    /**
     * What a part brings besides its network's model.
     *
     * @param trained the trained values of its network's parameters, in parameter order, or null to
     *                keep those of the model
     * @param fixed   whether every node of the part is fixed (else each is as its network declares)
     */
    record PartValues(double[] trained, boolean fixed) {}

    private final Map<String, FormulaActivation> formulas;
    private final Constants constants;
    private final Reporter reporter;
    /** Per part (by declaration index), its network's formula activations renamed for it. */
    private final Map<Integer, Map<FormulaActivation, FormulaActivation>> renamed = new HashMap<>();

    private NodeBuilder(Map<String, FormulaActivation> formulas, Constants constants, Reporter reporter) {
        this.formulas = formulas;
        this.constants = constants;
        this.reporter = reporter;
    }

    /**
     * Builds the nodes of {@code network}, counting its parameters first: Σ over nodes of
     * size × (fanIn + 1), a conv's filters × (its kernel's inputs + 1), computed exactly however large.
     *
     * @param order    {@code order[k]} = the flat node at model index k
     * @param mapping  the same order, as a map from slices to model sources
     * @param formulas the network's own activations, by name
     * @param parts    per part (by declaration index), what it brings
     * @return the nodes in model order, or empty when a problem was reported
     */
    static Optional<List<Node>> build(NetworkSyntax network, Declarations declarations, Wiring wiring, int[] order,
                                      SourceMapping mapping, Map<String, FormulaActivation> formulas,
                                      Map<Integer, PartValues> parts, Constants constants, Reporter reporter) {
        List<Declarations.FlatNode> flat = declarations.flat();
        BigInteger parameters = BigInteger.ZERO;
        for (int f = 0; f < flat.size(); f++) {
            parameters = parameters.add(BigInteger.valueOf(parameterCount(network, declarations, wiring, flat.get(f), f)));
        }
        if (parameters.compareTo(BigInteger.valueOf(Literals.PARAMETER_LIMIT)) > 0) {
            reporter.error("too-large", network.name().pos(), "network " + network.name().text() + " has "
                    + String.format("%,d", parameters) + " parameters, which would need at least "
                    + Literals.memory(parameters.multiply(BigInteger.valueOf(Literals.BYTES_PER_PARAMETER)))
                    + " to train (a value and a gradient of 8 bytes each); the limit is "
                    + String.format("%,d", Literals.PARAMETER_LIMIT) + " parameters");
            return Optional.empty();
        }
        NodeBuilder builder = new NodeBuilder(formulas, constants, reporter);
        int before = reporter.count();
        List<Node> nodes = new ArrayList<>();
        for (int k = 0; k < order.length; k++) {
            Declarations.FlatNode node = flat.get(order[k]);
            List<Source> sources = mapping.toModel(wiring.sources(order[k]));
            if (node.inPart()) {
                Declarations.Part part = declarations.part(node.decl());
                Node built = builder.partNode(k, node, part, parts.get(node.decl()), sources);
                nodes.add(built);
                continue;
            }
            NodeDecl decl = network.nodes().get(node.decl());
            int fanIn = sources.stream().mapToInt(Source::length).sum();
            if (decl instanceof NodeDecl.Neuron neuron) {
                Activation activation = builder.activation(neuron.activation().text(), neuron.activation().pos(), true,
                        neuron.name().text());
                List<OptionalDouble> weights = builder.presetWeights(neuron, wiring.neuronArgs(node.decl()));
                List<OptionalDouble> bias = List.of(builder.presetBias(neuron));
                if (reporter.count() == before) {
                    nodes.add(new Node(k, node.name(), Node.Kind.NEURON, new Dense(1, weights.size(), activation, weights,
                            bias), sources, decl.pos(), neuron.fixed()));
                }
            } else if (decl instanceof NodeDecl.ImageLayer image) {
                Activation activation = builder.activation(image.activation().text(), image.activation().pos(), false,
                        image.name().text());
                Layer layer = declarations.imageLayer(node.decl());
                if (layer instanceof Conv conv) {
                    layer = conv.withActivation(activation);
                }
                if (reporter.count() == before) {
                    nodes.add(new Node(k, node.name(), Node.Kind.LAYER, layer, sources, decl.pos(), false));
                }
            } else {
                NodeDecl.Layer layer = (NodeDecl.Layer) decl;
                Activation activation = builder.activation(layer.activation().text(), layer.activation().pos(), false,
                        layer.name().text());
                List<OptionalDouble> weights = builder.layerWeights(layer, node.size(), fanIn);
                List<OptionalDouble> biases = builder.layerBiases(layer, node.size());
                if (reporter.count() == before) {
                    nodes.add(new Node(k, node.name(), Node.Kind.LAYER, new Dense(node.size(), fanIn, activation, weights,
                            biases), sources, decl.pos(), layer.fixed()));
                }
            }
        }
        return reporter.count() == before ? Optional.of(nodes) : Optional.empty();
    }

    /**
     * The number of parameters of flat node {@code f}: a conv's filters × (its kernel's inputs + 1), a
     * pool's none, a part's node as its network has it, a dense one's size × (fanIn + 1).
     */
    private static long parameterCount(NetworkSyntax network, Declarations declarations, Wiring wiring,
                                       Declarations.FlatNode node, int f) {
        if (node.inPart()) {
            return declarations.part(node.decl()).sub().model().nodes().get(node.subNode()).layer().parameterCount();
        }
        if (network.nodes().get(node.decl()) instanceof NodeDecl.ImageLayer) {
            Layer image = declarations.imageLayer(node.decl());
            return image == null ? 0 : image.parameterCount();
        }
        long fanIn = wiring.sources(f).stream().mapToLong(Slice::length).sum();
        return (fanIn + 1) * node.size();
    }

    /** Node {@code node} of a part: its network's node, renamed, rewired, with the part's values. */
    private Node partNode(int k, Declarations.FlatNode node, Declarations.Part part, PartValues values,
                          List<Source> sources) {
        Node original = part.sub().model().nodes().get(node.subNode());
        Layer layer = original.layer();
        if (values.trained() != null) {
            layer = withValues(layer, values.trained(), part.sub().model().parameterOffset(original.index()));
        }
        if (layer.activation() instanceof FormulaActivation f) {
            FormulaActivation own = renamed.computeIfAbsent(part.declIndex(), d -> new HashMap<>()).computeIfAbsent(f,
                    g -> new FormulaActivation(part.decl().name().text() + "." + g.name(), g.forward(), g.derivative(),
                            g.pos(), g.forwardProgram(), g.derivativeProgram()));
            if (layer instanceof Dense dense) {
                layer = new Dense(dense.size(), dense.fanIn(), own, dense.presetWeights(), dense.presetBiases());
            } else if (layer instanceof Conv conv) {
                layer = conv.withActivation(own);
            }
        }
        return new Node(k, node.name(), original.kind(), layer, sources, node.pos(), values.fixed() || original.fixed());
    }

    /** {@code layer} with every parameter given: {@code values[offset ..)} in parameter order. */
    private static Layer withValues(Layer layer, double[] values, int offset) {
        List<OptionalDouble> given = new ArrayList<>();
        for (int p = offset; p < offset + layer.parameterCount(); p++) {
            given.add(OptionalDouble.of(values[p]));
        }
        if (layer instanceof Dense dense) {
            int weights = dense.size() * dense.fanIn();
            return new Dense(dense.size(), dense.fanIn(), dense.activation(), given.subList(0, weights),
                    given.subList(weights, given.size()));
        }
        if (layer instanceof Conv conv) {
            return conv.withPresets(given);
        }
        return layer; // a pool has no parameters
    }

    private Activation activation(String written, nnlang.model.SourcePos pos, boolean neuron, String name) {
        Activation activation = written.equals(PERCEPTRON) ? Activation.STEP
                : formulas.containsKey(written) ? formulas.get(written) : BuiltinActivation.byKeyword(written);
        if (activation == null) {
            List<String> known = Stream.of(Stream.of(PERCEPTRON), Stream.of(BuiltinActivation.values())
                    .map(Activation::keyword), formulas.keySet().stream()).flatMap(s -> s).toList();
            reporter.error("unknown-activation", pos, "unknown activation " + written
                    + "; expected one of " + String.join(", ", known), Suggestions.didYouMean(written, known));
            return Activation.LINEAR;
        }
        if (activation == Activation.SOFTMAX && neuron) {
            reporter.error("softmax-neuron", pos, "softmax normalises over a whole layer, so it "
                    + "means nothing for the single neuron " + name,
                    "use a layer: layer " + name + " = dense(N, softmax)");
        }
        return activation;
    }

    /** One entry per input element, in source order: the written weight, or empty. */
    private List<OptionalDouble> presetWeights(NodeDecl.Neuron neuron, List<List<Slice>> args) {
        List<OptionalDouble> weights = new ArrayList<>();
        int next = 0;
        for (NodeDecl.NeuronArg arg : neuron.args()) {
            if (!(arg instanceof NodeDecl.NeuronArg.Input input)) {
                continue;
            }
            int length = Slice.length(args.get(next++));
            if (input.weight().isEmpty()) {
                weights.addAll(Collections.nCopies(length, OptionalDouble.empty()));
                continue;
            }
            NodeDecl.Weight weight = input.weight().get();
            String source = input.source().text() + input.source().index().map(i -> i instanceof Formula.Number n
                    ? "[" + n.value().text() + "]" : "[...]").orElse("");
            if (!weight.list() && length != 1) {
                reporter.error("size-mismatch", weight.pos(), source + " has " + length + " elements, so its "
                        + "weight must be a list of " + length + " numbers", "write " + source + ": [w0, w1, ...]");
            } else if (weight.values().size() != length) {
                reporter.error("size-mismatch", weight.pos(), "the weight list has " + weight.values().size()
                        + " numbers, but " + source + " has " + length + " elements");
            } else {
                for (Formula value : weight.values()) {
                    weights.add(value(value));
                }
            }
        }
        return weights;
    }

    /** The value of a number in the source, folded from constants, finite; empty after reporting. */
    private OptionalDouble value(Formula f) {
        Optional<NumberLiteral> literal = constants.fold(f);
        return literal.isEmpty() ? OptionalDouble.empty() : Literals.finite(literal.get(), reporter);
    }

    /** The written bias ({@code threshold: t} gives 0.0 - t), or empty. */
    private OptionalDouble presetBias(NodeDecl.Neuron neuron) {
        NodeDecl.NeuronArg.Bias first = null;
        for (NodeDecl.NeuronArg arg : neuron.args()) {
            if (!(arg instanceof NodeDecl.NeuronArg.Bias bias)) {
                continue;
            }
            if (first != null) {
                reporter.error("duplicate-bias", bias.pos(), "neuron " + neuron.name().text() + " already has a "
                        + (first.threshold() ? "threshold" : "bias") + " at column " + first.pos().column(),
                        "give either bias or threshold, once");
            } else {
                first = bias;
            }
        }
        if (first == null) {
            return OptionalDouble.empty();
        }
        OptionalDouble value = value(first.value());
        return first.threshold() && value.isPresent() ? OptionalDouble.of(0.0 - value.getAsDouble()) : value;
    }

    /** The weights a layer's source gives, row by row ({@code size} × {@code fanIn}), or all empty. */
    private List<OptionalDouble> layerWeights(NodeDecl.Layer layer, int size, int fanIn) {
        if (layer.weights().isEmpty()) {
            return Collections.nCopies(size * fanIn, OptionalDouble.empty());
        }
        NodeDecl.LayerWeights written = layer.weights().get();
        String name = layer.name().text();
        if (written.rows().size() != size) {
            reporter.error("size-mismatch", written.pos(), "the weights of layer " + name + " must be " + size + " x "
                    + fanIn + " (a row of " + fanIn + " numbers for each of its " + size + " neurons), but "
                    + written.rows().size() + (written.rows().size() == 1 ? " row is" : " rows are") + " given");
            return Collections.nCopies(size * fanIn, OptionalDouble.empty());
        }
        List<OptionalDouble> weights = new ArrayList<>();
        for (int j = 0; j < size; j++) {
            NodeDecl.Values row = written.rows().get(j);
            if (row.values().size() != fanIn) {
                reporter.error("size-mismatch", row.pos(), "row " + j + " of the weights of layer " + name + " has "
                        + row.values().size() + " numbers, but the layer reads " + fanIn + " values: its weights must be "
                        + size + " x " + fanIn);
                weights.addAll(Collections.nCopies(fanIn, OptionalDouble.empty()));
                continue;
            }
            row.values().forEach(v -> weights.add(value(v)));
        }
        return weights;
    }

    /** The biases a layer's source gives, or all empty. */
    private List<OptionalDouble> layerBiases(NodeDecl.Layer layer, int size) {
        if (layer.biases().isEmpty()) {
            return Collections.nCopies(size, OptionalDouble.empty());
        }
        NodeDecl.Values written = layer.biases().get();
        if (written.values().size() != size) {
            reporter.error("size-mismatch", written.pos(), "layer " + layer.name().text() + " has " + size
                    + " neurons, so it needs " + size + " biases, but " + written.values().size()
                    + (written.values().size() == 1 ? " is" : " are") + " given");
            return Collections.nCopies(size, OptionalDouble.empty());
        }
        return written.values().stream().map(this::value).toList();
    }
}
