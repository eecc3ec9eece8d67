package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;
import static nnlang.compiler.MethodEmitter.DOUBLES;
import static nnlang.compiler.MethodEmitter.INT;
import static nnlang.compiler.MethodEmitter.ROWS;

import nnlang.compiler.ImageEmitter.Geometry;
import nnlang.model.Conv;
import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * Emits a convolution node's forward pass, its gradient sums and its propagation in the canonical order
 * of {@code nnlang.runtime}'s package documentation, as loops over the layer's constant shapes.
 *
 * <ul>
 *   <li>{@code forward_<node>(input)}: the image (padded when the layer pads) is unfolded into the
 *       {@code view}, one array per kernel element i = (c, ky, kx) holding the input under it at every
 *       output position (a row of OW values copied per output row when the stride is 1); then the sums,
 *       one array per filter ({@code plane}), take {@value #TERMS_PER_SWEEP} kernel elements per sweep
 *       over the positions for two filters at once: z_f[p] = ((z_f[p] + w_fi · v_i[p]) + w_fi' · v_i'[p])
 *       …, each element still adding its terms in ascending i, each view array loaded once for both
 *       filters; SuperWord vectorises the sweep over p. Then z = sum + b_f and a = f(z).
 *   <li>{@code accumulateBatch_<node>(count)}: per sample in batch order, the patches (the input under
 *       the kernel at each position), then per filter the positions whose dZ is not 0.0, listed without
 *       branches, and gW_f += dZ[p] · patch_p for them, {@value #TERMS_PER_SWEEP_BACKWARD} positions per
 *       sweep over the row; gb_f adds the same dZ. Behind a maxpool most of dZ is 0.0.
 *   <li>{@code propagate_<node>()}: dX = 0.0; per output position, the filters whose dZ is not 0.0,
 *       t = Σ_f dZ_f · w_f over them ({@value #TERMS_PER_SWEEP_BACKWARD} filters per sweep), each element
 *       of t added to the input element under it; then dX to the sources' gA.
 * </ul>
 * Terms left out are those with a factor exactly ±0.0, which {@code package-info} allows.
 */
final class ConvEmitter {
    /** Kernel elements per sweep of the forward sums. */
    static final int TERMS_PER_SWEEP = 5;
    /** Positions (gradient sums) or filters (propagation) per sweep backward. */
    static final int TERMS_PER_SWEEP_BACKWARD = 4;

    private ConvEmitter() {}

    /** {@code forward_<node>}: x is the array in local {@code x}. */
    static void emitForward(MethodEmitter m, NodePlan p, int x) {
        Conv conv = (Conv) p.image;
        Geometry geo = Geometry.of(p);
        int image = ImageEmitter.paddedImage(m, p, geo, x);
        int view = Buffer.VIEW.toLocal(m, p);
        unfold(m, geo, image, view);
        int planes = Buffer.PLANE.toLocal(m, p);
        int row = m.newLocal("plane", DOUBLES);
        m.forRange("f", 0, conv.filters(), false, f -> {
            m.loadElement(planes, f, DOUBLES);
            m.g.storeLocal(row);
            ImageEmitter.fillZero(m, row);
        });
        int w = Buffer.W.toLocal(m, p);
        int kernel = geo.kernelSize();
        int full = kernel - kernel % TERMS_PER_SWEEP;
        m.forRange("i", 0, full, TERMS_PER_SWEEP, false, i -> sums(m, conv, geo, view, planes, w, i, TERMS_PER_SWEEP));
        if (full < kernel) {
            sums(m, conv, geo, view, planes, w, Index.constant(full), kernel - full);
        }
        ImageEmitter.finish(m, p, planes, conv.filters(), geo.positions());
    }

    /**
     * view[(c·kh + ky)·kw + kx][oy·OW + ox] = image[c][oy·sy + ky][ox·sx + kx] for every kernel element
     * and output position, the image in local {@code image} (padded). Stack unchanged.
     */
    private static void unfold(MethodEmitter m, Geometry geo, int image, int view) {
        GeneratorAdapter g = m.g;
        int row = m.newLocal("view", DOUBLES);
        int from = m.newLocal("from", INT);
        m.forRange("c", 0, geo.channels(), false, c -> m.forRange("ky", 0, geo.kernelHeight(), false,
                ky -> m.forRange("kx", 0, geo.kernelWidth(), false, kx -> {
                    g.loadLocal(view);
                    c.push(g);
                    g.push(geo.kernelHeight());
                    g.math(GeneratorAdapter.MUL, INT);
                    ky.push(g);
                    g.math(GeneratorAdapter.ADD, INT);
                    g.push(geo.kernelWidth());
                    g.math(GeneratorAdapter.MUL, INT);
                    kx.push(g);
                    g.math(GeneratorAdapter.ADD, INT);
                    g.arrayLoad(DOUBLES);
                    g.storeLocal(row);
                    m.forRange("oy", 0, geo.outputHeight(), false, oy -> {
                        underKernelRow(m, geo, c, oy, ky, () -> kx.push(g), from);
                        if (geo.strideX() == 1) {
                            g.loadLocal(image);
                            g.loadLocal(from);
                            g.loadLocal(row);
                            ImageEmitter.pushScaled(m, oy, geo.outputWidth(), 0);
                            g.push(geo.outputWidth());
                            m.arraycopy();
                        } else {
                            m.forRange("ox", 0, geo.outputWidth(), false, ox -> {
                                g.loadLocal(row);
                                ImageEmitter.pushScaled(m, oy, geo.outputWidth(), 0);
                                ox.push(g);
                                g.math(GeneratorAdapter.ADD, INT);
                                g.loadLocal(image);
                                g.loadLocal(from);
                                ImageEmitter.pushScaled(m, ox, geo.strideX(), 0);
                                g.math(GeneratorAdapter.ADD, INT);
                                g.arrayLoad(DOUBLE);
                                g.arrayStore(DOUBLE);
                            });
                        }
                    });
                })));
    }

    /**
     * Kernel elements i .. i+terms-1 added to every filter's plane: two filters per sweep over the
     * positions (the last one alone when F is odd), z_f[p] = ((z_f[p] + w_fi · v_i[p]) + …). Stack
     * unchanged.
     */
    private static void sums(MethodEmitter m, Conv conv, Geometry geo, int view, int planes, int w, Index i, int terms) {
        int[] v = new int[terms];
        for (int k = 0; k < terms; k++) {
            m.loadElement(view, i.plus(k), DOUBLES);
            v[k] = m.storeNew("v" + k, DOUBLES);
        }
        int pairs = conv.filters() - conv.filters() % 2;
        m.forRange("f", 0, pairs, 2, false, f -> sweep(m, geo, planes, w, v, i, f, 2));
        if (pairs < conv.filters()) {
            sweep(m, geo, planes, w, v, i, Index.constant(pairs), 1);
        }
    }

    /** One sweep over the positions for filters f .. f+filters-1 and the view arrays in locals {@code v}. */
    private static void sweep(MethodEmitter m, Geometry geo, int planes, int w, int[] v, Index i, Index f, int filters) {
        GeneratorAdapter g = m.g;
        int terms = v.length;
        int[] z = new int[filters];
        int[][] weight = new int[filters][terms];
        for (int k = 0; k < filters; k++) {
            m.loadElement(planes, f.plus(k), DOUBLES);
            z[k] = m.storeNew("z" + k, DOUBLES);
            m.loadElement(w, f.plus(k), DOUBLES);
            int row = m.storeNew("w" + k, DOUBLES);
            for (int t = 0; t < terms; t++) {
                m.loadElement(row, i.plus(t), DOUBLE);
                weight[k][t] = m.storeNew("w" + k + "_" + t, DOUBLE);
            }
        }
        int[] e = new int[terms];
        for (int t = 0; t < terms; t++) {
            e[t] = m.newLocal("e" + t, DOUBLE);
        }
        m.forRange("p", 0, geo.positions(), false, p -> {
            for (int t = 0; t < terms; t++) {
                m.loadElement(v[t], p, DOUBLE);
                g.storeLocal(e[t]);
            }
            for (int k = 0; k < filters; k++) {
                g.loadLocal(z[k]);
                p.push(g);
                g.dup2();
                g.arrayLoad(DOUBLE);
                for (int t = 0; t < terms; t++) {
                    g.loadLocal(weight[k][t]);
                    g.loadLocal(e[t]);
                    g.math(GeneratorAdapter.MUL, DOUBLE);
                    g.math(GeneratorAdapter.ADD, DOUBLE);
                }
                g.arrayStore(DOUBLE);
            }
        });
    }

    /**
     * {@code accumulateBatch_<node>(count)}: for each sample s of the batch in order, the patches of its
     * input, then per filter of {@code part} (its filters are its rows) gW_f and gb_f over the
     * positions whose dZ is not 0.0. A part of kernel rows ({@link Part#splitsKernel}) copies only its
     * kernel rows into the patches and adds only its elements of each gW_f, and gb_f only for its
     * biases' filters.
     */
    static void emitAccumulateBatch(MethodEmitter m, NetworkPlan plan, NodePlan p, Part part) {
        GeneratorAdapter g = m.g;
        Geometry geo = Geometry.of(p);
        int positions = geo.positions();
        int gW = Buffer.GW.toLocal(m, p);
        int gb = Buffer.GB.toLocal(m, p);
        int patches = Buffer.PATCH.toLocal(m, p);
        int indices = Buffer.LIST_INDEX.toLocal(m, p);
        int values = Buffer.LIST_VALUE.toLocal(m, p);
        int dZs = m.fieldToLocal(Buffer.DZ.batchField(p), ROWS);
        int xs = m.fieldToLocal(plan.batchInputVectorField(p), ROWS);
        int count = m.argumentToLocal(0);
        int x = m.newLocal("x", DOUBLES);
        int dz = m.newLocal("dZ", DOUBLES);
        int row = m.newLocal("gWf", DOUBLES);
        int n = m.newLocal("n", INT);
        int k = m.newLocal("k", INT);
        int base = m.newLocal("base", INT);
        int sum = m.newLocal("gbf", DOUBLE);
        int d = m.newLocal("d", DOUBLE);
        m.forSampleBlocks(count, 1, (s, one) -> {
            m.loadElement(xs, s, DOUBLES);
            g.storeLocal(x);
            m.loadElement(dZs, s, DOUBLES);
            g.storeLocal(dz);
            int image = ImageEmitter.paddedImage(m, p, geo, x);
            patches(m, geo, image, patches, part);
            m.forRange("f", part.rowFrom(), part.rowTo(), false, f -> {
                g.push(0);
                g.storeLocal(n);
                ImageEmitter.pushScaled(m, f, positions, 0);
                g.storeLocal(base);
                m.forRange("p", 0, positions, false, q -> {
                    g.loadLocal(dz);
                    g.loadLocal(base);
                    q.push(g);
                    g.math(GeneratorAdapter.ADD, INT);
                    g.arrayLoad(DOUBLE);
                    g.storeLocal(d);
                    ImageEmitter.appendUnlessZero(m, indices, values, n, gen -> q.push(gen), d);
                });
                org.objectweb.asm.Label otherBias = new org.objectweb.asm.Label();
                if (!part.hasWholeRows()) {
                    f.push(g);
                    part.biasFrom().push(g);
                    g.ifICmp(GeneratorAdapter.LT, otherBias);
                    f.push(g);
                    part.biasTo().push(g);
                    g.ifICmp(GeneratorAdapter.GE, otherBias);
                }
                m.loadElement(gb, f, DOUBLE);
                g.storeLocal(sum);
                g.push(0);
                g.storeLocal(k);
                m.forBlocks(k, n, 1, t -> {
                    g.loadLocal(sum);
                    m.loadElement(values, t, DOUBLE);
                    g.math(GeneratorAdapter.ADD, DOUBLE);
                    g.storeLocal(sum);
                });
                m.storeElement(gb, f, sum);
                g.mark(otherBias);
                m.loadElement(gW, f, DOUBLES);
                g.storeLocal(row);
                g.push(0);
                g.storeLocal(k);
                m.forBlocks(k, n, TERMS_PER_SWEEP_BACKWARD, t -> listedSweep(m, row, patches, indices, values, t,
                        TERMS_PER_SWEEP_BACKWARD, part.columnFrom(), part.columnTo()));
                m.forBlocks(k, n, 1, t -> listedSweep(m, row, patches, indices, values, t, 1, part.columnFrom(),
                        part.columnTo()));
            });
        });
    }

    /**
     * patch[oy·OW + ox][(c·kh + ky)·kw + kx] = image[c][oy·sy + ky][ox·sx + kx], the image in local
     * {@code image} (padded), each kernel row of kw values copied element by element: every kernel
     * row, or only those of {@code part} when it is a range of kernel rows. Stack unchanged.
     */
    private static void patches(MethodEmitter m, Geometry geo, int image, int patches, Part part) {
        GeneratorAdapter g = m.g;
        int row = m.newLocal("patch", DOUBLES);
        int from = m.newLocal("from", INT);
        int to = m.newLocal("to", INT);
        Index[] kernelRows = new Index[2];
        int channel = -1;
        int kernelRow = -1;
        if (!part.hasWholeRows()) {
            Index[] bounds = {part.columnFrom(), part.columnTo()};
            for (int b = 0; b < 2; b++) {
                bounds[b].push(g);
                g.push(geo.kernelWidth());
                g.math(GeneratorAdapter.DIV, INT);
                kernelRows[b] = Index.local(m.storeNew(b == 0 ? "kernelRowFrom" : "kernelRowTo", INT));
            }
            channel = m.newLocal("c", INT);
            kernelRow = m.newLocal("ky", INT);
        }
        int c = channel;
        int ky = kernelRow;
        m.forRange("oy", 0, geo.outputHeight(), false, oy -> m.forRange("ox", 0, geo.outputWidth(), false, ox -> {
            g.loadLocal(patches);
            ImageEmitter.pushScaled(m, oy, geo.outputWidth(), 0);
            ox.push(g);
            g.math(GeneratorAdapter.ADD, INT);
            g.arrayLoad(DOUBLES);
            g.storeLocal(row);
            if (part.hasWholeRows()) {
                m.forRange("c", 0, geo.channels(), false, ci -> m.forRange("ky", 0, geo.kernelHeight(), false,
                        kyi -> copyKernelRow(m, geo, image, row, ci, oy, kyi, ox, from, to)));
                return;
            }
            m.forRange("r", kernelRows[0], kernelRows[1], false, r -> {
                r.push(g);
                g.push(geo.kernelHeight());
                g.math(GeneratorAdapter.DIV, INT);
                g.storeLocal(c);
                r.push(g);
                g.loadLocal(c);
                g.push(geo.kernelHeight());
                g.math(GeneratorAdapter.MUL, INT);
                g.math(GeneratorAdapter.SUB, INT);
                g.storeLocal(ky);
                copyKernelRow(m, geo, image, row, Index.local(c), oy, Index.local(ky), ox, from, to);
            });
        }));
    }

    /** The kw values of kernel row ky of channel c at output position (oy, ox) into the patch in local {@code row}. */
    private static void copyKernelRow(MethodEmitter m, Geometry geo, int image, int row, Index c, Index oy, Index ky,
            Index ox, int from, int to) {
        GeneratorAdapter g = m.g;
        underKernelRow(m, geo, c, oy, ky, () -> ImageEmitter.pushScaled(m, ox, geo.strideX(), 0), from);
        pushKernelRow(m, geo, c, ky);
        g.storeLocal(to);
        for (int kx = 0; kx < geo.kernelWidth(); kx++) {
            g.loadLocal(row);
            g.loadLocal(to);
            if (kx > 0) {
                g.push(kx);
                g.math(GeneratorAdapter.ADD, INT);
            }
            g.loadLocal(image);
            g.loadLocal(from);
            if (kx > 0) {
                g.push(kx);
                g.math(GeneratorAdapter.ADD, INT);
            }
            g.arrayLoad(DOUBLE);
            g.arrayStore(DOUBLE);
        }
    }

    /**
     * from = (c · PH + oy · sy + ky) · PW + column: the padded image under kernel row ky at output row
     * oy and the column that {@code column} pushes (ox · sx at output column ox, or kx for a whole row
     * of the view). Stack unchanged.
     */
    private static void underKernelRow(MethodEmitter m, Geometry geo, Index c, Index oy, Index ky, Runnable column,
            int from) {
        GeneratorAdapter g = m.g;
        c.push(g);
        g.push(geo.paddedHeight());
        g.math(GeneratorAdapter.MUL, INT);
        ImageEmitter.pushScaled(m, oy, geo.strideY(), 0);
        g.math(GeneratorAdapter.ADD, INT);
        ky.push(g);
        g.math(GeneratorAdapter.ADD, INT);
        g.push(geo.paddedWidth());
        g.math(GeneratorAdapter.MUL, INT);
        column.run();
        g.math(GeneratorAdapter.ADD, INT);
        g.storeLocal(from);
    }

    /** Pushes (c · kh + ky) · kw, the first kernel element of kernel row ky of channel c. */
    private static void pushKernelRow(MethodEmitter m, Geometry geo, Index c, Index ky) {
        GeneratorAdapter g = m.g;
        c.push(g);
        g.push(geo.kernelHeight());
        g.math(GeneratorAdapter.MUL, INT);
        ky.push(g);
        g.math(GeneratorAdapter.ADD, INT);
        g.push(geo.kernelWidth());
        g.math(GeneratorAdapter.MUL, INT);
    }

    /**
     * target[i] = ((target[i] + d_t · rows[index_t][i]) + d_t' · rows[index_t'][i]) … for list entries
     * t .. t+terms-1 (indices into the {@code double[][]} in local {@code rows}), over i in [0, length).
     * Stack unchanged.
     */
    private static void listedSweep(MethodEmitter m, int target, int rows, int indices, int values, Index t, int terms,
            int length) {
        listedSweep(m, target, rows, indices, values, t, terms, Index.constant(0), Index.constant(length));
    }

    /** {@link #listedSweep(MethodEmitter, int, int, int, int, Index, int, int)} over i in [from, to). */
    private static void listedSweep(MethodEmitter m, int target, int rows, int indices, int values, Index t, int terms,
            Index from, Index to) {
        GeneratorAdapter g = m.g;
        int[] d = new int[terms];
        int[] r = new int[terms];
        for (int j = 0; j < terms; j++) {
            m.loadElement(values, t.plus(j), DOUBLE);
            d[j] = m.storeNew("d" + j, DOUBLE);
            g.loadLocal(rows);
            m.loadElement(indices, t.plus(j), INT);
            g.arrayLoad(DOUBLES);
            r[j] = m.storeNew("r" + j, DOUBLES);
        }
        m.forRange("i", from, to, false, i -> {
            g.loadLocal(target);
            i.push(g);
            g.dup2();
            g.arrayLoad(DOUBLE);
            for (int j = 0; j < terms; j++) {
                g.loadLocal(d[j]);
                m.loadElement(r[j], i, DOUBLE);
                g.math(GeneratorAdapter.MUL, DOUBLE);
                g.math(GeneratorAdapter.ADD, DOUBLE);
            }
            g.arrayStore(DOUBLE);
        });
    }

    /**
     * {@code propagate_<node>()}: dX = 0.0 over the (padded) input; for each output position, the terms
     * t over its filters whose dZ is not 0.0, added under the kernel; then dX, inside the padding, to
     * the sources' gA.
     */
    static void emitPropagate(MethodEmitter m, NetworkPlan plan, NodePlan p) {
        GeneratorAdapter g = m.g;
        Conv conv = (Conv) p.image;
        Geometry geo = Geometry.of(p);
        int positions = geo.positions();
        int kernel = geo.kernelSize();
        int dz = Buffer.DZ.toLocal(m, p);
        int w = Buffer.W.toLocal(m, p);
        int terms = Buffer.TERMS.toLocal(m, p);
        int indices = Buffer.LIST_INDEX.toLocal(m, p);
        int values = Buffer.LIST_VALUE.toLocal(m, p);
        int dx = Buffer.DX.toLocal(m, p);
        int padded = geo.padded() ? Buffer.PADDED_DX.toLocal(m, p) : dx;
        ImageEmitter.fillZero(m, padded);
        int n = m.newLocal("n", INT);
        int k = m.newLocal("k", INT);
        int d = m.newLocal("d", DOUBLE);
        int from = m.newLocal("from", INT);
        int to = m.newLocal("to", INT);
        m.forRange("oy", 0, geo.outputHeight(), false, oy -> m.forRange("ox", 0, geo.outputWidth(), false, ox -> {
            g.push(0);
            g.storeLocal(n);
            m.forRange("f", 0, conv.filters(), false, f -> {
                g.loadLocal(dz);
                ImageEmitter.pushScaled(m, f, positions, 0);
                ImageEmitter.pushScaled(m, oy, geo.outputWidth(), 0);
                g.math(GeneratorAdapter.ADD, INT);
                ox.push(g);
                g.math(GeneratorAdapter.ADD, INT);
                g.arrayLoad(DOUBLE);
                g.storeLocal(d);
                ImageEmitter.appendUnlessZero(m, indices, values, n, gen -> f.push(gen), d);
            });
            org.objectweb.asm.Label none = new org.objectweb.asm.Label();
            g.loadLocal(n);
            g.ifZCmp(GeneratorAdapter.EQ, none);
            ImageEmitter.fillZero(m, terms);
            g.push(0);
            g.storeLocal(k);
            m.forBlocks(k, n, TERMS_PER_SWEEP_BACKWARD,
                    t -> listedSweep(m, terms, w, indices, values, t, TERMS_PER_SWEEP_BACKWARD, kernel));
            m.forBlocks(k, n, 1, t -> listedSweep(m, terms, w, indices, values, t, 1, kernel));
            m.forRange("c", 0, geo.channels(), false, c -> m.forRange("ky", 0, geo.kernelHeight(), false, ky -> {
                underKernelRow(m, geo, c, oy, ky, () -> ImageEmitter.pushScaled(m, ox, geo.strideX(), 0), from);
                pushKernelRow(m, geo, c, ky);
                g.storeLocal(to);
                for (int kx = 0; kx < geo.kernelWidth(); kx++) {
                    int column = kx;
                    m.addToElement(padded, Index.local(from).plus(column), () -> m.loadElement(terms,
                            Index.local(to).plus(column), DOUBLE));
                }
            }));
            g.mark(none);
        }));
        if (geo.padded()) {
            m.forRange("c", 0, geo.channels(), false, c -> m.forRange("iy", 0, geo.height(), false, iy -> {
                g.loadLocal(padded);
                ImageEmitter.pushIndex(m, c, geo.paddedHeight(), iy, geo.padTop(), geo.paddedWidth(), geo.padLeft());
                g.loadLocal(dx);
                ImageEmitter.pushIndex(m, c, geo.height(), iy, 0, geo.width(), 0);
                g.push(geo.width());
                m.arraycopy();
            }));
        }
        ImageEmitter.addToSources(m, plan, p, dx);
    }
}
