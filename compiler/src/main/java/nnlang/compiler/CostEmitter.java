package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;

import java.util.function.IntConsumer;
import nnlang.model.Cost;
import org.objectweb.asm.Label;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Emits one sample's cost inline, with exactly the arithmetic of {@link Cost#value}, term by term
 * in ascending output order: no output array, no call, no switch in the generated code.
 * <ul>
 *   <li>quadratic: c = 0.0; then for each k, d = a_k - y_k and c = c + 0.5 * d * d;
 *   <li>cross-entropy: c = 0.0; then for each k, c = c - y_k * log(a_k) unless y_k is 0.0, and, unless
 *       the output is one softmax node, c = c - (1.0 - y_k) * log1p(-a_k) unless y_k is 1.0.
 * </ul>
 */
final class CostEmitter {
    private static final Type MATH = Type.getType(Math.class);

    private CostEmitter() {}

    /**
     * Pushes the cost of outputs {@code a(k)} against targets {@code y(k)}, k in [0, outputs), where
     * {@code pushA} and {@code pushY} emit code that pushes one double each. Stack: ... -&gt; ..., cost.
     */
    static void push(MethodEmitter m, Cost cost, boolean softmax, int outputs, IntConsumer pushA, IntConsumer pushY) {
        GeneratorAdapter g = m.g;
        int c = m.newLocal("cost", DOUBLE);
        int y = m.newLocal("yk", DOUBLE);
        int d = m.newLocal("d", DOUBLE);
        g.push(0.0);
        g.storeLocal(c);
        for (int k = 0; k < outputs; k++) {
            pushY.accept(k);
            g.storeLocal(y);
            if (cost == Cost.QUADRATIC) {
                pushA.accept(k);
                g.loadLocal(y);
                g.math(GeneratorAdapter.SUB, DOUBLE);
                g.storeLocal(d);
                g.loadLocal(c);
                g.push(0.5);
                g.loadLocal(d);
                g.math(GeneratorAdapter.MUL, DOUBLE);
                g.loadLocal(d);
                g.math(GeneratorAdapter.MUL, DOUBLE);
                g.math(GeneratorAdapter.ADD, DOUBLE);
                g.storeLocal(c);
                continue;
            }
            int index = k;
            subtractUnless(m, c, y, 0.0, () -> {
                g.loadLocal(y);
                pushA.accept(index);
                g.invokeStatic(MATH, Method.getMethod("double log(double)"));
            });
            if (!softmax) {
                subtractUnless(m, c, y, 1.0, () -> {
                    g.push(1.0);
                    g.loadLocal(y);
                    g.math(GeneratorAdapter.SUB, DOUBLE);
                    pushA.accept(index);
                    g.math(GeneratorAdapter.NEG, DOUBLE);
                    g.invokeStatic(MATH, Method.getMethod("double log1p(double)"));
                });
            }
        }
        g.loadLocal(c);
    }

    /** {@code if (y != value) c = c - factor * term}, where {@code pushFactorAndTerm} pushes both. Stack unchanged. */
    private static void subtractUnless(MethodEmitter m, int c, int y, double value, Runnable pushFactorAndTerm) {
        GeneratorAdapter g = m.g;
        Label skip = new Label();
        g.loadLocal(y);
        g.push(value);
        g.ifCmp(DOUBLE, GeneratorAdapter.EQ, skip);
        g.loadLocal(c);
        pushFactorAndTerm.run();
        g.math(GeneratorAdapter.MUL, DOUBLE);
        g.math(GeneratorAdapter.SUB, DOUBLE);
        g.storeLocal(c);
        g.mark(skip);
    }
}
