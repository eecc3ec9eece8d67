package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;
import static nnlang.compiler.MethodEmitter.DOUBLES;
import static nnlang.compiler.MethodEmitter.ROWS;

import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * Emits each node's gradient bookkeeping around a batch: {@code clear_<node>()} sets gW and gb to
 * 0.0; {@code update_<node>(double c)} applies w = w + c * gW and b = b + c * gb;
 * {@code updateDecayed_<node>(double c, double decay)} applies w = decay * w + c * gW and
 * b = b + c * gb. Both updates set each gradient sum to 0.0 once it is used, in the same pass, so
 * that the next batch needs no pass of its own to clear them. Looped nodes update row by row (column by column for a column node, whose gW is
 * stored by column too) with the plain loop index, which C2 vectorises. A fixed node's update changes
 * no parameter: it only sets its sums to 0.0.
 */
final class UpdateEmitter {
    private UpdateEmitter() {}

    /** Into a method without arguments. */
    static void emitClear(MethodEmitter m, NodePlan p) {
        GeneratorAdapter g = m.g;
        int gW = m.fieldToLocal(p.field("gW"), ROWS);
        int gb = m.fieldToLocal(p.field("gb"), DOUBLES);
        int row = m.newLocal("gWj", DOUBLES);
        m.forRange("j", 0, p.weightRows(), p.unrolled, j -> {
            m.loadElement(gW, j, DOUBLES);
            g.storeLocal(row);
            m.forRange("i", 0, p.weightRowLength(), p.unrolled, i -> m.storeZero(row, i));
        });
        m.forRange("j", 0, p.size, p.unrolled, j -> m.storeZero(gb, j));
    }

    /**
     * Into a method with arguments {@code (double c)}, or {@code (double c, double decay)} when
     * {@code decayed}: the node's parameters and sums in its arrays, each sum set to 0.0 once used.
     */
    static void emitUpdate(MethodEmitter m, NodePlan p, boolean decayed) {
        emitUpdate(m, p, Values.fields(m), () -> m.g.loadArg(0), decayed ? () -> m.g.loadArg(1) : null, true);
    }

    /**
     * w = w + c * gW and b = b + c * gb, or w = decay * w + c * gW when {@code pushDecay} is not null,
     * for the parameters and sums where {@code values} has them; {@code pushC} and {@code pushDecay}
     * push c and decay. When {@code clearSums}, each sum is set to 0.0 once used. A fixed node's
     * parameters are left as they are (its sums are still cleared). Stack unchanged.
     */
    static void emitUpdate(MethodEmitter m, NodePlan p, Values values, Runnable pushC, Runnable pushDecay,
            boolean clearSums) {
        if (p.node.fixed()) {
            if (clearSums) {
                emitClear(m, p);
            }
            return;
        }
        GeneratorAdapter g = m.g;
        Values.Matrix w = values.matrix(p, "w");
        Vec b = values.vector(p, "b");
        Values.Matrix gW = values.matrix(p, "gW");
        Vec gb = values.vector(p, "gb");
        m.forRange("j", 0, p.weightRows(), p.unrolled, j -> {
            Vec wj = w.row(j);
            Vec gWj = gW.row(j);
            m.forRange("i", 0, p.weightRowLength(), p.unrolled, i -> {
                wj.store(i, () -> {
                    if (pushDecay != null) {
                        pushDecay.run();
                        wj.push(i);
                        g.math(GeneratorAdapter.MUL, DOUBLE);
                    } else {
                        wj.push(i);
                    }
                    pushStep(m, pushC, gWj, i);
                    g.math(GeneratorAdapter.ADD, DOUBLE);
                });
                if (clearSums) {
                    gWj.storeZero(i);
                }
            });
        });
        m.forRange("j", 0, p.size, p.unrolled, j -> {
            b.add(j, () -> pushStep(m, pushC, gb, j));
            if (clearSums) {
                gb.storeZero(j);
            }
        });
    }

    /** Pushes c * g[i]. Stack: ... -&gt; ..., c * g[i]. */
    private static void pushStep(MethodEmitter m, Runnable pushC, Vec gradient, Index i) {
        pushC.run();
        gradient.push(i);
        m.g.math(GeneratorAdapter.MUL, DOUBLE);
    }
}
