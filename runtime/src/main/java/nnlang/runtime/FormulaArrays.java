package nnlang.runtime;

import java.util.Arrays;
import nnlang.model.Activation;
import nnlang.model.Expression;
import nnlang.model.Program;

/**
 * Runs an element-wise {@link Activation}'s programs over whole arrays: one step at a time, each step
 * a plain loop over every element with its operation chosen once, outside the loop. Step k computes
 * for each element exactly what {@link Program#evaluate} computes, in the same order (tests pin
 * this). A value that is the same for every element (a constant, or a step of constants only) is
 * worked out once, when the runner is made, and stays one number: an operation with such an operand
 * loops over the other operand alone (so sigmoid's a · (1 − a) is two loops). Nothing is allocated
 * per call; the intermediate arrays are kept and grow only when a longer batch comes.
 */
final class FormulaArrays {

    private final Plan forward;
    private final Plan derivative;

    FormulaArrays(Activation f) {
        this.forward = new Plan(f.forwardProgram());
        this.derivative = new Plan(f.derivativeProgram());
    }

    /** a_i = f(z_i) for i &lt; n. */
    void forward(double[] z, double[] a, int n) {
        double[] result = forward.run(z, null, a, null, n);
        if (result == null) {
            Arrays.fill(a, 0, n, forward.resultConstant());
        } else if (result != a) {
            System.arraycopy(result, 0, a, 0, n);
        }
    }

    /** dZ_i = gA_i · f'(z_i, a_i) for i &lt; n, the product always taken (also by 0.0 or 1.0). */
    void backward(double[] z, double[] a, double[] gA, double[] dZ, int n) {
        if (derivative.endsInStep()) {
            derivative.run(z, a, dZ, gA, n);
            return;
        }
        double[] d = derivative.run(z, a, dZ, null, n);
        if (d == null) {
            double c = derivative.resultConstant();
            for (int i = 0; i < n; i++) {
                dZ[i] = gA[i] * c;
            }
        } else {
            for (int i = 0; i < n; i++) {
                dZ[i] = gA[i] * d[i];
            }
        }
    }

    /**
     * One program with what does not change from call to call worked out: which values are one number
     * for every element and what that number is, and each step's operation and operands.
     */
    private static final class Plan {
        private final Program program;
        /** Per value: whether it is one number for every element. */
        private final boolean[] uniform;
        /** Per uniform value: the number. */
        private final double[] number;
        /** Per value: its array in the current call (z, a, a scratch array or the last step's output). */
        private final double[][] arrays;
        /** Per step: its loop over the elements, chosen once from its operation and operands; null when uniform. */
        private final Kernel[] kernels;
        /** Scratch arrays for the steps' values, at least as long as the last batch. */
        private double[][] scratch = new double[0][];

        Plan(Program program) {
            this.program = program;
            int values = program.valueCount();
            this.uniform = new boolean[values];
            this.number = new double[values];
            this.arrays = new double[values][];
            this.kernels = new Kernel[program.steps().size()];
            for (int k = 0; k < program.steps().size(); k++) {
                Program.Step s = program.steps().get(k);
                int v = k + 2;
                if (s.isConstant()) {
                    uniform[v] = true;
                    number[v] = s.constant();
                    continue;
                }
                boolean all = true;
                double[] x = new double[s.operands().size()];
                for (int i = 0; i < x.length; i++) {
                    int operand = s.operands().get(i);
                    all &= uniform[operand];
                    x[i] = number[operand];
                }
                if (all) {
                    uniform[v] = true;
                    number[v] = s.op().apply(x);
                } else {
                    kernels[k] = kernel(s.op(), s.operands().stream().mapToInt(Integer::intValue).toArray());
                }
            }
        }

        /** The loop of a step whose operands are value numbers {@code o}, not all uniform. */
        private Kernel kernel(Expression.Op op, int[] o) {
            if (o.length == 1) {
                return (v, g, out, n) -> unary(op, v[o[0]], g, out, n);
            }
            if (o.length == 2 && uniform[o[0]]) {
                double x = number[o[0]];
                return (v, g, out, n) -> constantFirst(op, x, v[o[1]], g, out, n);
            }
            if (o.length == 2 && uniform[o[1]]) {
                double y = number[o[1]];
                return (v, g, out, n) -> constantSecond(op, v[o[0]], y, g, out, n);
            }
            if (o.length == 2) {
                return (v, g, out, n) -> binary(op, v[o[0]], v[o[1]], g, out, n);
            }
            return (v, g, out, n) -> {
                double[][] values = new double[4][];
                for (int i = 0; i < 4; i++) {
                    values[i] = uniform[o[i]] ? filled(number[o[i]], n) : v[o[i]];
                }
                ifGreater(values, g, out, n);
            };
        }

        double resultConstant() {
            return number[program.result()];
        }

        /** Whether the result is the last step's value and differs from element to element. */
        boolean endsInStep() {
            int result = program.result();
            return result == kernels.length + 1 && !uniform[result];
        }

        /**
         * Runs the program; a last step that is not uniform writes into {@code last}, an array none of
         * its steps reads, and, when {@code times} is not null, writes times_i · its value (the product
         * taken after the value, as a separate multiplication would). Returns the result's array
         * ({@code last}, z or a themselves, or another step's array), or null when the result is
         * uniform ({@link #resultConstant}).
         */
        double[] run(double[] z, double[] a, double[] last, double[] times, int n) {
            int steps = kernels.length;
            if (scratch.length < steps || (steps > 0 && scratch[0].length < n)) {
                scratch = new double[steps][Math.max(n, scratch.length == 0 ? 0 : scratch[0].length)];
            }
            arrays[Program.Z] = z;
            arrays[Program.A] = a;
            for (int k = 0; k < steps; k++) {
                int v = k + 2;
                if (uniform[v]) {
                    continue;
                }
                boolean isLast = k == steps - 1;
                double[] out = isLast ? last : scratch[k];
                kernels[k].run(arrays, isLast ? times : null, out, n);
                arrays[v] = out;
            }
            int result = program.result();
            return uniform[result] ? null : arrays[result];
        }
    }

    /**
     * One step's loop: out_i from the values' arrays {@code v}, for i &lt; n; when {@code g} is not
     * null, g_i · that value instead.
     */
    @FunctionalInterface
    private interface Kernel {
        void run(double[][] v, double[] g, double[] out, int n);
    }

    private static double[] filled(double value, int n) {
        double[] array = new double[n];
        Arrays.fill(array, value);
        return array;
    }

    private static void ifGreater(double[][] x, double[] g, double[] out, int n) {
        double[] p = x[0];
        double[] q = x[1];
        double[] t = x[2];
        double[] e = x[3];
        for (int i = 0; i < n; i++) {
            double value = p[i] > q[i] ? t[i] : e[i];
            out[i] = g == null ? value : g[i] * value;
        }
    }

    private static void unary(Expression.Op op, double[] x, double[] g, double[] out, int n) {
        if (g != null) {
            unary(op, x, out, n);
            for (int i = 0; i < n; i++) {
                out[i] = g[i] * out[i];
            }
            return;
        }
        unary(op, x, out, n);
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
            case RELU -> { for (int i = 0; i < n; i++) { out[i] = Expression.Op.relu(x[i]); } }
            case STEP -> { for (int i = 0; i < n; i++) { out[i] = Expression.Op.step(x[i]); } }
            default -> throw new AssertionError(op);
        }
    }

    private static void binary(Expression.Op op, double[] x, double[] y, double[] g, double[] out, int n) {
        if (g == null) {
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
            return;
        }
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) { out[i] = g[i] * (x[i] + y[i]); } }
            case SUB -> { for (int i = 0; i < n; i++) { out[i] = g[i] * (x[i] - y[i]); } }
            case MUL -> { for (int i = 0; i < n; i++) { out[i] = g[i] * (x[i] * y[i]); } }
            case DIV -> { for (int i = 0; i < n; i++) { out[i] = g[i] * (x[i] / y[i]); } }
            case POW -> { for (int i = 0; i < n; i++) { out[i] = g[i] * Math.pow(x[i], y[i]); } }
            case MIN -> { for (int i = 0; i < n; i++) { out[i] = g[i] * Math.min(x[i], y[i]); } }
            case MAX -> { for (int i = 0; i < n; i++) { out[i] = g[i] * Math.max(x[i], y[i]); } }
            default -> throw new AssertionError(op);
        }
    }

    private static void constantFirst(Expression.Op op, double x, double[] y, double[] g, double[] out, int n) {
        if (g == null) {
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
            return;
        }
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) { out[i] = g[i] * (x + y[i]); } }
            case SUB -> { for (int i = 0; i < n; i++) { out[i] = g[i] * (x - y[i]); } }
            case MUL -> { for (int i = 0; i < n; i++) { out[i] = g[i] * (x * y[i]); } }
            case DIV -> { for (int i = 0; i < n; i++) { out[i] = g[i] * (x / y[i]); } }
            case POW -> { for (int i = 0; i < n; i++) { out[i] = g[i] * Math.pow(x, y[i]); } }
            case MIN -> { for (int i = 0; i < n; i++) { out[i] = g[i] * Math.min(x, y[i]); } }
            case MAX -> { for (int i = 0; i < n; i++) { out[i] = g[i] * Math.max(x, y[i]); } }
            default -> throw new AssertionError(op);
        }
    }

    private static void constantSecond(Expression.Op op, double[] x, double y, double[] g, double[] out, int n) {
        if (g == null) {
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
            return;
        }
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) { out[i] = g[i] * (x[i] + y); } }
            case SUB -> { for (int i = 0; i < n; i++) { out[i] = g[i] * (x[i] - y); } }
            case MUL -> { for (int i = 0; i < n; i++) { out[i] = g[i] * (x[i] * y); } }
            case DIV -> { for (int i = 0; i < n; i++) { out[i] = g[i] * (x[i] / y); } }
            case POW -> { for (int i = 0; i < n; i++) { out[i] = g[i] * Math.pow(x[i], y); } }
            case MIN -> { for (int i = 0; i < n; i++) { out[i] = g[i] * Math.min(x[i], y); } }
            case MAX -> { for (int i = 0; i < n; i++) { out[i] = g[i] * Math.max(x[i], y); } }
            default -> throw new AssertionError(op);
        }
    }
}
