package nnlang.frontend.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.Formula;
import nnlang.frontend.syntax.Name;
import nnlang.frontend.syntax.NodeDecl;
import nnlang.frontend.syntax.NodeDecl.LayerValue;
import nnlang.frontend.syntax.NumberLiteral;
import nnlang.model.Conv;

/**
 * The arguments of one image layer, checked: {@code conv(FILTERS, KH x KW, ACT)} and
 * {@code maxpool(KH x KW)}, {@code avgpool(KH x KW)} in that order, then named ones: {@code stride: S}
 * or {@code stride: SY x SX} (default 1 for a conv, the window for a pool) and, for a conv,
 * {@code padding: valid} (the default) or {@code padding: same}. Every number may be a formula of
 * the constants in scope ({@code k x k}, {@code 2 * filters}); a lone name where a number is
 * expected is a constant. Reports {@code missing-argument},
 * {@code unexpected-argument} (a positional argument of the wrong kind or one too many),
 * {@code unknown-argument}, {@code duplicate-argument}, {@code unknown-padding}, {@code bad-size},
 * {@code not-integer}, {@code too-large} and a separator other than {@code x} ({@code syntax}).
 *
 * @param kind    {@code conv}, {@code maxpool} or {@code avgpool}
 * @param filters the number of filters of a conv, 0 for a pool
 */
record ImageLayerArguments(String kind, int filters, int kernelHeight, int kernelWidth, int strideY, int strideX,
                           Conv.Padding padding) {

    /** One positional argument: what it is called in messages, and its kind. */
    private record Expected(String what, Class<? extends LayerValue> type, String example) {}

    private static final List<Expected> CONV = List.of(
            new Expected("the number of filters", LayerValue.Count.class, "20"),
            new Expected("the kernel size", LayerValue.Extent.class, "5 x 5"),
            new Expected("the activation", LayerValue.Word.class, "relu"));
    private static final List<Expected> POOL = List.of(
            new Expected("the window size", LayerValue.Extent.class, "2 x 2"));

    /** The named arguments each kind takes, as messages list them. */
    static List<String> named(String kind) {
        return kind.equals(Conv.KEYWORD) ? List.of("stride", "padding") : List.of("stride");
    }

    /** An example of the kind's arguments, for messages. */
    static String example(String kind) {
        return kind + "(" + String.join(", ", expected(kind).stream().map(Expected::example).toList()) + ")";
    }

    private static List<Expected> expected(String kind) {
        return kind.equals(Conv.KEYWORD) ? CONV : POOL;
    }

    /** The checked arguments of {@code decl}, or empty after reporting what is wrong with them. */
    static Optional<ImageLayerArguments> check(NodeDecl.ImageLayer decl, Constants constants, Reporter reporter) {
        int before = reporter.count();
        String kind = decl.kind().text();
        String layer = kind + " " + decl.name().text();
        List<Expected> expected = expected(kind);
        List<LayerValue> positional = new ArrayList<>();
        Map<String, NodeDecl.LayerArg> named = new LinkedHashMap<>();
        for (NodeDecl.LayerArg arg : decl.args()) {
            if (arg.label().isPresent()) {
                nameArgument(kind, arg, named, reporter);
                continue;
            }
            int k = positional.size();
            LayerValue value = k < expected.size() && expected.get(k).type() == LayerValue.Count.class
                    ? asNumber(arg.value(), constants) : arg.value();
            if (k >= expected.size()) {
                reporter.error("unexpected-argument", arg.pos(), layer + " takes " + whats(expected) + ", then named "
                        + "arguments (" + String.join(", ", named(kind)) + "); this is one argument too many",
                        "write it as " + example(kind));
            } else if (!expected.get(k).type().isInstance(value)) {
                reporter.error("unexpected-argument", arg.pos(), "expected " + expected.get(k).what() + " of " + layer
                        + ", such as " + expected.get(k).example() + ", but found " + text(value),
                        "write it as " + example(kind));
            }
            positional.add(value);
        }
        for (int k = positional.size(); k < expected.size() && reporter.count() == before; k++) {
            reporter.error("missing-argument", decl.kind().pos(), layer + " needs " + expected.get(k).what() + ", such as "
                    + expected.get(k).example(), "write it as " + example(kind));
        }
        if (reporter.count() > before) {
            return Optional.empty();
        }
        boolean conv = kind.equals(Conv.KEYWORD);
        int filters = conv ? size(((LayerValue.Count) positional.get(0)).value(), "the number of filters of " + layer,
                constants, reporter) : 0;
        int[] kernel = extent((LayerValue.Extent) positional.get(conv ? 1 : 0),
                conv ? "the kernel of " + layer : "the window of " + layer, constants, reporter);
        int[] stride = conv ? new int[] {1, 1} : kernel;
        if (named.containsKey("stride")) {
            stride = stride(named.get("stride"), layer, constants, reporter);
        }
        Conv.Padding padding = Conv.Padding.VALID;
        if (named.containsKey("padding")) {
            padding = padding(named.get("padding"), reporter);
        }
        if (reporter.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new ImageLayerArguments(kind, filters, kernel[0], kernel[1], stride[0], stride[1], padding));
    }

    private static void nameArgument(String kind, NodeDecl.LayerArg arg, Map<String, NodeDecl.LayerArg> named,
            Reporter reporter) {
        Name label = arg.label().orElseThrow();
        List<String> allowed = named(kind);
        if (!allowed.contains(label.text())) {
            reporter.error("unknown-argument", label.pos(), kind + " has no argument " + label.text() + "; it takes "
                    + String.join(", ", allowed), Suggestions.didYouMean(label.text(), allowed));
        } else if (named.containsKey(label.text())) {
            reporter.error("duplicate-argument", label.pos(), label.text() + " is already given at column "
                    + named.get(label.text()).pos().column());
        } else {
            named.put(label.text(), arg);
        }
    }

    private static int[] stride(NodeDecl.LayerArg arg, String layer, Constants constants, Reporter reporter) {
        LayerValue value = asNumber(arg.value(), constants);
        if (value instanceof LayerValue.Count count) {
            int s = size(count.value(), "the stride of " + layer, constants, reporter);
            return new int[] {s, s};
        }
        if (value instanceof LayerValue.Extent extent) {
            return extent(extent, "the stride of " + layer, constants, reporter);
        }
        reporter.error("unexpected-argument", value.pos(), "the stride of " + layer + " is a number of positions, "
                + "such as 2, or one for rows and one for columns, such as 2 x 1; found " + text(value));
        return new int[] {1, 1};
    }

    /** {@code value}, or when it is a word that names a constant, that constant as a number. */
    private static LayerValue asNumber(LayerValue value, Constants constants) {
        if (value instanceof LayerValue.Word word && constants.position(word.word().text()) != null) {
            return new LayerValue.Count(new Formula.Variable(word.word(), word.pos()));
        }
        return value;
    }

    private static Conv.Padding padding(NodeDecl.LayerArg arg, Reporter reporter) {
        List<String> known = List.of(Conv.Padding.VALID.keyword(), Conv.Padding.SAME.keyword());
        String written = text(arg.value());
        if (arg.value() instanceof LayerValue.Word && known.contains(written)) {
            return written.equals(Conv.Padding.SAME.keyword()) ? Conv.Padding.SAME : Conv.Padding.VALID;
        }
        reporter.error("unknown-padding", arg.value().pos(), "padding is valid (none) or same (zeros around the image, "
                + "so that a stride of 1 keeps its size), found " + written, Suggestions.didYouMean(written, known));
        return Conv.Padding.VALID;
    }

    /** Rows and columns of {@code KH x KW}, each a size; 1 where one was reported. */
    private static int[] extent(LayerValue.Extent extent, String what, Constants constants, Reporter reporter) {
        if (!extent.separator().text().equals("x")) {
            reporter.error("syntax", extent.separator().pos(), "expected 'x' between rows and columns, found '"
                    + extent.separator().text() + "'", "write a size as 5 x 5");
        }
        return new int[] {size(extent.rows(), what + " (rows)", constants, reporter),
            size(extent.columns(), what + " (columns)", constants, reporter)};
    }

    /**
     * The size {@code f} folds to; 1 where a problem was reported or {@code f} reads a constant that
     * failed (reported where it is declared), a placeholder that fits any image.
     */
    private static int size(Formula f, String what, Constants constants, Reporter reporter) {
        Optional<NumberLiteral> literal = constants.fold(f);
        return literal.isEmpty() ? 1 : (int) Literals.size(literal.get(), what, reporter).orElse(1);
    }

    private static String whats(List<Expected> expected) {
        List<String> names = expected.stream().map(Expected::what).toList();
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String text(LayerValue value) {
        if (value instanceof LayerValue.Count count) {
            return count.value().text();
        }
        if (value instanceof LayerValue.Extent extent) {
            return extent.rows().text() + " " + extent.separator().text() + " " + extent.columns().text();
        }
        return ((LayerValue.Word) value).word().text();
    }
}
