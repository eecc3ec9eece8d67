package nnlang.compiler;

import nnlang.model.Expression;
import nnlang.model.FormulaActivation;
import nnlang.model.Program;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Emits a formula activation and its derivative as straight-line bytecode: its {@link Program}, each
 * step computed once into a new local, in program order, with exactly the Java arithmetic of
 * {@link Expression.Op#apply} (the same {@code Math} methods, no fused multiply-add), so the class
 * computes the interpreter's bits. A program of at most {@link #INLINE_STEPS} steps (the size of a
 * built-in's code, as {@code sigmoid(z)} and its a · (1 − a)) is emitted inline at each element.
 * A larger one is emitted once, as a private static method of the generated class,
 * {@code double activation_<name>(double z)} or {@code double derivative_<name>(double z, double a)},
 * which each element calls and HotSpot inlines: a large formula inlined into every element of an
 * unrolled pass would push methods past the JIT's 8,000-byte limit.
 */
final class FormulaEmitter {
    private static final Type MATH = Type.getType(Math.class);
    private static final Type DOUBLE = Type.DOUBLE_TYPE;

    /** Programs of at most this many steps are emitted inline. */
    static final int INLINE_STEPS = 4;

    private FormulaEmitter() {}

    private static boolean inline(Program p) {
        return p.steps().size() <= INLINE_STEPS;
    }

    private static Method applyMethod(FormulaActivation f) {
        return new Method("activation_" + f.name(), DOUBLE, new Type[] {DOUBLE});
    }

    private static Method derivativeMethod(FormulaActivation f) {
        return new Method("derivative_" + f.name(), DOUBLE, new Type[] {DOUBLE, DOUBLE});
    }

    /** Writes {@code activation_<name>} and {@code derivative_<name>}, those of the two not inline. */
    static void emitMethods(NetworkClass c, FormulaActivation f) {
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

    /** Pushes f(z) for the double in local {@code z}. Stack: ... -&gt; ..., f(z). */
    static void pushApply(MethodEmitter m, FormulaActivation f, int z) {
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
    static void pushDerivative(MethodEmitter m, FormulaActivation f, int z, int a) {
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
     * Pushes the program's result for z and a in locals {@code z} and {@code a} ({@code a} is -1
     * when the program does not read it). Stack: ... -&gt; ..., result.
     */
    private static void push(GeneratorAdapter g, Program p, int z, int a) {
        int[] local = new int[p.valueCount()];
        local[Program.Z] = z;
        local[Program.A] = a;
        for (int k = 0; k < p.steps().size(); k++) {
            Program.Step s = p.steps().get(k);
            if (s.isConstant()) {
                g.push(s.constant());
            } else {
                step(g, s, local);
            }
            local[k + 2] = g.newLocal(DOUBLE);
            g.storeLocal(local[k + 2]);
        }
        g.loadLocal(local[p.result()]);
    }

    /** Pushes one operation applied to its operands' locals. Stack: ... -&gt; ..., value. */
    private static void step(GeneratorAdapter g, Program.Step s, int[] local) {
        Expression.Op op = s.op();
        int x = local[s.operands().get(0)];
        switch (op) {
            case IF_GREATER -> {
                Label greater = new Label();
                Label done = new Label();
                g.loadLocal(x);
                g.loadLocal(local[s.operands().get(1)]);
                g.ifCmp(DOUBLE, GeneratorAdapter.GT, greater);
                g.loadLocal(local[s.operands().get(3)]);
                g.goTo(done);
                g.mark(greater);
                g.loadLocal(local[s.operands().get(2)]);
                g.mark(done);
            }
            case RELU -> ActivationEmitter.positiveOrZero(g, x, () -> g.loadLocal(x));
            case STEP -> ActivationEmitter.positiveOrZero(g, x, () -> g.push(1.0));
            case SIGMOID -> {
                g.push(1.0);
                g.push(1.0);
                g.loadLocal(x);
                g.math(GeneratorAdapter.NEG, DOUBLE);
                math(g, "exp", 1);
                g.math(GeneratorAdapter.ADD, DOUBLE);
                g.math(GeneratorAdapter.DIV, DOUBLE);
            }
            case NEG -> {
                g.loadLocal(x);
                g.math(GeneratorAdapter.NEG, DOUBLE);
            }
            case ADD, SUB, MUL, DIV -> {
                g.loadLocal(x);
                g.loadLocal(local[s.operands().get(1)]);
                g.math(switch (op) {
                    case ADD -> GeneratorAdapter.ADD;
                    case SUB -> GeneratorAdapter.SUB;
                    case MUL -> GeneratorAdapter.MUL;
                    default -> GeneratorAdapter.DIV;
                }, DOUBLE);
            }
            case POW, MIN, MAX -> {
                g.loadLocal(x);
                g.loadLocal(local[s.operands().get(1)]);
                math(g, op == Expression.Op.POW ? "pow" : op == Expression.Op.MIN ? "min" : "max", 2);
            }
            case EXP, LOG, SQRT, ABS, SIN, COS, TANH -> {
                g.loadLocal(x);
                math(g, op.symbol(), 1);
            }
            case SIGN -> {
                g.loadLocal(x);
                math(g, "signum", 1);
            }
        }
    }

    /** Calls {@code Math.name} on the {@code arity} doubles on the stack. */
    private static void math(GeneratorAdapter g, String name, int arity) {
        g.invokeStatic(MATH, Method.getMethod("double " + name + (arity == 1 ? "(double)" : "(double,double)")));
    }
}
