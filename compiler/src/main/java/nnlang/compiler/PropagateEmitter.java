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
    private PropagateEmitter() {}

    /**
     * {@code propagate_<node>()}; only for nodes with a node source. Unrolled: each dX_i is a local
     * sum added to its source element's gA at once. Looped: dX_i = 0.0 over the node-source slices,
     * then for ascending j the row axpy dX += dZ_j * w_j over each slice, then each slice is added to
     * its source's gA. Columns: each dX_i is a local sum over column i of the weights, added to its
     * source element's gA at once. Each dX_i sees the same additions in the same order either way.
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
            int sum = m.newLocal("dX", DOUBLE);
            int column = m.newLocal("column", DOUBLES);
            for (NodePlan.Slice s : p.slices) {
                if (s.source().isInput()) {
                    continue;
                }
                int gA = Buffer.GA.toLocal(m, plan.plan(s.source().node()));
                m.forRange("t", 0, s.source().length(), false, t -> {
                    m.loadElement(w, t.plus(s.xOffset()), DOUBLES);
                    g.storeLocal(column);
                    g.push(0.0);
                    g.storeLocal(sum);
                    m.forRange("j", 0, p.size, false, j -> {
                        g.loadLocal(sum);
                        m.loadElement(dZ, j, DOUBLE);
                        m.loadElement(column, j, DOUBLE);
                        g.math(GeneratorAdapter.MUL, DOUBLE);
                        g.math(GeneratorAdapter.ADD, DOUBLE);
                        g.storeLocal(sum);
                    });
                    m.addToElement(gA, t.plus(s.source().offset()), () -> g.loadLocal(sum));
                });
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
}
