package nnlang.compiler;

import java.util.Arrays;
import nnlang.model.Activation;
import nnlang.model.Expression;
import nnlang.model.Program;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Emits an element-wise activation and its derivative, built in or a formula of the source alike, as
 * straight-line bytecode: its {@link Program}, each step computed once, in program order, with
 * exactly the Java arithmetic of {@link Expression.Op#apply} (the same {@code Math} methods, no fused
 * multiply-add), so the class computes the interpreter's bits. A program of at most
 * {@link #INLINE_STEPS} steps (the size of a built-in's code, as {@code sigmoid(z)} and its
 * a · (1 − a)) is emitted inline at each element. A larger one is emitted once, as a private static
 * method of the generated class, {@code double activation_<name>(double z)} or
 * {@code double derivative_<name>(double z, double a)}, which each element calls and HotSpot inlines:
 * a large formula inlined into every element of an unrolled pass would push methods past the JIT's
 * 8,000-byte limit. Softmax, a function of the whole node, is not element-wise and not handled here.
 */
final class ActivationEmitter {
    private static final Type MATH = Type.getType(Math.class);
    private static final Type DOUBLE = Type.DOUBLE_TYPE;

    /** Programs of at most this many steps are emitted inline. */
    static final int INLINE_STEPS = 4;

    private ActivationEmitter() {}

    private static boolean inline(Program p) {
        return p.steps().size() <= INLINE_STEPS;
    }

    private static Method applyMethod(Activation f) {
        return new Method("activation_" + JavaNames.member(f.keyword()), DOUBLE, new Type[] {DOUBLE});
    }

    private static Method derivativeMethod(Activation f) {
        return new Method("derivative_" + JavaNames.member(f.keyword()), DOUBLE, new Type[] {DOUBLE, DOUBLE});
    }

    /** Creates a method of the generated class. */
    @FunctionalInterface
    interface Methods {
        MethodEmitter method(int access, Method method, String... argNames);
    }

    /** Writes {@code activation_<name>} and {@code derivative_<name>}, those of the two not inline. */
    static void emitMethods(Methods c, Activation f) {
        if (!inline(f.forwardProgram())) {
            MethodEmitter apply = c.method(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, applyMethod(f), "z");
            push(apply.g, f.forwardProgram(), apply.argumentToLocal(0), -1);
            apply.g.returnValue();
            apply.end();
        }
        if (!inline(f.derivativeProgram())) {
            MethodEmitter derivative = c.method(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, derivativeMethod(f),
                    "z", "a");
            push(derivative.g, f.derivativeProgram(), derivative.argumentToLocal(0), derivative.argumentToLocal(1));
            derivative.g.returnValue();
            derivative.end();
        }
    }

    /**
     * Whether {@link #multiplyByDerivative} reads z (of the built-ins only relu's derivative depends
     * on z rather than a).
     */
    static boolean derivativeReadsZ(Activation f) {
        return f.isElementwise() && f.derivativeProgram().reads(Program.Z);
    }

    /** Pushes f(z) for the double in local {@code z}. Stack: ... -&gt; ..., f(z). */
    static void apply(MethodEmitter m, Activation f, int z) {
        if (inline(f.forwardProgram())) {
            push(m.g, f.forwardProgram(), z, -1);
            return;
        }
        m.g.loadLocal(z);
        m.g.invokeStatic(m.owner(), applyMethod(f));
    }

    /**
     * Pushes f'(z, a) for the doubles in locals {@code z} (-1 when the derivative does not read z)
     * and {@code a}. Stack: ... -&gt; ..., f'(z, a).
     */
    private static void pushDerivative(MethodEmitter m, Activation f, int z, int a) {
        if (inline(f.derivativeProgram())) {
            push(m.g, f.derivativeProgram(), z, a);
            return;
        }
        if (z >= 0) {
            m.g.loadLocal(z);
        } else {
            m.g.push(0.0);
        }
        m.g.loadLocal(a);
        m.g.invokeStatic(m.owner(), derivativeMethod(f));
    }

    /**
     * Multiplies the gradient on the stack by f'(z, a), for z and a in locals ({@code z} is only read
     * when {@link #derivativeReadsZ}). Stack: ..., gA -&gt; ..., gA * f'(z, a). Products with 0.0 or
     * 1.0 are computed, as in the canonical order.
     */
    static void multiplyByDerivative(MethodEmitter m, Activation f, int z, int a) {
        pushDerivative(m, f, z, a);
        m.g.math(GeneratorAdapter.MUL, DOUBLE);
    }


    /**
     * Pushes the program's result for z and a in locals {@code z} and {@code a} ({@code a} is -1
     * when the program does not read it). Stack: ... -&gt; ..., result.
     */
    private static void push(GeneratorAdapter g, Program p, int z, int a) {
        new Emission(g, p, z, a).value(p.result());
    }

    /**
     * One program on an operand stack: each value is computed where it is first needed, operands
     * left to right, which is the program's own order; a value used again is also kept in a local
     * (a constant is pushed again instead). So {@code sigmoid(z)} and its a · (1 − a) give exactly
     * the built-in's bytecode.
     */
    private static final class Emission {
        private final GeneratorAdapter g;
        private final Program p;
        private final int[] local;
        private final int[] uses;

        Emission(GeneratorAdapter g, Program p, int z, int a) {
            this.g = g;
            this.p = p;
            this.local = new int[p.valueCount()];
            Arrays.fill(local, -1);
            local[Program.Z] = z;
            local[Program.A] = a;
            this.uses = new int[p.valueCount()];
            p.steps().forEach(s -> s.operands().forEach(v -> uses[v]++));
        }

        /** Pushes value {@code v}, computing it if this is its first use. Stack: ... -&gt; ..., v. */
        void value(int v) {
            if (local[v] >= 0) {
                g.loadLocal(local[v]);
                return;
            }
            Program.Step s = p.steps().get(v - 2);
            if (s.isConstant()) {
                g.push(s.constant());
                return;
            }
            step(s);
            if (uses[v] > 1) {
                g.dup2();
                local[v] = g.newLocal(DOUBLE);
                g.storeLocal(local[v]);
            }
        }

        /** Value {@code v} in a local, computed and stored first if need be; returns the local. */
        int inLocal(int v) {
            if (local[v] < 0) {
                value(v);
                if (local[v] < 0) {
                    local[v] = g.newLocal(DOUBLE);
                    g.storeLocal(local[v]);
                } else {
                    g.pop2();
                }
            }
            return local[v];
        }

        /** Pushes one operation applied to its operands. Stack: ... -&gt; ..., value. */
        private void step(Program.Step s) {
            Expression.Op op = s.op();
            int first = s.operands().get(0);
            switch (op) {
                case IF_GREATER -> {
                    int[] x = s.operands().stream().mapToInt(this::inLocal).toArray();
                    Label greater = new Label();
                    Label done = new Label();
                    g.loadLocal(x[0]);
                    g.loadLocal(x[1]);
                    g.ifCmp(DOUBLE, GeneratorAdapter.GT, greater);
                    g.loadLocal(x[3]);
                    g.goTo(done);
                    g.mark(greater);
                    g.loadLocal(x[2]);
                    g.mark(done);
                }
                case RELU -> {
                    value(first);
                    g.push(0.0);
                    math(g, "max", 2);
                }
                case STEP -> {
                    value(first);
                    g.push(0.0);
                    math(g, "max", 2);
                    g.push(Expression.Op.STEP_SCALE);
                    g.math(GeneratorAdapter.MUL, DOUBLE);
                    g.push(Expression.Op.STEP_SCALE);
                    g.math(GeneratorAdapter.MUL, DOUBLE);
                    g.push(1.0);
                    math(g, "min", 2);
                }
                case SIGMOID -> {
                    g.push(1.0);
                    g.push(1.0);
                    value(first);
                    g.math(GeneratorAdapter.NEG, DOUBLE);
                    math(g, "exp", 1);
                    g.math(GeneratorAdapter.ADD, DOUBLE);
                    g.math(GeneratorAdapter.DIV, DOUBLE);
                }
                case NEG -> {
                    value(first);
                    g.math(GeneratorAdapter.NEG, DOUBLE);
                }
                case ADD, SUB, MUL, DIV -> {
                    value(first);
                    value(s.operands().get(1));
                    g.math(switch (op) {
                        case ADD -> GeneratorAdapter.ADD;
                        case SUB -> GeneratorAdapter.SUB;
                        case MUL -> GeneratorAdapter.MUL;
                        default -> GeneratorAdapter.DIV;
                    }, DOUBLE);
                }
                case POW, MIN, MAX -> {
                    value(first);
                    value(s.operands().get(1));
                    math(g, op == Expression.Op.POW ? "pow" : op == Expression.Op.MIN ? "min" : "max", 2);
                }
                case EXP, LOG, SQRT, ABS, SIN, COS, TANH -> {
                    value(first);
                    math(g, op.symbol(), 1);
                }
                case SIGN -> {
                    value(first);
                    math(g, "signum", 1);
                }
            }
        }
    }

    /** Calls {@code Math.name} on the {@code arity} doubles on the stack. */
    private static void math(GeneratorAdapter g, String name, int arity) {
        g.invokeStatic(MATH, Method.getMethod("double " + name + (arity == 1 ? "(double)" : "(double,double)")));
    }
}
