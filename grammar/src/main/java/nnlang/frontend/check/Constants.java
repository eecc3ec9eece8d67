package nnlang.frontend.check;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Stream;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.Formula;
import nnlang.frontend.syntax.LetDecl;
import nnlang.frontend.syntax.NumberLiteral;
import nnlang.model.Expression.Op;
import nnlang.model.SourcePos;

/**
 * The constants in scope in a network, and the folding of every number written as a formula
 * ({@code -2 * c}, {@code dense(2 * n, sigmoid)}, {@code sgd(rate: r / 10, ...)}) into one value.
 * Folding uses exactly the Java operations of {@link Op#apply} in the formula's order, so a folded
 * number is the double those operations give; both back ends then see only the result.
 *
 * <p>A number written directly is returned as written, so the checks that read its text (an
 * integer must be written without a point) see it unchanged. A computed number is written as its
 * value: an integer value without a point, so {@code 3 * 10} and {@code n} (with {@code let n = 30})
 * are integers. Reports {@code unknown-constant} (a name that is no constant, with a close name as
 * hint), {@code unknown-function}, {@code wrong-arity}, {@code too-large} (an infinite result),
 * {@code not-a-number} (a NaN result, such as {@code 0 / 0} or {@code log(-1)}) and
 * {@code duplicate-name} (a constant declared twice).
 */
final class Constants {
    /** The constants of the enclosing scope (the file's, for a network's), or null. */
    private final Constants parent;
    private final Map<String, NumberLiteral> values = new LinkedHashMap<>();
    private final Map<String, SourcePos> declared = new LinkedHashMap<>();
    /** Constants whose own formula was reported: references to them report nothing more. */
    private final Set<String> failed = new HashSet<>();
    private final Reporter reporter;

    private Constants(Constants parent, Reporter reporter) {
        this.parent = parent;
        this.reporter = reporter;
    }

    /** No constants at all. */
    static Constants none(Reporter reporter) {
        return new Constants(null, reporter);
    }

    /** A file's constants, each folded from those declared before it. */
    static Constants file(List<LetDecl> lets, Reporter reporter) {
        Constants file = new Constants(null, reporter);
        for (LetDecl let : lets) {
            file.declare(let, Optional.empty());
        }
        return file;
    }

    /**
     * A network's constants on top of its file's: each folded from those before it, unless
     * {@code overrides} (set by a part that uses the network) gives its value.
     */
    Constants network(List<LetDecl> lets, Map<String, NumberLiteral> overrides, Reporter reporter) {
        Constants network = new Constants(this, reporter);
        for (LetDecl let : lets) {
            network.declare(let, Optional.ofNullable(overrides.get(let.name().text())));
        }
        return network;
    }

    /** The same constants, reporting to {@code other}. */
    Constants reportingTo(Reporter other) {
        Constants copy = new Constants(parent == null ? null : parent.reportingTo(other), other);
        copy.values.putAll(values);
        copy.declared.putAll(declared);
        copy.failed.addAll(failed);
        return copy;
    }

    private void declare(LetDecl let, Optional<NumberLiteral> given) {
        String name = let.name().text();
        SourcePos earlier = position(name);
        if (earlier != null) {
            reporter.error("duplicate-name", let.name().pos(), "constant " + name + " is already declared at line "
                    + earlier.line() + ", column " + earlier.column());
            return;
        }
        declared.put(name, let.name().pos());
        Optional<NumberLiteral> value = given.isPresent() ? given : fold(let.value());
        if (value.isPresent()) {
            values.put(name, value.get());
        } else {
            failed.add(name);
        }
    }

    /** The values of this scope's own constants that folded, in declaration order. */
    Map<String, Double> values() {
        Map<String, Double> own = new LinkedHashMap<>();
        values.forEach((name, literal) -> own.put(name, literal.value()));
        return own;
    }

    /** Where constant {@code name} is declared in this scope or the enclosing one, or null. */
    SourcePos position(String name) {
        SourcePos pos = declared.get(name);
        return pos != null || parent == null ? pos : parent.position(name);
    }

    /** Every constant in scope, the enclosing scope's first. */
    private List<String> allNames() {
        List<String> own = List.copyOf(declared.keySet());
        return parent == null ? own : Stream.concat(parent.allNames().stream(), own.stream()).toList();
    }

    /** The value of constant {@code name}, if it is one and its formula folded. */
    Optional<NumberLiteral> lookup(String name) {
        NumberLiteral value = values.get(name);
        if (value != null || declared.containsKey(name) || parent == null) {
            return Optional.ofNullable(value);
        }
        return parent.lookup(name);
    }

    /** Whether {@code name} is a constant whose formula was already reported. */
    private boolean isFailed(String name) {
        return failed.contains(name) || (!declared.containsKey(name) && parent != null && parent.isFailed(name));
    }

    /**
     * The value of {@code f}: a number written directly as written, a computed one as its value
     * (see the class comment), positioned at the formula. Empty after reporting a problem.
     */
    Optional<NumberLiteral> fold(Formula f) {
        if (f instanceof Formula.Number n) {
            return Optional.of(n.value());
        }
        OptionalDouble value = evaluate(f);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        double v = value.getAsDouble();
        if (Double.isNaN(v)) {
            reporter.error("not-a-number", f.pos(), "this formula gives NaN, which is not a number",
                    "NaN comes from 0 / 0, log or sqrt of a negative number, or infinity minus infinity");
            return Optional.empty();
        }
        if (Double.isInfinite(v)) {
            reporter.error("too-large", f.pos(), "this formula gives " + (v > 0 ? "" : "minus ") + "infinity, "
                    + "which is too large for a number");
            return Optional.empty();
        }
        return Optional.of(new NumberLiteral(text(v), v, f.pos()));
    }

    /** The text of a computed value: an integer value in plain digits, anything else as Java writes it. */
    static String text(double v) {
        if (v == Math.rint(v)) {
            return new BigDecimal(v).toPlainString();
        }
        return Double.toString(v);
    }

    /** The formula's double, or empty after reporting (nothing more is said of a failed constant). */
    private OptionalDouble evaluate(Formula f) {
        if (f instanceof Formula.Number n) {
            return OptionalDouble.of(n.value().value());
        }
        if (f instanceof Formula.Variable v) {
            String name = v.name().text();
            Optional<NumberLiteral> value = lookup(name);
            if (value.isPresent()) {
                return OptionalDouble.of(value.get().value());
            }
            if (!isFailed(name)) {
                reporter.error("unknown-constant", v.pos(), name + " is not a constant"
                        + (allNames().isEmpty() ? "; no constant is declared here" : ""),
                        Optional.ofNullable(Suggestions.didYouMean(name, allNames()))
                                .orElse("declare it first: let " + name + " = ..."));
            }
            return OptionalDouble.empty();
        }
        if (f instanceof Formula.Negate n) {
            return apply(Op.NEG, List.of(n.operand()));
        }
        if (f instanceof Formula.Binary b) {
            Op op = switch (b.op()) {
                case '+' -> Op.ADD;
                case '-' -> Op.SUB;
                case '*' -> Op.MUL;
                case '/' -> Op.DIV;
                default -> Op.POW;
            };
            return apply(op, List.of(b.left(), b.right()));
        }
        Formula.Call call = (Formula.Call) f;
        String name = call.function().text();
        Op op = Formulas.function(name);
        if (op == null) {
            List<String> known = Formulas.builtinNames().stream().filter(n -> Formulas.function(n) != null).toList();
            reporter.error("unknown-function", call.function().pos(), "unknown function " + name + " in a number; "
                    + "expected one of " + String.join(", ", known), Suggestions.didYouMean(name, known));
            return OptionalDouble.empty();
        }
        if (call.args().size() != op.arity()) {
            reporter.error("wrong-arity", call.function().pos(), name + " takes " + op.arity() + " argument"
                    + (op.arity() == 1 ? "" : "s") + ", not " + call.args().size());
            return OptionalDouble.empty();
        }
        return apply(op, call.args());
    }

    /** {@code op} applied to the operands' values, left to right, as {@link Op#apply} computes it. */
    private OptionalDouble apply(Op op, List<Formula> operands) {
        double[] x = new double[operands.size()];
        boolean ok = true;
        for (int i = 0; i < x.length; i++) {
            OptionalDouble v = evaluate(operands.get(i));
            ok &= v.isPresent();
            x[i] = v.orElse(0.0);
        }
        return ok ? OptionalDouble.of(op.apply(x)) : OptionalDouble.empty();
    }
}
