package nnlang.compiler;

import nnlang.model.Activation;
import nnlang.model.BuiltinActivation;
import nnlang.model.FormulaActivation;
import nnlang.model.Program;
import org.objectweb.asm.Label;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Emits an element-wise activation and its derivative inline, with exactly the arithmetic of
 * {@link Activation#apply} and {@link Activation#derivative}: no call, no switch, in the generated
 * code. A formula activation is emitted by {@link FormulaEmitter}: inline when small, else a call
 * of a static method of the class. Softmax, a function of the whole node, is not element-wise and not
 * handled here.
 */
final class ActivationEmitter {
    private static final Type MATH = Type.getType(Math.class);

    private ActivationEmitter() {}

    /**
     * Whether {@link #multiplyByDerivative} reads z (of the built-ins only relu's derivative depends
     * on z rather than a; a formula's when its derivative program does).
     */
    static boolean derivativeReadsZ(Activation f) {
        if (f instanceof FormulaActivation formula) {
            return formula.derivativeProgram().reads(Program.Z);
        }
        return f == Activation.RELU;
    }

    /**
     * Pushes f(z) for the double in local {@code z}. Stack: ... -&gt; ..., f(z).
     * Sigmoid 1.0 / (1.0 + Math.exp(-z)); tanh Math.tanh(z); relu z &gt; 0.0 ? z : 0.0; linear z;
     * step z &gt; 0.0 ? 1.0 : 0.0 (NaN takes the second branch, as in Java source).
     */
    static void apply(MethodEmitter m, Activation f, int z) {
        GeneratorAdapter g = m.g;
        if (f instanceof FormulaActivation formula) {
            FormulaEmitter.pushApply(m, formula, z);
            return;
        }
        switch ((BuiltinActivation) f) {
            case SIGMOID -> {
                g.push(1.0);
                g.push(1.0);
                g.loadLocal(z);
                g.math(GeneratorAdapter.NEG, Type.DOUBLE_TYPE);
                g.invokeStatic(MATH, Method.getMethod("double exp(double)"));
                g.math(GeneratorAdapter.ADD, Type.DOUBLE_TYPE);
                g.math(GeneratorAdapter.DIV, Type.DOUBLE_TYPE);
            }
            case TANH -> {
                g.loadLocal(z);
                g.invokeStatic(MATH, Method.getMethod("double tanh(double)"));
            }
            case RELU -> positiveOrZero(g, z, () -> g.loadLocal(z));
            case LINEAR -> g.loadLocal(z);
            case STEP -> positiveOrZero(g, z, () -> g.push(1.0));
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not element-wise");
        }
    }

    /**
     * Multiplies the gradient on the stack by f'(z, a), for z and a in locals ({@code z} is only read
     * when {@link #derivativeReadsZ}). Stack: ..., gA -&gt; ..., gA * f'(z, a). Sigmoid
     * gA * (a * (1.0 - a)); tanh gA * (1.0 - a * a); relu gA * (z &gt; 0.0 ? 1.0 : 0.0); step gA * 0.0;
     * linear gA * 1.0. Products with 0.0 or 1.0 are computed, as in the canonical order.
     */
    static void multiplyByDerivative(MethodEmitter m, Activation f, int z, int a) {
        GeneratorAdapter g = m.g;
        if (f instanceof FormulaActivation formula) {
            FormulaEmitter.pushDerivative(m, formula, z, a);
            g.math(GeneratorAdapter.MUL, Type.DOUBLE_TYPE);
            return;
        }
        switch ((BuiltinActivation) f) {
            case SIGMOID -> {
                g.loadLocal(a);
                g.push(1.0);
                g.loadLocal(a);
                g.math(GeneratorAdapter.SUB, Type.DOUBLE_TYPE);
                g.math(GeneratorAdapter.MUL, Type.DOUBLE_TYPE);
            }
            case TANH -> {
                g.push(1.0);
                g.loadLocal(a);
                g.loadLocal(a);
                g.math(GeneratorAdapter.MUL, Type.DOUBLE_TYPE);
                g.math(GeneratorAdapter.SUB, Type.DOUBLE_TYPE);
            }
            case RELU -> positiveOrZero(g, z, () -> g.push(1.0));
            case STEP -> g.push(0.0);
            case LINEAR -> g.push(1.0);
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not element-wise");
        }
        g.math(GeneratorAdapter.MUL, Type.DOUBLE_TYPE);
    }

    /** Pushes {@code z > 0.0 ? <ifPositive> : 0.0}. Stack: ... -&gt; ..., value. */
    static void positiveOrZero(GeneratorAdapter g, int z, Runnable ifPositive) {
        Label positive = new Label();
        Label done = new Label();
        g.loadLocal(z);
        g.push(0.0);
        g.ifCmp(Type.DOUBLE_TYPE, GeneratorAdapter.GT, positive);
        g.push(0.0);
        g.goTo(done);
        g.mark(positive);
        ifPositive.run();
        g.mark(done);
    }
}
