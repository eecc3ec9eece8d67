package nnlang.cli;

import java.util.List;
import java.util.stream.Collectors;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.runtime.ProgressFormat;

/** One-line human descriptions of checked models, for command output. */
final class Describe {
    /** Up to this many neurons are named; more (a network of many parts, say) are counted. */
    private static final int NAMED_NEURONS = 8;

    private Describe() {}

    /**
     * E.g. {@code Xor: 2 inputs; layers hidden (2 sigmoid), out (1 sigmoid); 1 output; 9 parameters;
     * trains 5000 epochs on a table of 4 samples}, or for neurons {@code HalfAdder: 2 inputs;
     * neurons a.out, b.out, c.out, sum.out, carry.out (step); 2 outputs; 15 parameters}; more than
     * eight neurons are counted, {@code 52 neurons (step)}.
     */
    static String network(NetworkModel model) {
        StringBuilder s = new StringBuilder(model.name()).append(": ")
                .append(plural(model.inputSize(), "input"));
        List<Node> layers = model.nodes().stream().filter(n -> n.kind() == Node.Kind.LAYER).toList();
        List<Node> neurons = model.nodes().stream().filter(n -> n.kind() == Node.Kind.NEURON).toList();
        if (!layers.isEmpty()) {
            s.append(layers.size() == 1 ? "; layer " : "; layers ").append(layers.stream()
                    .map(n -> n.name() + " (" + n.size() + " " + n.activation().keyword() + ")")
                    .collect(Collectors.joining(", ")));
        }
        if (neurons.size() > NAMED_NEURONS) {
            s.append("; ").append(neurons.size()).append(" neurons (").append(neurons.stream()
                    .map(n -> n.activation().keyword()).distinct().collect(Collectors.joining(", "))).append(')');
        } else if (!neurons.isEmpty()) {
            boolean same = neurons.stream().map(Node::activation).distinct().count() == 1;
            s.append(neurons.size() == 1 ? "; neuron " : "; neurons ").append(neurons.stream()
                    .map(n -> same ? n.name() : n.name() + " (" + n.activation().keyword() + ")")
                    .collect(Collectors.joining(", ")));
            if (same) {
                s.append(" (").append(neurons.get(0).activation().keyword()).append(')');
            }
        }
        s.append("; ").append(plural(model.outputSize(), "output"))
                .append("; ").append(plural(model.parameterCount(), "parameter"));
        model.train().ifPresent(t -> s.append("; ").append(ProgressFormat.plan(t)));
        return s.toString();
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
