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
 * stored by column too) with the plain loop index, which C2 vectorises.
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

    /** Into a method with arguments {@code (double c)}, or {@code (double c, double decay)} when {@code decayed}. */
    static void emitUpdate(MethodEmitter m, NodePlan p, boolean decayed) {
        GeneratorAdapter g = m.g;
        int w = m.fieldToLocal(p.field("w"), ROWS);
        int b = m.fieldToLocal(p.field("b"), DOUBLES);
        int gW = m.fieldToLocal(p.field("gW"), ROWS);
        int gb = m.fieldToLocal(p.field("gb"), DOUBLES);
        int wj = m.newLocal("wj", DOUBLES);
        int gWj = m.newLocal("gWj", DOUBLES);
        m.forRange("j", 0, p.weightRows(), p.unrolled, j -> {
            m.loadElement(w, j, DOUBLES);
            g.storeLocal(wj);
            m.loadElement(gW, j, DOUBLES);
            g.storeLocal(gWj);
            m.forRange("i", 0, p.weightRowLength(), p.unrolled, i -> {
                g.loadLocal(wj);
                i.push(g);
                if (decayed) {
                    g.loadArg(1);
                    m.loadElement(wj, i, DOUBLE);
                    g.math(GeneratorAdapter.MUL, DOUBLE);
                } else {
                    m.loadElement(wj, i, DOUBLE);
                }
                pushStep(m, gWj, i);
                g.math(GeneratorAdapter.ADD, DOUBLE);
                g.arrayStore(DOUBLE);
                m.storeZero(gWj, i);
            });
        });
        m.forRange("j", 0, p.size, p.unrolled, j -> {
            m.addToElement(b, j, () -> pushStep(m, gb, j));
            m.storeZero(gb, j);
        });
    }

    /** Pushes c * g[i], c being argument 0. Stack: ... -&gt; ..., c * g[i]. */
    private static void pushStep(MethodEmitter m, int gradient, Index i) {
        m.g.loadArg(0);
        m.loadElement(gradient, i, DOUBLE);
        m.g.math(GeneratorAdapter.MUL, DOUBLE);
    }
}
