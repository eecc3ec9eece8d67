package nnlang.cli;

import java.util.List;
import java.util.stream.Collectors;
import nnlang.model.Dense;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Pool;
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
                    .map(Describe::layer).collect(Collectors.joining(", ")));
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

    /** {@code hidden (30 sigmoid)}; a conv or pool with its output shape: {@code c1 (conv 20 x 24 x 24 relu)}, {@code p1 (maxpool 20 x 12 x 12)}. */
    private static String layer(Node n) {
        if (n.layer() instanceof Dense) {
            return n.name() + " (" + n.size() + " " + n.activation().keyword() + ")";
        }
        return n.name() + " (" + n.layer().keyword() + " " + n.layer().outputShape()
                + (n.layer() instanceof Pool ? "" : " " + n.activation().keyword()) + ")";
    }

    /**
     * One line per node, in a table with a header: its name, its declaration, the shape it reads and
     * the shape it gives, and its parameter count, e.g. {@code c1     conv(20, 5 x 5, relu)  1 x 28 x 28
     * 20 x 24 x 24  520}.
     */
    static List<String> layers(NetworkModel model) {
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {"node", "declared as", "reads", "gives", "parameters"});
        for (Node n : model.nodes()) {
            rows.add(new String[] {n.name(), n.kind() == Node.Kind.NEURON ? "neuron (" + n.activation().keyword() + ")"
                    : n.layer().declaration(), n.layer().inputShape().toString(), n.layer().outputShape().toString(),
                    String.format(java.util.Locale.ROOT, "%,d", n.parameterCount())});
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        List<String> lines = new java.util.ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length - 1; c++) {
                line.append(String.format("%-" + widths[c] + "s  ", row[c]));
            }
            lines.add(line.append(String.format("%" + widths[4] + "s", row[4])).toString());
        }
        return lines;
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
