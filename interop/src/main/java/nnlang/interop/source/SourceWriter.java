package nnlang.interop.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import nnlang.runtime.ParameterLayout;

/**
 * A trained network as {@code .nn} source with every weight and bias written out, and no train
 * block: checking and running the text gives the network's parameters bit for bit, and so its
 * outputs. Each number is the shortest decimal that reads back to the same double
 * ({@link ShortestDecimal}).
 *
 * <p>A neuron is written as Nielsen draws it, {@code neuron h = sigmoid(x1: 5.73, x2: -5.81, bias:
 * 2.07)}, a whole layer or vector input it reads taking a weight list; a layer is written with its
 * weight matrix, one row per neuron, and its biases: {@code layer hidden = dense(30, sigmoid) from
 * image weights [[…], …] bias […]}. Long lists are broken over lines of about 100 characters. Every
 * node keeps its kind, size, sources in order and {@code fixed} mark, so the written network has the
 * same parameter layout and computes the same terms in the same order. A network made of parts is
 * written flat: node {@code first.a.out} of a part becomes the node {@code first_a_out} (with more
 * underscores where that name is taken). Formula activations are written with the formula nnlang
 * derived their derivative from; two different formulas of one name (from different files) are told
 * apart by a suffix.
 *
 * <p>Not writable, each an {@link ExportException} naming the node: a parameter that is NaN or
 * infinite (no literal reads as one), a formula that uses an operation the language has no name
 * for (only models built in code have those), and a layer kind with no written form.
 */
public final class SourceWriter {

    private static final int LINE = 100;

    private final NetworkModel model;
    private final double[] params;
    private final List<String> names;
    private final Map<FormulaActivation, String> formulas;
    private final StringBuilder out = new StringBuilder();

    private SourceWriter(NetworkModel model, double[] params) {
        this.model = model;
        this.params = params;
        this.names = flatNames(model);
        this.formulas = formulaNames(model);
    }

    /** The source text of {@code model} with {@code params}, in its parameter order. */
    public static String write(NetworkModel model, double[] params) throws ExportException {
        if (params.length != model.parameterCount()) {
            throw new IllegalArgumentException("network " + model.name() + " has " + model.parameterCount()
                    + " parameters, not " + params.length);
        }
        return new SourceWriter(model, params).network();
    }

    /** Each node's name as written: its own, or a qualified name with its dots as underscores. */
    private static List<String> flatNames(NetworkModel model) {
        Set<String> taken = new HashSet<>();
        model.inputs().forEach(in -> taken.add(in.name()));
        model.nodes().stream().map(Node::name).filter(n -> !n.contains(".")).forEach(taken::add);
        List<String> names = new ArrayList<>();
        for (Node n : model.nodes()) {
            if (!n.name().contains(".")) {
                names.add(n.name());
                continue;
            }
            String separator = "_";
            while (taken.contains(n.name().replace(".", separator))) {
                separator += "_";
            }
            String name = n.name().replace(".", separator);
            taken.add(name);
            names.add(name);
        }
        return names;
    }

    /** The formula activations the nodes use, each once in order of first use, with the name each is written under. */
    private static Map<FormulaActivation, String> formulaNames(NetworkModel model) {
        Map<FormulaActivation, String> names = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (Node n : model.nodes()) {
            if (n.activation() instanceof FormulaActivation f && !names.containsKey(f)) {
                String name = f.name();
                for (int k = 2; taken.contains(name); k++) {
                    name = f.name() + "_" + k;
                }
                taken.add(name);
                names.put(f, name);
            }
        }
        return names;
    }

    private String network() throws ExportException {
        out.append("// ").append(model.name()).append(" from ").append(Path.of(model.sourceFile()).getFileName())
                .append(" with its parameters written out by nnlang ").append(NnlangVersion.get()).append(".\n");
        model.nodes().stream().filter(n -> n.name().contains(".")).findFirst().ifPresent(n -> out
                .append("// Its parts are written flat: node ").append(n.name()).append(" as ")
                .append(names.get(n.index())).append(", and so on.\n"));
        out.append("network ").append(model.name()).append(" {\n");
        out.append("    input ").append(model.inputs().stream().map(SourceWriter::input)
                .collect(Collectors.joining(", "))).append('\n');
        for (Map.Entry<FormulaActivation, String> f : formulas.entrySet()) {
            out.append("    activation ").append(f.getValue()).append("(z) = ").append(formula(f.getKey())).append('\n');
        }
        for (Node node : model.nodes()) {
            node(node);
        }
        out.append("    output ").append(referenceList(model.output().sources()));
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

    private static String formula(FormulaActivation f) throws ExportException {
        for (Expression.Op op : List.of(Expression.Op.SIGN, Expression.Op.IF_GREATER)) {
            if (f.forward().uses(op)) {
                throw new ExportException(f.pos(), "cannot write activation " + f.name() + " as .nn source: its formula uses "
                        + op.symbol() + ", which a formula cannot name");
            }
        }
        return Expression.text(f.forward(), "z");
    }

    private String activation(Node node) {
        Activation a = node.activation();
        if (a instanceof FormulaActivation f) {
            return formulas.get(f);
        }
        return a == Activation.STEP ? "perceptron" : a.keyword();
    }

    private void node(Node node) throws ExportException {
        if (!(node.layer() instanceof Dense dense)) {
            throw new ExportException(node.pos(), "cannot write node " + node.name() + " as .nn source: a "
                    + node.layer().keyword() + " layer cannot be written with its weights in the language yet, only"
                    + " neurons can; export it as onnx or safetensors");
        }
        String head = "    " + (node.fixed() ? "fixed " : "");
        int offset = model.parameterOffset(node.index());
        int biases = offset + dense.size() * dense.fanIn();
        if (node.kind() == Node.Kind.NEURON && dense.size() == 1) {
            StringBuilder line = new StringBuilder(head + "neuron " + names.get(node.index()) + " = " + activation(node) + "(");
            int w = offset;
            for (Source s : node.sources()) {
                for (Reference ref : references(s)) {
                    line.append(ref.text()).append(": ");
                    if (ref.list()) {
                        list(line, node, w, ref.length(), "        ");
                    } else {
                        line.append(number(node, w));
                    }
                    w += ref.length();
                    line.append(", ");
                }
            }
            out.append(line).append("bias: ").append(number(node, biases)).append(")\n");
            return;
        }
        out.append(head).append("layer ").append(names.get(node.index())).append(" = dense(").append(dense.size())
                .append(", ").append(activation(node)).append(") from ").append(referenceList(node.sources())).append('\n');
        StringBuilder weights = new StringBuilder("        weights [");
        for (int j = 0; j < dense.size(); j++) {
            if (j > 0) {
                weights.append(",\n                 ");
            }
            list(weights, node, offset + j * dense.fanIn(), dense.fanIn(), "                  ");
        }
        out.append(weights).append("]\n");
        StringBuilder bias = new StringBuilder("        bias ");
        list(bias, node, biases, dense.size(), "              ");
        out.append(bias).append('\n');
    }

    /** Appends {@code [p_from, …]}, starting a line with {@code indent} where one would pass {@link #LINE}. */
    private void list(StringBuilder line, Node node, int from, int length, String indent) throws ExportException {
        line.append('[');
        for (int i = 0; i < length; i++) {
            String n = number(node, from + i) + (i + 1 < length ? "," : "");
            if (i > 0) {
                if (line.length() - line.lastIndexOf("\n") + n.length() + 1 > LINE) {
                    line.append('\n').append(indent);
                } else {
                    line.append(' ');
                }
            }
            line.append(n);
        }
        line.append(']');
    }

    /** One source as written: a name or element, the elements it covers, and whether its weights are a list. */
    private record Reference(String text, int length, boolean list) {}

    /**
     * How {@code source} is written: a whole input or node by its name, else one reference per
     * element, {@code image[5]} or {@code hidden[3]}, in the order of the elements of the slice.
     */
    private List<Reference> references(Source source) {
        List<Reference> refs = new ArrayList<>();
        if (!source.isInput()) {
            Node node = model.nodes().get(source.node());
            String name = names.get(node.index());
            if (source.offset() == 0 && source.length() == node.size()) {
                refs.add(new Reference(name, node.size(), node.kind() == Node.Kind.LAYER));
            } else {
                for (int j = source.offset(); j < source.offset() + source.length(); j++) {
                    refs.add(new Reference(name + "[" + j + "]", 1, false));
                }
            }
            return refs;
        }
        int from = source.offset();
        int to = source.offset() + source.length();
        for (Input in : model.inputs()) {
            int start = Math.max(from, in.offset());
            int end = Math.min(to, in.offset() + in.size());
            if (start >= end) {
                continue;
            }
            if (in.isScalar() || start == in.offset() && end == in.offset() + in.size()) {
                refs.add(new Reference(in.name(), in.size(), !in.isScalar()));
            } else {
                for (int i = start; i < end; i++) {
                    refs.add(new Reference(in.name() + "[" + (i - in.offset()) + "]", 1, false));
                }
            }
        }
        return refs;
    }

    private String referenceList(List<Source> sources) {
        return sources.stream().flatMap(s -> references(s).stream()).map(Reference::text)
                .collect(Collectors.joining(", "));
    }

    private String number(Node node, int k) throws ExportException {
        double v = params[k];
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new ExportException(node.pos(), "cannot write node " + node.name() + " as .nn source: its "
                    + ParameterLayout.of(model).describe(k).replace(" of node " + node.name(), "")
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
