package nnlang.model;

import java.util.List;

/**
 * An element-wise formula over one real variable: the body of a user-defined activation and of its
 * derivative. Expressions are immutable trees with structural equality, so equal subexpressions are
 * one value; {@link Program} evaluates each distinct subexpression once.
 *
 * <p>Every operation is defined by one Java expression (see {@link Op#apply}); both back ends
 * compute exactly that, so a formula gives the same bits whichever runs it.
 */
public sealed interface Expression {

    /** A number. */
    record Constant(double value) implements Expression {
        @Override
        public boolean equals(Object o) {
            // Bit equality: 0.0 and -0.0 are different constants, NaN equals itself.
            return o instanceof Constant c && Double.doubleToRawLongBits(c.value) == Double.doubleToRawLongBits(value);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(Double.doubleToRawLongBits(value));
        }
    }

    /** The activation's parameter z (the pre-activation). */
    record Parameter() implements Expression {}

    /** The activation's value a = f(z), which a derivative may read instead of recomputing f. */
    record Value() implements Expression {}

    /** An operation applied to its operands, as many as {@link Op#arity}. */
    record Apply(Op op, List<Expression> operands) implements Expression {
        public Apply {
            operands = List.copyOf(operands);
            if (operands.size() != op.arity()) {
                throw new IllegalArgumentException(op + " takes " + op.arity() + " operands, not " + operands.size());
            }
        }
    }

    /** z. */
    Parameter Z = new Parameter();
    /** a = f(z). */
    Value A = new Value();

    static Expression constant(double value) {
        return new Constant(value);
    }

    static Expression apply(Op op, Expression... operands) {
        return new Apply(op, List.of(operands));
    }

    /**
     * The expression as a formula would write it, with {@code parameter} for z, {@code a} for the
     * value a = f(z), and only the parentheses precedence needs; {@code IF_GREATER} is written
     * {@code if_greater(x, y, then, else)}.
     */
    static String text(Expression e, String parameter) {
        StringBuilder out = new StringBuilder();
        write(e, parameter, 0, out);
        return out.toString();
    }

    /** Binding strength: + - 1, * / 2, prefix minus 3, ^ 4, calls and leaves 5. */
    private static int precedence(Expression e) {
        if (e instanceof Apply a && a.op().isOperator()) {
            return switch (a.op()) {
                case ADD, SUB -> 1;
                case MUL, DIV -> 2;
                case NEG -> 3;
                default -> 4;
            };
        }
        if (e instanceof Constant c && (c.value() < 0 || Double.doubleToRawLongBits(c.value()) == Long.MIN_VALUE)) {
            return 3;
        }
        return 5;
    }

    private static void write(Expression e, String parameter, int context, StringBuilder out) {
        int own = precedence(e);
        boolean parens = own < context;
        if (parens) {
            out.append('(');
        }
        if (e instanceof Constant c) {
            double v = c.value();
            out.append(v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v));
            if (Double.doubleToRawLongBits(v) == Long.MIN_VALUE) {
                out.setLength(out.length() - 1);
                out.append("-0");
            }
        } else if (e instanceof Parameter) {
            out.append(parameter);
        } else if (e instanceof Value) {
            out.append('a');
        } else {
            Apply a = (Apply) e;
            List<Expression> x = a.operands();
            switch (a.op()) {
                case NEG -> {
                    out.append('-');
                    write(x.get(0), parameter, 4, out);
                }
                case ADD, SUB, MUL, DIV -> {
                    write(x.get(0), parameter, own, out);
                    out.append(' ').append(a.op().symbol()).append(' ');
                    write(x.get(1), parameter, own + 1, out);
                }
                case POW -> {
                    write(x.get(0), parameter, 5, out);
                    out.append('^');
                    write(x.get(1), parameter, 4, out);
                }
                default -> {
                    out.append(a.op().symbol()).append('(');
                    for (int i = 0; i < x.size(); i++) {
                        out.append(i > 0 ? ", " : "");
                        write(x.get(i), parameter, 0, out);
                    }
                    out.append(')');
                }
            }
        }
        if (parens) {
            out.append(')');
        }
    }

    /** Whether this expression contains {@code op} anywhere. */
    default boolean uses(Op op) {
        return this instanceof Apply a && (a.op == op || a.operands.stream().anyMatch(e -> e.uses(op)));
    }

    /** Whether this expression contains {@code leaf} ({@link #Z} or {@link #A}). */
    default boolean reads(Expression leaf) {
        return equals(leaf) || this instanceof Apply a && a.operands.stream().anyMatch(e -> e.reads(leaf));
    }

    /**
     * The operations. Each is exactly the Java expression in its {@link #apply} and in both back
     * ends: no other rounding, no fused multiply-add.
     */
    enum Op {
        /** -x */
        NEG("-", 1),
        /** x + y */
        ADD("+", 2),
        /** x - y */
        SUB("-", 2),
        /** x * y */
        MUL("*", 2),
        /** x / y */
        DIV("/", 2),
        /** Math.pow(x, y) */
        POW("^", 2),
        /** Math.exp(x) */
        EXP("exp", 1),
        /** Math.log(x), the natural logarithm */
        LOG("log", 1),
        /** Math.sqrt(x) */
        SQRT("sqrt", 1),
        /** Math.abs(x) */
        ABS("abs", 1),
        /** Math.signum(x): -1, 0 or 1 (and ±0 for ±0) */
        SIGN("sign", 1),
        /** Math.sin(x) */
        SIN("sin", 1),
        /** Math.cos(x) */
        COS("cos", 1),
        /** Math.tanh(x), as the built-in tanh */
        TANH("tanh", 1),
        /** 1.0 / (1.0 + Math.exp(-x)), as the built-in sigmoid */
        SIGMOID("sigmoid", 1),
        /**
         * Math.max(x, 0.0), as the built-in relu: x when x &gt; 0, +0.0 for every other number, NaN
         * for NaN
         */
        RELU("relu", 1),
        /**
         * Math.min((Math.max(x, 0.0) · 2^1023) · 2^1023, 1.0), as the built-in step: 1.0 when
         * x &gt; 0 (the two exact products take even the least positive double to at least 1),
         * +0.0 for every other number, NaN for NaN; computed without a comparison, as relu is, so
         * that a loop over them has no branch to mispredict and vectorises
         */
        STEP("step", 1),
        /** Math.min(x, y) */
        MIN("min", 2),
        /** Math.max(x, y) */
        MAX("max", 2),
        /** x &gt; y ? t : e (both branches are computed; NaN takes e) */
        IF_GREATER("if_greater", 4);

        private final String symbol;
        private final int arity;

        Op(String symbol, int arity) {
            this.symbol = symbol;
            this.arity = arity;
        }

        /** The operator or function name as written in a formula. */
        public String symbol() {
            return symbol;
        }

        public int arity() {
            return arity;
        }

        /** Whether this is written as an infix operator (or prefix minus) rather than a call. */
        public boolean isOperator() {
            return ordinal() <= POW.ordinal();
        }

        /** {@link #RELU} of {@code x}. */
        public static double relu(double x) {
            return Math.max(x, 0.0);
        }

        /** {@link #STEP} of {@code x}. */
        public static double step(double x) {
            return Math.min((Math.max(x, 0.0) * STEP_SCALE) * STEP_SCALE, 1.0);
        }

        /** 2^1023: twice a factor of it takes the least positive double, 2^-1074, to 2^972. */
        public static final double STEP_SCALE = 0x1p1023;

        /** The operation on scalars; {@code x} holds the operands in order. */
        public double apply(double... x) {
            return switch (this) {
                case NEG -> -x[0];
                case ADD -> x[0] + x[1];
                case SUB -> x[0] - x[1];
                case MUL -> x[0] * x[1];
                case DIV -> x[0] / x[1];
                case POW -> Math.pow(x[0], x[1]);
                case EXP -> Math.exp(x[0]);
                case LOG -> Math.log(x[0]);
                case SQRT -> Math.sqrt(x[0]);
                case ABS -> Math.abs(x[0]);
                case SIGN -> Math.signum(x[0]);
                case SIN -> Math.sin(x[0]);
                case COS -> Math.cos(x[0]);
                case TANH -> Math.tanh(x[0]);
                case SIGMOID -> 1.0 / (1.0 + Math.exp(-x[0]));
                case RELU -> relu(x[0]);
                case STEP -> step(x[0]);
                case MIN -> Math.min(x[0], x[1]);
                case MAX -> Math.max(x[0], x[1]);
                case IF_GREATER -> x[0] > x[1] ? x[2] : x[3];
            };
        }
    }
}
