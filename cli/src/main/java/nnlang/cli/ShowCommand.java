package nnlang.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import nnlang.model.Input;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.ParameterBlock;
import nnlang.model.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nnlang show FILE [--params P]}: a network's layout (nodes, what each reads, its parameter
 * blocks with their shapes and counts) and, when it has parameters, each block's minimum, maximum,
 * mean and Euclidean norm.
 */
@Command(name = "show", description = "Show a network's layout and the statistics of its parameters.")
final class ShowCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = "--params", paramLabel = "FILE",
            description = "Parameters, .nnp or safetensors (default: the ones `train` wrote beside the source).")
    Path params;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<NetworkModel> models = source.networks(source.check());
        for (int m = 0; m < models.size(); m++) {
            NetworkModel model = models.get(m);
            Optional<ParameterSource.Found> found = ParameterSource.find(model, source.file, params);
            Optional<double[]> parameters = found.map(ParameterSource.Found::values);
            out.print(m > 0 ? "\n" : "");
            out.println(Describe.network(model));
            out.println("parameters: " + found.map(ParameterSource.Found::origin)
                    .orElse("none yet (train it with ./nnlang train " + source.file + ")"));
            List<String[]> rows = new ArrayList<>();
            rows.add(parameters.isPresent()
                    ? new String[] {"node", "kind", "activation", "reads", "block", "shape", "count", "min", "max", "mean", "norm"}
                    : new String[] {"node", "kind", "activation", "reads", "block", "shape", "count"});
            for (Node node : model.nodes()) {
                int offset = model.parameterOffset(node.index());
                boolean first = true;
                for (ParameterBlock block : node.parameterBlocks()) {
                    List<String> row = new ArrayList<>(first
                            ? List.of(node.name(), node.layer().keyword(), node.activation().keyword(), reads(model, node))
                            : List.of("", "", "", ""));
                    row.add(block.name());
                    row.add(block.shape().toString().replace(" ", ""));
                    row.add(String.valueOf(block.size()));
                    if (parameters.isPresent()) {
                        row.addAll(statistics(parameters.get(), offset, block.size()));
                    }
                    rows.add(row.toArray(String[]::new));
                    offset += block.size();
                    first = false;
                }
            }
            print(rows, out);
        }
        return 0;
    }

    /** What a node reads, as a source would name it: {@code x1, x2}, {@code hidden}, {@code h[3]}, {@code h[1..2]}. */
    private static String reads(NetworkModel model, Node node) {
        return node.sources().stream().map(s -> source(model, s)).collect(Collectors.joining(", "));
    }

    private static String source(NetworkModel model, Source s) {
        if (!s.isInput()) {
            Node n = model.nodes().get(s.node());
            return slice(n.name(), n.size(), s.offset(), s.length());
        }
        List<String> parts = new ArrayList<>();
        for (Input in : model.inputs()) {
            int from = Math.max(s.offset(), in.offset());
            int to = Math.min(s.offset() + s.length(), in.offset() + in.size());
            if (from < to) {
                parts.add(in.isScalar() ? in.name() : slice(in.name(), in.size(), from - in.offset(), to - from));
            }
        }
        return String.join(", ", parts);
    }

    private static String slice(String name, int size, int offset, int length) {
        if (offset == 0 && length == size) {
            return name;
        }
        return length == 1 ? name + "[" + offset + "]" : name + "[" + offset + ".." + (offset + length - 1) + "]";
    }

    /** min, max, mean and the Euclidean norm of {@code p[from .. from + n)}, to 4 significant digits. */
    static List<String> statistics(double[] p, int from, int n) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double squares = 0;
        for (int k = from; k < from + n; k++) {
            min = Math.min(min, p[k]);
            max = Math.max(max, p[k]);
            sum += p[k];
            squares += p[k] * p[k];
        }
        return List.of(number(min), number(max), number(sum / n), number(Math.sqrt(squares)));
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** Left-aligned text columns, right-aligned number columns (from count on), two spaces apart. */
    private static void print(List<String[]> rows, PrintWriter out) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = row[c];
                String pad = " ".repeat(width[c] - cell.length());
                line.append(c == 0 ? "" : "  ").append(c >= 6 ? pad + cell : cell + pad);
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
