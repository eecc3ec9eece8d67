package nnlang.interop.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nnlang.interop.ExportException;
import nnlang.interop.NnlangVersion;
import nnlang.model.Activation;
import nnlang.model.Dense;
import nnlang.model.Expression;
import nnlang.model.FormulaActivation;
import nnlang.model.Input;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Source;

/**
 * A trained network as {@code .nn} source with every weight and bias written out, and no train
 * block: checking and running the text gives the network's parameters bit for bit, and so its
 * outputs. Each number is the shortest decimal that reads back to the same double
 * ({@link ShortestDecimal}).
 *
 * <p>Neurons are written as Nielsen draws them, {@code neuron h = sigmoid(x1: 5.73, x2: -5.81,
 * bias: 2.07)}; a vector input takes a weight list, {@code image: [0.01, …]}, broken over lines of
 * about 100 characters. Layers are written in the compact form of {@link LayerRows}, one neuron per
 * row. Formula activations are written with the formula nnlang derived their derivative from.
 *
 * <p>Not writable, each an {@link ExportException} naming the node: a softmax layer (see
 * {@link LayerRows}), a parameter that is NaN or infinite (no literal reads as one), and a formula
 * that uses an operation the language has no name for (only models built in code have those).
 */
public final class SourceWriter {

    private static final int LINE = 100;

    private final NetworkModel model;
    private final double[] params;
    private final LayerRows rows;
    private final StringBuilder out = new StringBuilder();

    private SourceWriter(NetworkModel model, double[] params) {
        this.model = model;
        this.params = params;
        this.rows = new LayerRows(model);
    }

    /** The source text of {@code model} with {@code params}, in its parameter order. */
    public static String write(NetworkModel model, double[] params) throws ExportException {
        if (params.length != model.parameterCount()) {
            throw new IllegalArgumentException("network " + model.name() + " has " + model.parameterCount()
                    + " parameters, not " + params.length);
        }
        return new SourceWriter(model, params).network();
    }

    private String network() throws ExportException {
        out.append("// ").append(model.name()).append(" from ").append(Path.of(model.sourceFile()).getFileName())
                .append(" with its parameters written out by nnlang ").append(NnlangVersion.get()).append(".\n");
        List<Node> layers = model.nodes().stream().filter(n -> n.size() > 1).toList();
        if (!layers.isEmpty()) {
            out.append("// Layers are written as one neuron per row of weights: ").append(layers.stream()
                    .map(n -> n.name() + " as " + rows.neuron(n, 0) + " to " + rows.neuron(n, n.size() - 1))
                    .collect(Collectors.joining(", "))).append(".\n");
        }
        out.append("network ").append(model.name()).append(" {\n");
        out.append("    input ").append(model.inputs().stream().map(SourceWriter::input)
                .collect(Collectors.joining(", "))).append('\n');
        for (FormulaActivation f : formulas()) {
            out.append("    activation ").append(f.name()).append("(z) = ").append(formula(f)).append('\n');
        }
        for (Node node : model.nodes()) {
            node(node);
        }
        out.append("    output ").append(model.output().sources().stream().flatMap(s -> rows.references(s).stream())
                .map(LayerRows.Reference::text).collect(Collectors.joining(", ")));
        model.output().classes().ifPresent(labels -> out.append(" as class(").append(labels(labels)).append(')'));
        out.append("\n}\n");
        return out.toString();
    }

    private static String input(Input in) {
        if (in.isScalar()) {
            return in.name();
        }
        if (in.name().equals("input") && in.shape().size() == 1) {
            return String.valueOf(in.size());
        }
        return in.name() + "[" + in.shape().stream().map(String::valueOf).collect(Collectors.joining(" x ")) + "]";
    }

    /** The formula activations the nodes use, each once, in order of first use. */
    private List<FormulaActivation> formulas() {
        Map<String, FormulaActivation> used = new LinkedHashMap<>();
        for (Node n : model.nodes()) {
            if (n.activation() instanceof FormulaActivation f) {
                used.putIfAbsent(f.name(), f);
            }
        }
        return new ArrayList<>(used.values());
    }

    private String formula(FormulaActivation f) throws ExportException {
        for (Expression.Op op : List.of(Expression.Op.SIGN, Expression.Op.IF_GREATER)) {
            if (f.forward().uses(op)) {
                throw new ExportException(f.pos(), "cannot write activation " + f.name() + " as .nn source: its formula uses "
                        + op.symbol() + ", which a formula cannot name");
            }
        }
        return Expression.text(f.forward(), "z");
    }

    private void node(Node node) throws ExportException {
        if (node.activation() == Activation.SOFTMAX) {
            throw new ExportException(node.pos(), "cannot write node " + node.name() + " as .nn source: a softmax layer's"
                    + " weights cannot be written in the language yet, only a neuron's; export it as onnx or safetensors");
        }
        if (!(node.layer() instanceof Dense dense)) {
            throw new ExportException(node.pos(), "cannot write node " + node.name() + " as .nn source: a "
                    + node.layer().keyword() + " layer cannot be written with its weights in the language yet, only"
                    + " neurons can; export it as onnx or safetensors");
        }
        int offset = model.parameterOffset(node.index());
        String activation = node.activation() == Activation.STEP ? "perceptron" : node.activation().keyword();
        for (int j = 0; j < dense.size(); j++) {
            String head = "    neuron " + rows.neuron(node, j) + " = " + activation + "(";
            StringBuilder line = new StringBuilder(head);
            int w = offset + j * dense.fanIn();
            for (Source s : node.sources()) {
                for (LayerRows.Reference ref : rows.references(s)) {
                    line.append(ref.text()).append(": ");
                    if (ref.length() == 1 && !isVector(ref)) {
                        line.append(number(node, w++));
                    } else {
                        line.append('[');
                        for (int i = 0; i < ref.length(); i++) {
                            String n = number(node, w++) + (i + 1 < ref.length() ? ", " : "");
                            if (line.length() - line.lastIndexOf("\n") + n.length() > LINE) {
                                line.setLength(line.length() - (i > 0 ? 1 : 0));
                                line.append("\n        ");
                            }
                            line.append(n);
                        }
                        line.append(']');
                    }
                    line.append(", ");
                }
            }
            line.append("bias: ").append(number(node, offset + dense.size() * dense.fanIn() + j)).append(")\n");
            out.append(line);
        }
    }

    /** Whether the reference is a whole vector input (which takes a list, even of one element). */
    private boolean isVector(LayerRows.Reference ref) {
        return model.inputs().stream().anyMatch(in -> in.name().equals(ref.text()) && !in.isScalar());
    }

    private String number(Node node, int k) throws ExportException {
        double v = params[k];
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new ExportException(node.pos(), "cannot write node " + node.name() + " as .nn source: its "
                    + nnlang.runtime.ParameterLayout.of(model).describe(k).replace(" of node " + node.name(), "")
                    + " is " + v + ", which no number in a source can be");
        }
        return ShortestDecimal.of(v);
    }

    /** {@code 0..9} for consecutive integer labels, else the names. */
    private static String labels(List<String> labels) {
        try {
            int first = Integer.parseInt(labels.get(0));
            boolean range = true;
            for (int k = 0; k < labels.size(); k++) {
                range &= labels.get(k).equals(String.valueOf(first + k));
            }
            if (range) {
                return first + ".." + (first + labels.size() - 1);
            }
        } catch (NumberFormatException e) {
            // names
        }
        return String.join(", ", labels);
    }
}
