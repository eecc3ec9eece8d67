package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;
import static nnlang.compiler.MethodEmitter.DOUBLES;
import static nnlang.compiler.MethodEmitter.INT;
import static nnlang.compiler.MethodEmitter.ROWS;

import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * Emits the copies between a node's arrays (weight rows, or weight columns for a column node) and the
 * flat parameter order (its weights row by row, then its biases, from the node's parameter offset):
 * {@code readParameters_<node>(double[] dst)}, {@code writeParameters_<node>(double[] src)},
 * {@code readGradient_<node>(double[] dst)} and, per slot of the optimizer's state,
 * {@code readState<slot>_<node>(double[] dst)} and {@code writeState<slot>_<node>(double[] src)},
 * whose flat order is the parameters' shifted by the slot's start.
 */
final class ParameterEmitter {
    private ParameterEmitter() {}


    /** Parameters into argument 0 ({@code toFlat}) or out of it. */
    static void emitParameters(MethodEmitter m, NodePlan p, int offset, boolean toFlat) {
        emitCopy(m, p, offset, Buffer.W.field(p), Buffer.B.field(p), toFlat);
    }

    /**
     * For a column node: element by element between {@code columns[i][j]} and
     * flat[offset + j * fanIn + i], then the field {@code vector} as in {@link #emitRowsCopy}; into {@code flat} when {@code toFlat}, else out of it.
     */
    private static void emitColumnsCopy(MethodEmitter m, NodePlan p, int offset, String columns, String vector,
            boolean toFlat) {
        GeneratorAdapter g = m.g;
        int w = m.fieldToLocal(columns, ROWS);
        int flat = m.argumentToLocal(0);
        int column = m.newLocal("column", DOUBLES);
        m.forRange("i", 0, p.fanIn, false, i -> {
            m.loadElement(w, i, DOUBLES);
            g.storeLocal(column);
            m.forRange("j", 0, p.size, false, j -> {
                Runnable pushFlatIndex = () -> {
                    j.push(g);
                    g.push(p.fanIn);
                    g.math(GeneratorAdapter.MUL, INT);
                    i.push(g);
                    g.math(GeneratorAdapter.ADD, INT);
                    g.push(offset);
                    g.math(GeneratorAdapter.ADD, INT);
                };
                if (toFlat) {
                    g.loadLocal(flat);
                    pushFlatIndex.run();
                    m.loadElement(column, j, DOUBLE);
                } else {
                    g.loadLocal(column);
                    j.push(g);
                    g.loadLocal(flat);
                    pushFlatIndex.run();
                    g.arrayLoad(DOUBLE);
                }
                g.arrayStore(DOUBLE);
            });
        });
        copy(m, toFlat, () -> m.getField(vector, DOUBLES), () -> g.push(offset + p.size * p.fanIn), p.size);
    }

    /** The gradient sums into argument 0. */
    static void emitGradient(MethodEmitter m, NodePlan p, int offset) {
        emitCopy(m, p, offset, Buffer.GW.field(p), Buffer.GB.field(p), true);
    }

    /** State slot {@code slot} into argument 0 ({@code toFlat}) or out of it, from flat index {@code offset}. */
    static void emitState(MethodEmitter m, NodePlan p, int slot, int offset, boolean toFlat) {
        emitCopy(m, p, offset, Buffer.WEIGHT_STATE.field(p, slot), Buffer.BIAS_STATE.field(p, slot), toFlat);
    }

    /** Between the node's arrays and the flat order, by rows or, for a column node, by columns. */
    private static void emitCopy(MethodEmitter m, NodePlan p, int offset, String rows, String vector,
            boolean toFlat) {
        if (p.columns) {
            emitColumnsCopy(m, p, offset, rows, vector, toFlat);
        } else {
            emitRowsCopy(m, p, offset, rows, vector, toFlat);
        }
    }

    /**
     * For each row j, System.arraycopy between row j of field
     * {@code rows} and flat[offset + j * length ..], then the field {@code vector} and the biases after the
     * rows; into {@code flat} when {@code toFlat}, else out of it. A dense node's rows are its neurons'
     * weights, a conv's its filters' (C·kh·kw each, the parameter order); a pool has none.
     */
    private static void emitRowsCopy(MethodEmitter m, NodePlan p, int offset, String rows, String vector,
            boolean toFlat) {
        GeneratorAdapter g = m.g;
        int matrix = m.fieldToLocal(rows, ROWS);
        int length = p.weightRowLength();
        m.forRange("j", 0, p.weightRows(), false, j -> copy(m, toFlat, () -> m.loadElement(matrix, j, DOUBLES), () -> {
            j.push(g);
            g.push(length);
            g.math(GeneratorAdapter.MUL, INT);
            g.push(offset);
            g.math(GeneratorAdapter.ADD, INT);
        }, length));
        copy(m, toFlat, () -> m.getField(vector, DOUBLES), () -> g.push(offset + p.weightRows() * length), p.biases);
    }

    /** System.arraycopy between the array {@code pushOwn} pushes (from 0) and argument 0 (from {@code pushFlatIndex}). */
    private static void copy(MethodEmitter m, boolean toFlat, Runnable pushOwn, Runnable pushFlatIndex, int length) {
        GeneratorAdapter g = m.g;
        if (toFlat) {
            pushOwn.run();
            g.push(0);
            g.loadArg(0);
            pushFlatIndex.run();
        } else {
            g.loadArg(0);
            pushFlatIndex.run();
            pushOwn.run();
            g.push(0);
        }
        g.push(length);
        m.arraycopy();
    }
}
