package nnlang.frontend.check;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.frontend.syntax.NodeDecl;
import nnlang.frontend.syntax.NumberLiteral;
import nnlang.model.Conv;
import nnlang.model.Dense;
import nnlang.model.Layer;
import nnlang.model.Activation;
import nnlang.model.BuiltinActivation;
import nnlang.model.FormulaActivation;
import nnlang.model.Node;
import nnlang.model.Source;

/**
 * The node pass: checks the parameter count against the limit before anything is allocated, then
 * builds each {@link Node} in topological order with its activation, its sources as model slices
 * and its preset weights and biases. Reports {@code too-large}, {@code unknown-activation},
 * {@code softmax-neuron}, {@code size-mismatch} (a weight that does not fit its source) and
 * {@code duplicate-bias}.
 */
final class NodeBuilder {
    /** The activation keyword for Nielsen's perceptron, which is the step activation. */
    static final String PERCEPTRON = "perceptron";

    private final Map<String, FormulaActivation> formulas;
    private final Reporter reporter;

    private NodeBuilder(Map<String, FormulaActivation> formulas, Reporter reporter) {
        this.formulas = formulas;
        this.reporter = reporter;
    }

    /**
     * Builds the nodes of {@code network}, counting its parameters first: Σ over nodes of
     * size × (fanIn + 1), a conv's filters × (its kernel's inputs + 1), computed exactly however large.
     *
     * @param order   {@code order[k]} = the declaration index of the node at model index k
     * @param mapping the same order, as a map from slices to model sources
     * @param formulas the network's own activations, by name
     * @return the nodes in model order, or empty when a problem was reported
     */
    static Optional<List<Node>> build(NetworkSyntax network, Declarations declarations, Wiring wiring, int[] order,
                                      SourceMapping mapping, Map<String, FormulaActivation> formulas,
                                      Reporter reporter) {
        BigInteger parameters = BigInteger.ZERO;
        for (int i = 0; i < network.nodes().size(); i++) {
            long fanIn = wiring.sources(i).stream().mapToLong(Slice::length).sum();
            Layer image = declarations.imageLayer(i);
            parameters = parameters.add(image != null ? BigInteger.valueOf(image.parameterCount())
                    : BigInteger.valueOf(fanIn + 1).multiply(BigInteger.valueOf(declarations.nodeSize(i))));
        }
        if (parameters.compareTo(BigInteger.valueOf(Literals.PARAMETER_LIMIT)) > 0) {
            reporter.error("too-large", network.name().pos(), "network " + network.name().text() + " has "
                    + String.format("%,d", parameters) + " parameters, which would need at least "
                    + Literals.memory(parameters.multiply(BigInteger.valueOf(Literals.BYTES_PER_PARAMETER)))
                    + " to train (a value and a gradient of 8 bytes each); the limit is "
                    + String.format("%,d", Literals.PARAMETER_LIMIT) + " parameters");
            return Optional.empty();
        }
        NodeBuilder builder = new NodeBuilder(formulas, reporter);
        int before = reporter.count();
        List<Node> nodes = new ArrayList<>();
        for (int k = 0; k < order.length; k++) {
            NodeDecl decl = network.nodes().get(order[k]);
            Activation activation = builder.activation(decl);
            List<Source> sources = wiring.sources(order[k]).stream().map(mapping::toModel).toList();
            if (decl instanceof NodeDecl.Neuron neuron) {
                List<OptionalDouble> weights = builder.presetWeights(neuron, wiring.sources(order[k]));
                List<OptionalDouble> bias = List.of(builder.presetBias(neuron));
                if (reporter.count() == before) {
                    nodes.add(new Node(k, decl.name().text(), Node.Kind.NEURON,
                            new Dense(1, weights.size(), activation, weights, bias), sources, decl.name().pos()));
                }
            } else if (decl instanceof NodeDecl.ImageLayer && reporter.count() == before) {
                Layer layer = declarations.imageLayer(order[k]);
                if (layer instanceof Conv conv) {
                    layer = new Conv(conv.filters(), conv.inputShape(), conv.kernelHeight(), conv.kernelWidth(),
                            conv.strideY(), conv.strideX(), conv.padding(), activation);
                }
                nodes.add(new Node(k, decl.name().text(), Node.Kind.LAYER, layer, sources, decl.name().pos()));
            } else if (reporter.count() == before) {
                int size = declarations.nodeSize(order[k]);
                int fanIn = sources.stream().mapToInt(Source::length).sum();
                nodes.add(new Node(k, decl.name().text(), Node.Kind.LAYER, Dense.unset(size, fanIn, activation), sources,
                        decl.name().pos()));
            }
        }
        return reporter.count() == before ? Optional.of(nodes) : Optional.empty();
    }

    private Activation activation(NodeDecl decl) {
        String written = decl.activation().text();
        Activation activation = written.equals(PERCEPTRON) ? Activation.STEP
                : formulas.containsKey(written) ? formulas.get(written) : BuiltinActivation.byKeyword(written);
        if (activation == null) {
            List<String> known = Stream.of(Stream.of(PERCEPTRON), Stream.of(BuiltinActivation.values())
                    .map(Activation::keyword), formulas.keySet().stream()).flatMap(s -> s).toList();
            reporter.error("unknown-activation", decl.activation().pos(), "unknown activation " + written
                    + "; expected one of " + String.join(", ", known), Suggestions.didYouMean(written, known));
            return Activation.LINEAR;
        }
        if (activation == Activation.SOFTMAX && decl instanceof NodeDecl.Neuron) {
            reporter.error("softmax-neuron", decl.activation().pos(), "softmax normalises over a whole layer, so it "
                    + "means nothing for the single neuron " + decl.name().text(),
                    "use a layer: layer " + decl.name().text() + " = dense(N, softmax)");
        }
        return activation;
    }

    /** One entry per input element, in source order: the written weight, or empty. */
    private List<OptionalDouble> presetWeights(NodeDecl.Neuron neuron, List<Slice> slices) {
        List<OptionalDouble> weights = new ArrayList<>();
        int next = 0;
        for (NodeDecl.NeuronArg arg : neuron.args()) {
            if (!(arg instanceof NodeDecl.NeuronArg.Input input)) {
                continue;
            }
            Slice slice = slices.get(next++);
            if (input.weight().isEmpty()) {
                weights.addAll(Collections.nCopies(slice.length(), OptionalDouble.empty()));
                continue;
            }
            NodeDecl.Weight weight = input.weight().get();
            String source = sourceText(input);
            if (!weight.list() && slice.length() != 1) {
                reporter.error("size-mismatch", weight.pos(), source + " has " + slice.length() + " elements, so its "
                        + "weight must be a list of " + slice.length() + " numbers", "write " + source + ": [w0, w1, ...]");
            } else if (weight.values().size() != slice.length()) {
                reporter.error("size-mismatch", weight.pos(), "the weight list has " + weight.values().size()
                        + " numbers, but " + source + " has " + slice.length() + " elements");
            } else {
                for (NumberLiteral value : weight.values()) {
                    weights.add(Literals.finite(value, reporter));
                }
            }
        }
        return weights;
    }

    private static String sourceText(NodeDecl.NeuronArg.Input input) {
        return input.source().name().text() + input.source().index().map(i -> "[" + i.text() + "]").orElse("");
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
        OptionalDouble value = Literals.finite(first.value(), reporter);
        return first.threshold() && value.isPresent() ? OptionalDouble.of(0.0 - value.getAsDouble()) : value;
    }
}
