package nnlang.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Expression} as straight-line code: the order in which both back ends compute a formula.
 *
 * <p>Values are numbered: 0 is z, 1 is a = f(z), then one value per step. The steps are the distinct
 * subexpressions in post-order, operands left to right, each computed once at its first use and
 * reused after (a repeated subexpression such as sigmoid's σ in σ·(1 − σ) is one step). A constant
 * is a step too. {@link #result} is the number of the value the formula yields.
 *
 * @param steps  the steps in execution order; step k defines value k + 2
 * @param result the value the formula yields (0 or 1 when it is just z or a)
 */
public record Program(List<Step> steps, int result) {
    /** Value number of z. */
    public static final int Z = 0;
    /** Value number of a = f(z). */
    public static final int A = 1;

    /**
     * One value: a constant (when {@code op} is null) or {@code op} applied to earlier values.
     *
     * @param operands value numbers, all smaller than this step's own
     */
    public record Step(Expression.Op op, double constant, List<Integer> operands) {
        public Step {
            operands = List.copyOf(operands);
        }

        public boolean isConstant() {
            return op == null;
        }
    }

    public Program {
        steps = List.copyOf(steps);
    }

    /** The straight-line form of {@code e}. */
    public static Program of(Expression e) {
        List<Step> steps = new ArrayList<>();
        Map<Expression, Integer> numbers = new LinkedHashMap<>();
        numbers.put(Expression.Z, Z);
        numbers.put(Expression.A, A);
        int result = number(e, steps, numbers);
        return new Program(steps, result);
    }

    private static int number(Expression e, List<Step> steps, Map<Expression, Integer> numbers) {
        Integer known = numbers.get(e);
        if (known != null) {
            return known;
        }
        Step step;
        if (e instanceof Expression.Constant c) {
            step = new Step(null, c.value(), List.of());
        } else {
            Expression.Apply a = (Expression.Apply) e;
            List<Integer> operands = new ArrayList<>();
            for (Expression operand : a.operands()) {
                operands.add(number(operand, steps, numbers));
            }
            step = new Step(a.op(), 0.0, operands);
        }
        steps.add(step);
        int n = steps.size() + 1;
        numbers.put(e, n);
        return n;
    }

    /** Number of values: z, a and one per step. */
    public int valueCount() {
        return steps.size() + 2;
    }

    /** Whether any step (or the result) reads value {@code v} ({@link #Z} or {@link #A}). */
    public boolean reads(int v) {
        return result == v || steps.stream().anyMatch(s -> s.operands().contains(v));
    }

    /** Runs the program on one element: the reference both back ends match bit for bit. */
    public double evaluate(double z, double a) {
        double[] values = new double[valueCount()];
        values[Z] = z;
        values[A] = a;
        for (int k = 0; k < steps.size(); k++) {
            Step s = steps.get(k);
            if (s.isConstant()) {
                values[k + 2] = s.constant();
            } else {
                double[] x = new double[s.operands().size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = values[s.operands().get(i)];
                }
                values[k + 2] = s.op().apply(x);
            }
        }
        return values[result];
    }
}
