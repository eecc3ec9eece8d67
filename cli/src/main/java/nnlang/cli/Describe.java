package nnlang.cli;

import java.util.stream.Collectors;
import nnlang.model.DataSpec;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.TrainSpec;

/** One-line human descriptions of checked models, for command output. */
final class Describe {
    private Describe() {}

    /** E.g. {@code Xor: 2 inputs, hidden 2 sigmoid, out 1 sigmoid; 9 parameters; trains 5000 epochs}. */
    static String network(NetworkModel model) {
        String nodes = model.nodes().stream()
                .map(n -> n.name() + " " + (n.kind() == Node.Kind.LAYER ? n.size() + " " : "")
                        + n.activation().keyword())
                .collect(Collectors.joining(", "));
        StringBuilder s = new StringBuilder(model.name()).append(": ")
                .append(plural(model.inputSize(), "input")).append(", ")
                .append(nodes).append("; ")
                .append(plural(model.outputSize(), "output")).append(", ")
                .append(plural(model.parameterCount(), "parameter"));
        model.train().ifPresent(t -> s.append("; trains ").append(plural(t.epochs(), "epoch"))
                .append(" on ").append(data(t)));
        return s.toString();
    }

    static String data(TrainSpec train) {
        DataSpec data = train.data();
        if (data instanceof DataSpec.Table table) {
            return "a table of " + plural(table.inputs().size(), "sample");
        } else if (data instanceof DataSpec.Csv csv) {
            return csv.written();
        } else if (data instanceof DataSpec.Mnist mnist) {
            return "MNIST in " + mnist.written();
        }
        throw new AssertionError(data);
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
