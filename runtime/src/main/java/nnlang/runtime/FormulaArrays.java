package nnlang.runtime;

import java.util.Arrays;
import nnlang.model.Expression;
import nnlang.model.FormulaActivation;
import nnlang.model.Program;

/**
 * Runs a {@link FormulaActivation}'s programs over whole arrays: one step at a time, each step a
 * plain loop over every element with its operation chosen once, outside the loop. Every value of
 * the program gets an array of the batch's length, so step k computes exactly what
 * {@link Program#evaluate} computes for each element, in the same order (tests pin this). The
 * intermediate arrays are kept from call to call and reallocated only when a longer batch comes.
 */
final class FormulaArrays {

    private final FormulaActivation f;
    /** Scratch arrays for the steps' values, at least as long as the last batch. */
    private double[][] scratch = new double[0][];

    FormulaArrays(FormulaActivation f) {
        this.f = f;
    }

    /** a_i = f(z_i) for i &lt; n. */
    void forward(double[] z, double[] a, int n) {
        double[] result = run(f.forwardProgram(), z, null, a, n);
        if (result != a) {
            System.arraycopy(result, 0, a, 0, n);
        }
    }

    /** dZ_i = gA_i · f'(z_i, a_i) for i &lt; n, the product always taken as for the built-ins. */
    void backward(double[] z, double[] a, double[] gA, double[] dZ, int n) {
        double[] d = run(f.derivativeProgram(), z, a, dZ, n);
        for (int i = 0; i < n; i++) {
            dZ[i] = gA[i] * d[i];
        }
    }

    /**
     * Runs the program; its last step writes into {@code last}, an array none of its steps reads.
     * Returns the result's array: {@code last}, or z or a themselves when the result is one of them.
     */
    private double[] run(Program p, double[] z, double[] a, double[] last, int n) {
        int steps = p.steps().size();
        if (scratch.length < steps || (steps > 0 && scratch[0].length < n)) {
            scratch = new double[Math.max(steps, scratch.length)][n];
        }
        double[][] v = new double[p.valueCount()][];
        v[Program.Z] = z;
        v[Program.A] = a;
        for (int k = 0; k < p.steps().size(); k++) {
            Program.Step s = p.steps().get(k);
            double[] out = k == steps - 1 ? last : scratch[k];
            v[k + 2] = out;
            if (s.isConstant()) {
                Arrays.fill(out, s.constant());
                continue;
            }
            double[] x = v[s.operands().get(0)];
            double[] y = s.operands().size() > 1 ? v[s.operands().get(1)] : null;
            if (s.op() == Expression.Op.IF_GREATER) {
                double[] t = v[s.operands().get(2)];
                double[] e = v[s.operands().get(3)];
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] > y[i] ? t[i] : e[i];
                }
            } else if (y == null) {
                unary(s.op(), x, out, n);
            } else {
                binary(s.op(), x, y, out, n);
            }
        }
        return v[p.result()];
    }

    private static void unary(Expression.Op op, double[] x, double[] out, int n) {
        switch (op) {
            case NEG -> { for (int i = 0; i < n; i++) { out[i] = -x[i]; } }
            case EXP -> { for (int i = 0; i < n; i++) { out[i] = Math.exp(x[i]); } }
            case LOG -> { for (int i = 0; i < n; i++) { out[i] = Math.log(x[i]); } }
            case SQRT -> { for (int i = 0; i < n; i++) { out[i] = Math.sqrt(x[i]); } }
            case ABS -> { for (int i = 0; i < n; i++) { out[i] = Math.abs(x[i]); } }
            case SIGN -> { for (int i = 0; i < n; i++) { out[i] = Math.signum(x[i]); } }
            case SIN -> { for (int i = 0; i < n; i++) { out[i] = Math.sin(x[i]); } }
            case COS -> { for (int i = 0; i < n; i++) { out[i] = Math.cos(x[i]); } }
            case TANH -> { for (int i = 0; i < n; i++) { out[i] = Math.tanh(x[i]); } }
            case SIGMOID -> { for (int i = 0; i < n; i++) { out[i] = 1.0 / (1.0 + Math.exp(-x[i])); } }
            case RELU -> { for (int i = 0; i < n; i++) { out[i] = x[i] > 0.0 ? x[i] : 0.0; } }
            case STEP -> { for (int i = 0; i < n; i++) { out[i] = x[i] > 0.0 ? 1.0 : 0.0; } }
            default -> throw new AssertionError(op);
        }
    }

    private static void binary(Expression.Op op, double[] x, double[] y, double[] out, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) { out[i] = x[i] + y[i]; } }
            case SUB -> { for (int i = 0; i < n; i++) { out[i] = x[i] - y[i]; } }
            case MUL -> { for (int i = 0; i < n; i++) { out[i] = x[i] * y[i]; } }
            case DIV -> { for (int i = 0; i < n; i++) { out[i] = x[i] / y[i]; } }
            case POW -> { for (int i = 0; i < n; i++) { out[i] = Math.pow(x[i], y[i]); } }
            case MIN -> { for (int i = 0; i < n; i++) { out[i] = Math.min(x[i], y[i]); } }
            case MAX -> { for (int i = 0; i < n; i++) { out[i] = Math.max(x[i], y[i]); } }
            default -> throw new AssertionError(op);
        }
    }
}
