package nnlang.runtime;

import nnlang.model.Activation;
import nnlang.model.Expression;
import nnlang.model.Program;

/**
 * Runs an element-wise {@link Activation}'s programs over whole arrays: one step at a time, each step
 * a plain loop over every element with its operation chosen once, outside the loop. Step k computes
 * for each element exactly what {@link Program#evaluate} computes, in the same order (tests pin
 * this). A constant is not spread over an array: it stays one number, and an operation with a
 * constant operand loops over the other operand alone (so sigmoid's a · (1 − a) is two loops). The
 * intermediate arrays are kept from call to call and reallocated only when a longer batch comes.
 */
final class FormulaArrays {

    private final Program forward;
    private final Program derivative;
    /** Scratch arrays for the steps' values, at least as long as the last batch. */
    private double[][] scratch = new double[0][];

    FormulaArrays(Activation f) {
        this.forward = f.forwardProgram();
        this.derivative = f.derivativeProgram();
    }

    /** a_i = f(z_i) for i &lt; n. */
    void forward(double[] z, double[] a, int n) {
        Value result = run(forward, z, null, a, n);
        if (result.array == null) {
            java.util.Arrays.fill(a, 0, n, result.scalar);
        } else if (result.array != a) {
            System.arraycopy(result.array, 0, a, 0, n);
        }
    }

    /** dZ_i = gA_i · f'(z_i, a_i) for i &lt; n, the product always taken (also by 0.0 or 1.0). */
    void backward(double[] z, double[] a, double[] gA, double[] dZ, int n) {
        Value d = run(derivative, z, a, dZ, n);
        if (d.array == null) {
            double c = d.scalar;
            for (int i = 0; i < n; i++) {
                dZ[i] = gA[i] * c;
            }
        } else {
            double[] ds = d.array;
            for (int i = 0; i < n; i++) {
                dZ[i] = gA[i] * ds[i];
            }
        }
    }

    /** A value of a program over the batch: one number for every element, or an array. */
    private record Value(double[] array, double scalar) {
        static Value of(double[] array) {
            return new Value(array, 0.0);
        }

        static Value constant(double value) {
            return new Value(null, value);
        }
    }

    /**
     * Runs the program; a last step that is not constant writes into {@code last}, an array none of
     * its steps reads. Returns the result: {@code last}, z or a themselves, another step's array, or
     * a constant.
     */
    private Value run(Program p, double[] z, double[] a, double[] last, int n) {
        int steps = p.steps().size();
        if (scratch.length < steps || (steps > 0 && scratch[0].length < n)) {
            scratch = new double[Math.max(steps, scratch.length)][Math.max(n, scratch.length == 0 ? 0 : scratch[0].length)];
        }
        Value[] v = new Value[p.valueCount()];
        v[Program.Z] = Value.of(z);
        v[Program.A] = Value.of(a);
        for (int k = 0; k < steps; k++) {
            Program.Step s = p.steps().get(k);
            if (s.isConstant()) {
                v[k + 2] = Value.constant(s.constant());
                continue;
            }
            Value[] x = new Value[s.operands().size()];
            boolean allConstant = true;
            for (int i = 0; i < x.length; i++) {
                x[i] = v[s.operands().get(i)];
                allConstant &= x[i].array == null;
            }
            if (allConstant) {
                double[] operands = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    operands[i] = x[i].scalar;
                }
                v[k + 2] = Value.constant(s.op().apply(operands));
                continue;
            }
            double[] out = k == steps - 1 ? last : scratch[k];
            apply(s.op(), x, out, n);
            v[k + 2] = Value.of(out);
        }
        return v[p.result()];
    }

    /** out_i = op(x_i...) for i &lt; n; at least one operand is an array. */
    private static void apply(Expression.Op op, Value[] x, double[] out, int n) {
        if (x.length == 1) {
            unary(op, x[0].array, out, n);
        } else if (x.length == 2 && x[0].array != null && x[1].array != null) {
            binary(op, x[0].array, x[1].array, out, n);
        } else if (x.length == 2 && x[0].array == null) {
            constantFirst(op, x[0].scalar, x[1].array, out, n);
        } else if (x.length == 2) {
            constantSecond(op, x[0].array, x[1].scalar, out, n);
        } else {
            double[][] arrays = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                arrays[i] = x[i].array != null ? x[i].array : filled(x[i].scalar, n);
            }
            ifGreater(arrays, out, n);
        }
    }

    private static double[] filled(double value, int n) {
        double[] array = new double[n];
        java.util.Arrays.fill(array, value);
        return array;
    }

    private static void ifGreater(double[][] x, double[] out, int n) {
        double[] p = x[0];
        double[] q = x[1];
        double[] t = x[2];
        double[] e = x[3];
        for (int i = 0; i < n; i++) {
            out[i] = p[i] > q[i] ? t[i] : e[i];
        }
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

    private static void constantFirst(Expression.Op op, double x, double[] y, double[] out, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) { out[i] = x + y[i]; } }
            case SUB -> { for (int i = 0; i < n; i++) { out[i] = x - y[i]; } }
            case MUL -> { for (int i = 0; i < n; i++) { out[i] = x * y[i]; } }
            case DIV -> { for (int i = 0; i < n; i++) { out[i] = x / y[i]; } }
            case POW -> { for (int i = 0; i < n; i++) { out[i] = Math.pow(x, y[i]); } }
            case MIN -> { for (int i = 0; i < n; i++) { out[i] = Math.min(x, y[i]); } }
            case MAX -> { for (int i = 0; i < n; i++) { out[i] = Math.max(x, y[i]); } }
            default -> throw new AssertionError(op);
        }
    }

    private static void constantSecond(Expression.Op op, double[] x, double y, double[] out, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) { out[i] = x[i] + y; } }
            case SUB -> { for (int i = 0; i < n; i++) { out[i] = x[i] - y; } }
            case MUL -> { for (int i = 0; i < n; i++) { out[i] = x[i] * y; } }
            case DIV -> { for (int i = 0; i < n; i++) { out[i] = x[i] / y; } }
            case POW -> { for (int i = 0; i < n; i++) { out[i] = Math.pow(x[i], y); } }
            case MIN -> { for (int i = 0; i < n; i++) { out[i] = Math.min(x[i], y); } }
            case MAX -> { for (int i = 0; i < n; i++) { out[i] = Math.max(x[i], y); } }
            default -> throw new AssertionError(op);
        }
    }
}
