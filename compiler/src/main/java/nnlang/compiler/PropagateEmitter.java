package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;
import static nnlang.compiler.MethodEmitter.DOUBLES;

import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * The last phase of a node's backward pass, {@code propagate_<node>()}: the gradient with respect to
 * its input, dX_i = sum over ascending j of dZ_j w_ji, added to the source nodes' gA; never computed
 * for elements of the network input. One of {@link BackwardEmitter}'s phases.
 */
final class PropagateEmitter {
    /**
     * The columns of a column node whose dX sums one sweep over the neurons computes: four
     * independent chains of additions, where one column's chain would wait on each addition.
     */
    static final int COLUMNS_PER_SWEEP = 4;

    private PropagateEmitter() {}

    /**
     * {@code propagate_<node>()}; only for nodes with a node source. Unrolled: each dX_i is a local
     * sum added to its source element's gA at once. Looped: dX_i = 0.0 over the node-source slices,
     * then for ascending j the row axpy dX += dZ_j * w_j over each slice, then each slice is added to
     * its source's gA. Columns: each dX_i is a local sum over column i of the weights, added to its
     * source element's gA at once, {@link #COLUMNS_PER_SWEEP} columns per sweep over the neurons
     * (each column's sum its own local). Each dX_i sees the same additions in the same order either way.
     */
    static void emit(MethodEmitter m, NetworkPlan plan, NodePlan p, Values values) {
        if (p.image instanceof nnlang.model.Conv) {
            ConvEmitter.emitPropagate(m, plan, p);
            return;
        }
        if (p.image != null) {
            PoolEmitter.emitPropagate(m, plan, p);
            return;
        }
        GeneratorAdapter g = m.g;
        if (p.unrolled) {
            Vec dZ = values.vector(p, Buffer.DZ);
            Values.Matrix w = values.matrix(p, Buffer.W);
            int[] d = new int[p.size];
            Vec[] row = new Vec[p.size];
            for (int j = 0; j < p.size; j++) {
                dZ.push(Index.constant(j));
                d[j] = m.storeNew("dZ" + j, DOUBLE);
                row[j] = w.row(Index.constant(j));
            }
            int dX = m.newLocal("dX", DOUBLE);
            for (NodePlan.Slice s : p.slices) {
                if (s.source().isInput()) {
                    continue;
                }
                Vec gA = values.vector(plan.plan(s.source().node()), Buffer.GA);
                for (int t = 0; t < s.source().length(); t++) {
                    Index i = Index.constant(s.xOffset() + t);
                    g.push(0.0);
                    for (int j = 0; j < p.size; j++) {
                        g.loadLocal(d[j]);
                        row[j].push(i);
                        g.math(GeneratorAdapter.MUL, DOUBLE);
                        g.math(GeneratorAdapter.ADD, DOUBLE);
                    }
                    g.storeLocal(dX);
                    gA.add(Index.constant(s.source().offset() + t), () -> g.loadLocal(dX));
                }
            }
            return;
        }
        int dZ = Buffer.DZ.toLocal(m, p);
        int w = Buffer.W.toLocal(m, p);
        if (p.columns) {
            int[] sums = new int[COLUMNS_PER_SWEEP];
            for (int k = 0; k < sums.length; k++) {
                sums[k] = m.newLocal("dX" + k, DOUBLE);
            }
            int d = m.newLocal("dZj", DOUBLE);
            for (NodePlan.Slice s : p.slices) {
                if (s.source().isInput()) {
                    continue;
                }
                int gA = Buffer.GA.toLocal(m, plan.plan(s.source().node()));
                int length = s.source().length();
                int whole = length - length % COLUMNS_PER_SWEEP;
                m.forRange("t", 0, whole, COLUMNS_PER_SWEEP, false,
                        t -> propagateColumns(m, p, s, dZ, w, gA, d, sums, t, COLUMNS_PER_SWEEP));
                m.forRange("t", whole, length, 1, false, t -> propagateColumns(m, p, s, dZ, w, gA, d, sums, t, 1));
            }
        } else {
            int dX = Buffer.DX.toLocal(m, p);
            for (NodePlan.Slice s : p.slices) {
                if (!s.source().isInput()) {
                    m.forRange("i", s.xOffset(), s.xOffset() + s.source().length(), false,
                            i -> m.storeZero(dX, i));
                }
            }
            int d = m.newLocal("dZj", DOUBLE);
            int row = m.newLocal("wj", DOUBLES);
            m.forRange("j", 0, p.size, false, j -> {
                m.loadElement(dZ, j, DOUBLE);
                g.storeLocal(d);
                m.loadElement(w, j, DOUBLES);
                g.storeLocal(row);
                for (NodePlan.Slice s : p.slices) {
                    if (!s.source().isInput()) {
                        m.forRange("i", s.xOffset(), s.xOffset() + s.source().length(), false,
                                i -> m.addToElement(dX, i, () -> {
                                    g.loadLocal(d);
                                    m.loadElement(row, i, DOUBLE);
                                    g.math(GeneratorAdapter.MUL, DOUBLE);
                                }));
                    }
                }
            });
            for (NodePlan.Slice s : p.slices) {
                if (!s.source().isInput()) {
                    int gA = Buffer.GA.toLocal(m, plan.plan(s.source().node()));
                    m.forRange("t", 0, s.source().length(), false,
                            t -> m.addToElement(gA, t.plus(s.source().offset()),
                                    () -> m.loadElement(dX, t.plus(s.xOffset()), DOUBLE)));
                }
            }
        }
    }

    /**
     * The dX sums of columns {@code t .. t+count-1} of slice {@code s}, each from 0.0 over ascending j,
     * dZ_j loaded once for all of them; each added to its source element's gA.
     */
    private static void propagateColumns(MethodEmitter m, NodePlan p, NodePlan.Slice s, int dZ, int w, int gA, int d,
            int[] sums, Index t, int count) {
        GeneratorAdapter g = m.g;
        int[] columns = m.loadRows(w, t.plus(s.xOffset()), count, "column");
        for (int k = 0; k < count; k++) {
            g.push(0.0);
            g.storeLocal(sums[k]);
        }
        m.forRange("j", 0, p.size, false, j -> {
            m.loadElement(dZ, j, DOUBLE);
            g.storeLocal(d);
            for (int k = 0; k < count; k++) {
                g.loadLocal(sums[k]);
                g.loadLocal(d);
                m.loadElement(columns[k], j, DOUBLE);
                g.math(GeneratorAdapter.MUL, DOUBLE);
                g.math(GeneratorAdapter.ADD, DOUBLE);
                g.storeLocal(sums[k]);
            }
        });
        for (int k = 0; k < count; k++) {
            int sum = sums[k];
            m.addToElement(gA, t.plus(s.source().offset() + k), () -> g.loadLocal(sum));
        }
    }
}
