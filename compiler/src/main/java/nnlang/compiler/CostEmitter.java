package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;
import static nnlang.compiler.MethodEmitter.DOUBLES;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import nnlang.model.Cost;
import nnlang.model.Source;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.Method;

/**
 * Emits one sample's cost, and the cost's gradient at an output, by calling {@link Cost}'s own
 * per-output functions ({@link Cost#quadraticTerm}, {@link Cost#crossEntropyTerm},
 * {@link Cost#outputGradient}), which the interpreter's {@link Cost#value} calls too: c = 0.0, then
 * each output's term in ascending output order. They are small static methods the JIT inlines, so the
 * generated code has no output array, no switch and no call left once compiled.
 */
final class CostEmitter {
    /** Up to this many outputs, a sample's cost is emitted term by term; beyond, {@link Cost#value} is called. */
    static final int INLINE_OUTPUTS = 64;

    private static final Type COST = Type.getType(Cost.class);
    private static final Method QUADRATIC = Method.getMethod("double quadraticTerm(double, double, double)");
    private static final Method CROSS_ENTROPY =
            Method.getMethod("double crossEntropyTerm(double, double, double, boolean)");
    private static final Method OUTPUT_GRADIENT = Method.getMethod("double outputGradient(double, double)");

    private CostEmitter() {}

    /**
     * Whether {@code sampleCost()} gathers the outputs into {@code out} and calls {@link Cost#value}:
     * for more than {@link #INLINE_OUTPUTS} outputs.
     */
    static boolean gathersOutputs(NetworkPlan plan) {
        return plan.model.outputSize() > INLINE_OUTPUTS;
    }

    /**
     * Pushes the cost of outputs {@code a(k)} against targets {@code y(k)}, k in [0, outputs), where
     * {@code pushA} and {@code pushY} emit code that pushes one double each. Stack: ... -&gt; ..., cost.
     */
    static void push(MethodEmitter m, Cost cost, boolean softmax, int outputs, IntConsumer pushA, IntConsumer pushY) {
        m.g.push(0.0);
        for (int k = 0; k < outputs; k++) {
            pushA.accept(k);
            pushY.accept(k);
            if (cost == Cost.QUADRATIC) {
                m.g.invokeStatic(COST, QUADRATIC);
            } else {
                m.g.push(softmax);
                m.g.invokeStatic(COST, CROSS_ENTROPY);
            }
        }
    }

    /** Pushes the cost's gradient at an output, a - y, for a and y pushed by the runnables. Stack: ... -&gt; ..., a - y. */
    static void pushOutputGradient(MethodEmitter m, Runnable pushA, Runnable pushY) {
        pushA.run();
        pushY.run();
        m.g.invokeStatic(COST, OUTPUT_GRADIENT);
    }

    /**
     * {@code double sampleCost()}: the current sample's cost, from its outputs (elements of {@code in}
     * and of the nodes' {@code a_} fields) and {@code y}. Term by term for up to
     * {@link #INLINE_OUTPUTS} outputs; beyond, the outputs are copied into {@code out} and
     * {@code Cost.<cost>.value(out, y, softmax)} is called. Either way the same arithmetic in the same
     * order.
     */
    static void emitSampleCost(ClassGenerator cls) {
        NetworkPlan plan = cls.plan();
        MethodEmitter m = cls.method(Opcodes.ACC_PRIVATE, "double sampleCost()");
        if (!gathersOutputs(plan)) {
            List<String> fields = new ArrayList<>();
            List<Integer> indices = new ArrayList<>();
            for (Source s : plan.model.output().sources()) {
                for (int t = 0; t < s.length(); t++) {
                    fields.add(plan.field(s));
                    indices.add(s.offset() + t);
                }
            }
            push(m, plan.cost, plan.model.hasSoftmaxOutput(), plan.model.outputSize(), k -> {
                m.getField(fields.get(k), DOUBLES);
                m.g.push(indices.get(k));
                m.g.arrayLoad(DOUBLE);
            }, k -> {
                m.getField(Buffer.TARGET.field(), DOUBLES);
                m.g.push(k);
                m.g.arrayLoad(DOUBLE);
            });
            m.g.returnValue();
            m.end();
            return;
        }
        cls.copyOutputs(m, () -> m.getField(Buffer.INPUT.field(), DOUBLES),
                () -> m.getField(Buffer.OUTPUTS.field(), DOUBLES));
        m.g.getStatic(COST, plan.cost.name(), COST);
        m.getField(Buffer.OUTPUTS.field(), DOUBLES);
        m.getField(Buffer.TARGET.field(), DOUBLES);
        m.g.push(plan.model.hasSoftmaxOutput());
        m.g.invokeVirtual(COST, Method.getMethod("double value(double[], double[], boolean)"));
        m.g.returnValue();
        m.end();
    }
}
