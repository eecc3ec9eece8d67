package nnlang.frontend.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.ActivationDecl;
import nnlang.frontend.syntax.Formula;
import nnlang.frontend.syntax.NumberLiteral;
import nnlang.model.BuiltinActivation;
import nnlang.model.Expression;
import nnlang.model.Expression.Op;
import nnlang.model.FormulaActivation;

/**
 * The activation pass: turns each {@code activation NAME(z) = FORMULA} of a network into a
 * {@link FormulaActivation}. It resolves every name in the formula, inlines calls of other
 * user-defined activations, derives the derivative ({@link Differentiator}) and checks it
 * numerically ({@link DerivativeCheck}). A name other than the parameter may be a constant in scope
 * ({@code let c = 2}), which stands for its value. Reports {@code duplicate-name} (a second
 * definition, or a built-in activation's or function's name), {@code unknown-variable},
 * {@code unknown-function}, {@code wrong-arity}, {@code recursive-activation}, {@code too-large} (a number) and
 * {@code derivative-check}.
 */
final class Formulas {

    /** The functions a formula may call besides activations: name, operation, arity. */
    private static final Map<String, Op> FUNCTIONS = functions();

    private final Map<String, ActivationDecl> declared = new LinkedHashMap<>();
    private final Map<String, Expression> built = new LinkedHashMap<>();
    private final Set<String> inCycle = new HashSet<>();
    private final Constants constants;
    private final Reporter reporter;

    private Formulas(Constants constants, Reporter reporter) {
        this.constants = constants;
        this.reporter = reporter;
    }

    /** The operation of function {@code name} (exp, log, ..., and the element-wise built-ins), or null. */
    static Op function(String name) {
        return FUNCTIONS.get(name);
    }

    private static Map<String, Op> functions() {
        Map<String, Op> functions = new LinkedHashMap<>();
        for (Op op : List.of(Op.EXP, Op.LOG, Op.SQRT, Op.ABS, Op.SIN, Op.COS, Op.MIN, Op.MAX, Op.SIGMOID,
                Op.TANH, Op.RELU, Op.STEP)) {
            functions.put(op.symbol(), op);
        }
        return functions;
    }

    /** The names a formula may call that are not user-defined: functions and element-wise built-ins. */
    static List<String> builtinNames() {
        return Stream.concat(FUNCTIONS.keySet().stream(), Stream.of(BuiltinActivation.LINEAR.keyword())).toList();
    }

    /**
     * The network's formula activations by name, in declaration order; empty when a problem was
     * reported.
     */
    static Optional<Map<String, FormulaActivation>> build(List<ActivationDecl> decls, Constants constants,
                                                          Reporter reporter) {
        int before = reporter.count();
        Formulas formulas = new Formulas(constants, reporter);
        for (ActivationDecl decl : decls) {
            formulas.declare(decl);
        }
        for (ActivationDecl decl : formulas.declared.values()) {
            formulas.resolve(decl.body(), decl);
        }
        if (reporter.count() > before) {
            return Optional.empty();
        }
        for (ActivationDecl decl : formulas.declared.values()) {
            formulas.checkRecursion(decl, new ArrayList<>());
        }
        if (reporter.count() > before) {
            return Optional.empty();
        }
        Map<String, FormulaActivation> result = new LinkedHashMap<>();
        for (ActivationDecl decl : formulas.declared.values()) {
            Expression forward = formulas.forward(decl);
            FormulaActivation f = new FormulaActivation(decl.name().text(), forward,
                    Differentiator.derivative(forward), decl.name().pos());
            DerivativeCheck.report(f, reporter);
            result.put(f.name(), f);
        }
        return reporter.count() > before ? Optional.empty() : Optional.of(result);
    }

    private void declare(ActivationDecl decl) {
        String name = decl.name().text();
        boolean activation = BuiltinActivation.byKeyword(name) != null || name.equals(NodeBuilder.PERCEPTRON);
        if (activation || FUNCTIONS.containsKey(name)) {
            reporter.error("duplicate-name", decl.name().pos(), name + " is already a built-in "
                    + (activation ? "activation" : "function") + "; an activation needs a name of its own",
                    "choose another name, such as my_" + name);
            return;
        }
        ActivationDecl earlier = declared.putIfAbsent(name, decl);
        if (earlier != null) {
            reporter.error("duplicate-name", decl.name().pos(), "activation " + name
                    + " is already defined at line " + earlier.name().pos().line());
        }
    }

    /** Reports every name in {@code f} that does not resolve, and every call of the wrong arity. */
    private void resolve(Formula f, ActivationDecl decl) {
        if (f instanceof Formula.Number n) {
            Literals.finite(n.value(), reporter);
        } else if (f instanceof Formula.Variable v) {
            if (!v.name().text().equals(decl.parameter().text()) && constant(v).isEmpty()) {
                reporter.error("unknown-variable", v.pos(), "the formula of " + decl.name().text() + " has one "
                        + "variable, " + decl.parameter().text() + ", not " + v.name().text(),
                        "an activation is a function of its parameter; other names must be constants");
            }
        } else if (f instanceof Formula.Negate n) {
            resolve(n.operand(), decl);
        } else if (f instanceof Formula.Binary b) {
            resolve(b.left(), decl);
            resolve(b.right(), decl);
        } else {
            Formula.Call call = (Formula.Call) f;
            call.args().forEach(arg -> resolve(arg, decl));
            String name = call.function().text();
            int arity = FUNCTIONS.containsKey(name) ? FUNCTIONS.get(name).arity()
                    : declared.containsKey(name) || name.equals(BuiltinActivation.LINEAR.keyword()) ? 1 : -1;
            if (arity < 0) {
                List<String> known = Stream.concat(builtinNames().stream(), declared.keySet().stream()).toList();
                String hint = name.equals(BuiltinActivation.SOFTMAX.keyword())
                        ? "softmax works on a whole layer, not on one number"
                        : Suggestions.didYouMean(name, known);
                reporter.error("unknown-function", call.function().pos(), "unknown function " + name
                        + " in a formula; expected one of " + String.join(", ", known), hint);
            } else if (call.args().size() != arity) {
                reporter.error("wrong-arity", call.function().pos(), name + " takes " + arity + " argument"
                        + (arity == 1 ? "" : "s") + ", not " + call.args().size());
            }
        }
    }

    /** The constant {@code v} names, when it names one whose value is known. */
    private Optional<NumberLiteral> constant(Formula.Variable v) {
        return constants.lookup(v.name().text());
    }

    /** Reports a call chain that leads back to the start of {@code path}, once per cycle. */
    private void checkRecursion(ActivationDecl decl, List<String> path) {
        if (path.isEmpty() && inCycle.contains(decl.name().text())) {
            return;
        }
        path.add(decl.name().text());
        for (Formula.Call call : calls(decl.body())) {
            ActivationDecl callee = declared.get(call.function().text());
            if (callee == null) {
                continue;
            }
            int start = path.indexOf(callee.name().text());
            if (start == 0) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(callee.name().text());
                inCycle.addAll(path);
                reporter.error("recursive-activation", call.function().pos(), "activation " + path.get(0)
                        + " calls itself: " + String.join(" -> ", cycle), "a formula cannot be recursive");
            } else if (start < 0) {
                checkRecursion(callee, path);
            }
        }
        path.remove(path.size() - 1);
    }

    private static List<Formula.Call> calls(Formula f) {
        List<Formula.Call> calls = new ArrayList<>();
        if (f instanceof Formula.Call c) {
            calls.add(c);
            c.args().forEach(arg -> calls.addAll(calls(arg)));
        } else if (f instanceof Formula.Negate n) {
            calls.addAll(calls(n.operand()));
        } else if (f instanceof Formula.Binary b) {
            calls.addAll(calls(b.left()));
            calls.addAll(calls(b.right()));
        }
        return calls;
    }

    /** The simplified formula of {@code decl}, with the activations it calls inlined. */
    private Expression forward(ActivationDecl decl) {
        Expression known = built.get(decl.name().text());
        if (known == null) {
            known = expression(decl.body(), decl.parameter().text());
            built.put(decl.name().text(), known);
        }
        return known;
    }

    /** The expression of {@code f}, a formula of {@code parameter}, whose other names are constants. */
    private Expression expression(Formula f, String parameter) {
        if (f instanceof Formula.Number n) {
            return Expression.constant(n.value().value());
        }
        if (f instanceof Formula.Variable v) {
            return v.name().text().equals(parameter) ? Expression.Z
                    : Expression.constant(constant(v).orElseThrow().value());
        }
        if (f instanceof Formula.Negate n) {
            return Simplifier.apply(Op.NEG, expression(n.operand(), parameter));
        }
        if (f instanceof Formula.Binary b) {
            Op op = switch (b.op()) {
                case '+' -> Op.ADD;
                case '-' -> Op.SUB;
                case '*' -> Op.MUL;
                case '/' -> Op.DIV;
                default -> Op.POW;
            };
            return Simplifier.apply(op, expression(b.left(), parameter), expression(b.right(), parameter));
        }
        Formula.Call call = (Formula.Call) f;
        Expression[] args = call.args().stream().map(a -> expression(a, parameter)).toArray(Expression[]::new);
        String name = call.function().text();
        if (FUNCTIONS.containsKey(name)) {
            return Simplifier.apply(FUNCTIONS.get(name), args);
        }
        if (name.equals(BuiltinActivation.LINEAR.keyword())) {
            return args[0];
        }
        return Simplifier.replace(forward(declared.get(name)), Expression.Z, args[0]);
    }
}
