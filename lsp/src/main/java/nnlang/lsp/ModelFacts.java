package nnlang.lsp;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import nnlang.frontend.FormulaText;
import nnlang.model.BuiltinActivation;
import nnlang.model.Cost;
import nnlang.model.FormulaActivation;
import nnlang.model.Input;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.TrainSpec;
import nnlang.runtime.ProgressFormat;

/**
 * Everything the language server reads from checked models, in one place: the facts a hover shows
 * about a node, a part, an input, a network or a formula activation, and the names of the built-in
 * activations and costs. It reads only names, positions, kinds, sizes, shapes, activations,
 * parameter counts and the train block's settings, so that a change to the model's other parts
 * does not reach the editor.
 */
final class ModelFacts {

    /**
     * A neuron or layer: {@code fanIn} inputs per neuron, {@code formula} the explanation of a formula
     * activation; for a conv or pool, {@code image} its declaration and shapes in words.
     */
    record NodeFacts(String kind, String name, int size, String activation, int parameterCount, int fanIn,
                     List<String> formula, Optional<String> image) {}

    record InputFacts(String name, List<Integer> shape, int size) {}

    /**
     * A part: the network it uses with that network's inputs ({@code x1}, {@code image[784]}) and
     * output size when its model is known, its nodes, parameters and how many of its nodes are fixed.
     */
    record PartFacts(String name, String network, Optional<List<String>> inputs, Optional<Integer> outputs, int nodes,
                     int parameters, int fixedNodes) {}

    /** A network: its input and parameter counts, its nodes described briefly, its training in words if it has one. */
    record NetworkFacts(String name, int inputs, List<String> nodes, int parameters, Optional<String> training) {}

    private ModelFacts() {}

    static Optional<NodeFacts> node(List<NetworkModel> models, String network, String name) {
        return model(models, network).flatMap(m -> m.nodes().stream().filter(n -> n.name().equals(name)).findFirst())
                .map(ModelFacts::facts);
    }

    /**
     * Part {@code part} of network {@code network}, with {@code networks} giving the model of the
     * network a part uses (of this file or an imported one), when it is known.
     */
    static Optional<PartFacts> part(List<NetworkModel> models, String network, String part,
                                    Function<String, Optional<NetworkModel>> networks) {
        return model(models, network).flatMap(m -> m.parts().stream().filter(p -> p.name().equals(part)).findFirst()
                .map(p -> {
                    List<Node> nodes = m.nodes().stream().filter(n -> p.contains(n.name())).toList();
                    Optional<NetworkModel> used = networks.apply(p.network());
                    return new PartFacts(p.name(), p.network(),
                            used.map(u -> u.inputs().stream().map(i -> i.size() == 1 && i.shape().isEmpty() ? i.name()
                                    : i.name() + "[" + i.size() + "]").toList()),
                            used.map(u -> u.output().size()), nodes.size(),
                            nodes.stream().mapToInt(Node::parameterCount).sum(),
                            (int) nodes.stream().filter(Node::fixed).count());
                }));
    }

    static Optional<InputFacts> input(List<NetworkModel> models, String network, String name) {
        return model(models, network).flatMap(m -> m.inputs().stream().filter(i -> i.name().equals(name)).findFirst())
                .map(i -> new InputFacts(i.name(), i.shape(), size(i)));
    }

    static Optional<NetworkFacts> network(List<NetworkModel> models, String network) {
        return model(models, network).map(m -> new NetworkFacts(m.name(), m.inputs().stream().mapToInt(ModelFacts::size).sum(),
                m.nodes().stream().map(n -> n.name() + " (" + (n.layer() instanceof nnlang.model.Dense ? n.size() + " "
                        + n.activation().keyword() : n.layer().keyword() + " " + n.layer().outputShape()) + ")").toList(),
                m.nodes().stream().mapToInt(Node::parameterCount).sum(), m.train().map(ModelFacts::training)));
    }

    /**
     * The formula and derivative of a network's formula activation, as {@code check --explain} prints
     * them; empty when no node uses it (only used activations are in the model).
     */
    static Optional<List<String>> formula(List<NetworkModel> models, String network, String activation) {
        return model(models, network).flatMap(m -> m.nodes().stream().map(Node::activation)
                .filter(a -> a instanceof FormulaActivation && a.keyword().equals(activation)).findFirst())
                .map(a -> FormulaText.explain((FormulaActivation) a));
    }

    /** The built-in activations' names, in the order the language defines them. */
    static List<String> builtinActivations() {
        return Stream.of(BuiltinActivation.values()).map(BuiltinActivation::keyword).toList();
    }

    /** The costs' names. */
    static List<String> costs() {
        return Stream.of(Cost.values()).map(Cost::keyword).toList();
    }

    private static Optional<NetworkModel> model(List<NetworkModel> models, String network) {
        return models.stream().filter(m -> m.name().equals(network)).findFirst();
    }

    private static NodeFacts facts(Node n) {
        List<String> formula = n.activation() instanceof FormulaActivation f ? FormulaText.explain(f) : List.of();
        int fanIn = n.inputSize();
        return new NodeFacts(n.kind() == Node.Kind.LAYER ? "layer" : "neuron", n.name(), n.size(),
                n.activation().keyword(), n.parameterCount(), fanIn, formula, image(n));
    }

    /**
     * {@code conv(20, 5 x 5, relu) · reads [1 x 28 x 28] · output shape [20 x 24 x 24] · 520 parameters
     * (20 kernels of 1 x 5 x 5 + 20 biases)}; empty for a dense layer or a neuron.
     */
    private static Optional<String> image(Node n) {
        if (n.layer() instanceof nnlang.model.Dense) {
            return Optional.empty();
        }
        String parameters = n.layer() instanceof nnlang.model.Conv c
                ? String.format("%,d", n.parameterCount()) + " parameters (" + c.filters() + " kernels of "
                        + c.channels() + " x " + c.kernelHeight() + " x " + c.kernelWidth() + " + " + c.filters()
                        + (c.filters() == 1 ? " bias)" : " biases)")
                : "no parameters";
        return Optional.of("`" + n.layer().declaration() + "` · reads [" + n.layer().inputShape() + "] · output shape ["
                + n.layer().outputShape() + "] · " + parameters);
    }

    private static int size(Input input) {
        return input.shape().stream().reduce(1, (a, b) -> a * b);
    }

    private static String training(TrainSpec t) {
        return t.epochs() + " epochs, " + ProgressFormat.optimizer(t) + ", seed " + t.seed();
    }
}
