package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;
import static nnlang.compiler.MethodEmitter.INT;

import nnlang.compiler.ImageEmitter.Geometry;
import nnlang.model.Pool;
import org.objectweb.asm.Label;
import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * Emits a pool node's forward pass and propagation in the canonical order of {@code nnlang.runtime}'s
 * package documentation: per channel and window, the window's elements row by row at constant offsets
 * from its first one (unrolled up to {@value #UNROLLED_WINDOW} elements). A maxpool takes m = v when
 * v &gt; m, and its propagation finds the window's choice again by the same comparisons; an avgpool
 * divides the window's sum, or its share of dZ, by the window's size. The activation is the identity:
 * a = z, and dZ = gA · 1.0 comes from the common delta. A pool has no parameters.
 */
final class PoolEmitter {
    /** Windows of at most this many elements are straight-line code. */
    static final int UNROLLED_WINDOW = 16;

    private PoolEmitter() {}

    /** {@code forward_<node>}: x is the array in local {@code x}. */
    static void emitForward(MethodEmitter m, NodePlan p, int x) {
        GeneratorAdapter g = m.g;
        Pool pool = (Pool) p.image;
        Geometry geo = Geometry.of(p);
        int z = Buffer.Z.toLocal(m, p);
        int a = Buffer.A.toLocal(m, p);
        int first = m.newLocal("first", INT);
        int out = m.newLocal("o", INT);
        int value = m.newLocal("m", DOUBLE);
        int v = m.newLocal("v", DOUBLE);
        windows(m, geo, first, out, () -> {
            if (pool.kind() == Pool.Kind.MAX) {
                load(m, x, first, 0);
                g.storeLocal(value);
                elements(m, geo, true, offset -> {
                    load(m, x, first, offset);
                    g.storeLocal(v);
                    Label keep = new Label();
                    unlessGreater(g, v, value, keep);
                    g.loadLocal(v);
                    g.storeLocal(value);
                    g.mark(keep);
                });
            } else {
                g.push(0.0);
                g.storeLocal(value);
                elements(m, geo, false, offset -> {
                    g.loadLocal(value);
                    load(m, x, first, offset);
                    g.math(GeneratorAdapter.ADD, DOUBLE);
                    g.storeLocal(value);
                });
                g.loadLocal(value);
                g.push((double) geo.kernelHeight() * geo.kernelWidth());
                g.math(GeneratorAdapter.DIV, DOUBLE);
                g.storeLocal(value);
            }
            m.storeElement(z, Index.local(out), value);
            m.storeElement(a, Index.local(out), value);
        });
    }

    /**
     * {@code propagate_<node>()}: dX = 0.0; for each window whose dZ is not 0.0, dZ added to its choice
     * (maxpool) or dZ / (kh·kw) to each of its elements (avgpool); then dX to the sources' gA. Windows
     * side by side over one whole node add straight into its gA ({@link #addsDirectly}).
     */
    static void emitPropagate(MethodEmitter m, NetworkPlan plan, NodePlan p) {
        GeneratorAdapter g = m.g;
        Pool pool = (Pool) p.image;
        Geometry geo = Geometry.of(p);
        int x = m.fieldToLocal(plan.inputVectorField(p), MethodEmitter.DOUBLES);
        int dz = Buffer.DZ.toLocal(m, p);
        boolean direct = addsDirectly(p, geo);
        int dx = direct ? Buffer.GA.toLocal(m, plan.plan(p.wholeSource.node())) : Buffer.DX.toLocal(m, p);
        if (!direct) {
            ImageEmitter.fillZero(m, dx);
        }
        int first = m.newLocal("first", INT);
        int out = m.newLocal("o", INT);
        int d = m.newLocal("d", DOUBLE);
        int value = m.newLocal("m", DOUBLE);
        int v = m.newLocal("v", DOUBLE);
        int choice = m.newLocal("choice", INT);
        windows(m, geo, first, out, () -> {
            m.loadElement(dz, Index.local(out), DOUBLE);
            g.storeLocal(d);
            ImageEmitter.unlessZero(m, d, () -> {
                if (pool.kind() == Pool.Kind.MAX) {
                    load(m, x, first, 0);
                    g.storeLocal(value);
                    g.loadLocal(first);
                    g.storeLocal(choice);
                    elements(m, geo, true, offset -> {
                        load(m, x, first, offset);
                        g.storeLocal(v);
                        Label keep = new Label();
                        unlessGreater(g, v, value, keep);
                        g.loadLocal(v);
                        g.storeLocal(value);
                        g.loadLocal(first);
                        offset.push(g);
                        g.math(GeneratorAdapter.ADD, INT);
                        g.storeLocal(choice);
                        g.mark(keep);
                    });
                    m.addToElement(dx, Index.local(choice), () -> g.loadLocal(d));
                } else {
                    g.loadLocal(d);
                    g.push((double) geo.kernelHeight() * geo.kernelWidth());
                    g.math(GeneratorAdapter.DIV, DOUBLE);
                    g.storeLocal(value);
                    elements(m, geo, false, offset -> m.addToElement(dx, new SumIndex(first, offset),
                            () -> g.loadLocal(value)));
                }
            });
        });
        if (!direct) {
            ImageEmitter.addToSources(m, plan, p, dx);
        }
    }

    /**
     * Whether the propagation adds each window's term straight into its source's gA: when the pool reads
     * one whole node and its windows do not overlap, each element of dX is 0.0 plus at most one term,
     * and gA + (0.0 + d) is gA + d (gA, a sum that started at +0.0, is never -0.0), so dX need not be
     * formed.
     */
    private static boolean addsDirectly(NodePlan p, Geometry geo) {
        return p.wholeSource != null && !p.wholeSource.isInput() && geo.strideY() >= geo.kernelHeight()
                && geo.strideX() >= geo.kernelWidth();
    }

    /**
     * For each channel and window in order: {@code first} = the flat index of its first element,
     * {@code out} = its output index, then {@code body}. Stack unchanged.
     */
    private static void windows(MethodEmitter m, Geometry geo, int first, int out, Runnable body) {
        GeneratorAdapter g = m.g;
        m.forRange("c", 0, geo.channels(), false, c -> m.forRange("oy", 0, geo.outputHeight(), false,
                oy -> m.forRange("ox", 0, geo.outputWidth(), false, ox -> {
                    c.push(g);
                    g.push(geo.height());
                    g.math(GeneratorAdapter.MUL, INT);
                    ImageEmitter.pushScaled(m, oy, geo.strideY(), 0);
                    g.math(GeneratorAdapter.ADD, INT);
                    g.push(geo.width());
                    g.math(GeneratorAdapter.MUL, INT);
                    ImageEmitter.pushScaled(m, ox, geo.strideX(), 0);
                    g.math(GeneratorAdapter.ADD, INT);
                    g.storeLocal(first);
                    c.push(g);
                    g.push(geo.outputHeight());
                    g.math(GeneratorAdapter.MUL, INT);
                    oy.push(g);
                    g.math(GeneratorAdapter.ADD, INT);
                    g.push(geo.outputWidth());
                    g.math(GeneratorAdapter.MUL, INT);
                    ox.push(g);
                    g.math(GeneratorAdapter.ADD, INT);
                    g.storeLocal(out);
                    body.run();
                })));
    }

    /**
     * {@code body(offset)} for each element of a window in row-major order (after the first when
     * {@code skipFirst}), the offset ky · W + kx from the window's first element as an {@link Index}: a
     * constant when the window is unrolled. Stack unchanged.
     */
    private static void elements(MethodEmitter m, Geometry geo, boolean skipFirst,
            java.util.function.Consumer<Index> body) {
        if (geo.kernelHeight() * geo.kernelWidth() <= UNROLLED_WINDOW) {
            for (int ky = 0; ky < geo.kernelHeight(); ky++) {
                for (int kx = 0; kx < geo.kernelWidth(); kx++) {
                    if (!skipFirst || ky + kx > 0) {
                        body.accept(Index.constant(ky * geo.width() + kx));
                    }
                }
            }
            return;
        }
        GeneratorAdapter g = m.g;
        int offset = m.newLocal("offset", INT);
        m.forRange("ky", 0, geo.kernelHeight(), false, ky -> m.forRange("kx", 0, geo.kernelWidth(), false, kx -> {
            Label skip = new Label();
            if (skipFirst) {
                ky.push(g);
                kx.push(g);
                g.math(GeneratorAdapter.ADD, INT);
                g.ifZCmp(GeneratorAdapter.EQ, skip);
            }
            ImageEmitter.pushScaled(m, ky, geo.width(), 0);
            kx.push(g);
            g.math(GeneratorAdapter.ADD, INT);
            g.storeLocal(offset);
            body.accept(Index.local(offset));
            g.mark(skip);
        }));
    }

    /** Jumps to {@code keep} unless v &gt; m (so also when either is NaN): DCMPL gives -1 for NaN. */
    private static void unlessGreater(GeneratorAdapter g, int v, int m, Label keep) {
        g.loadLocal(v);
        g.loadLocal(m);
        g.visitInsn(org.objectweb.asm.Opcodes.DCMPL);
        g.visitJumpInsn(org.objectweb.asm.Opcodes.IFLE, keep);
    }

    /** Pushes x[first + offset]. */
    private static void load(MethodEmitter m, int x, int first, int offset) {
        load(m, x, first, Index.constant(offset));
    }

    private static void load(MethodEmitter m, int x, int first, Index offset) {
        m.loadElement(x, new SumIndex(first, offset), DOUBLE);
    }

    /** The int local {@code base} plus an index. */
    private static final class SumIndex extends Index.Computed {
        private final int base;
        private final Index offset;

        SumIndex(int base, Index offset) {
            this.base = base;
            this.offset = offset;
        }

        @Override
        void push(GeneratorAdapter g) {
            g.loadLocal(base);
            offset.push(g);
            g.math(GeneratorAdapter.ADD, INT);
        }

        @Override
        Index plus(int delta) {
            return new SumIndex(base, offset.plus(delta));
        }
    }
}
