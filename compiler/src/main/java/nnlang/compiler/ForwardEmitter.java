package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;
import static nnlang.compiler.MethodEmitter.DOUBLES;
import static nnlang.compiler.MethodEmitter.ROWS;

import nnlang.model.Activation;
import nnlang.model.BuiltinActivation;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Emits each node's forward pass, {@code void forward_<node>(double[] input)}: for every neuron j,
 * z_j = ((0.0 + w_j0 x_0) + w_j1 x_1 + ...) + b_j and a_j = f(z_j), written to the node's z and a
 * fields. Unrolled nodes are straight-line code reading their sources with constant indices; looped
 * nodes sweep their input once per block of rows, keeping one running sum per row; column nodes sweep
 * their weight columns once, adding each input's terms to all their sums in a loop over the neurons.
 * Convolutions and pools are emitted by {@link ConvEmitter} and {@link PoolEmitter}.
 */
final class ForwardEmitter {
    private static final Type ACTIVATION = Type.getType(BuiltinActivation.class);
    private static final Method SOFTMAX = Method.getMethod("void softmax(double[], double[], int, int)");

    private final NetworkPlan plan;

    ForwardEmitter(NetworkPlan plan) {
        this.plan = plan;
    }

    /** Emits node {@code p}'s forward pass into {@code m}, whose argument 0 is the input array. */
    void emit(MethodEmitter m, NodePlan p) {
        if (p.image instanceof nnlang.model.Conv) {
            ConvEmitter.emitForward(m, p, inputVector(m, p));
            return;
        }
        if (p.image != null) {
            PoolEmitter.emitForward(m, p, inputVector(m, p));
            return;
        }
        if (p.unrolled) {
            emitUnrolled(m, p, Values.fields(m, () -> m.argumentToLocal(0)));
            return;
        }
        if (p.columns) {
            int w = Buffer.W.toLocal(m, p);
            int b = Buffer.B.toLocal(m, p);
            int z = Buffer.Z.toLocal(m, p);
            int a = Buffer.A.toLocal(m, p);
            emitColumns(m, p, w, b, new int[] {inputVector(m, p)}, new int[] {z}, new int[] {a},
                    Index.constant(0), Index.constant(p.size));
            return;
        }
        Values values = Values.fields(m);
        Vec z = values.vector(p, Buffer.Z);
        Vec a = values.vector(p, Buffer.A);
        Rows rows = new Rows(m, values.matrix(p, Buffer.W), values.vector(p, Buffer.B), z, a, p.activation);
        int x = inputVector(m, p);
        int block = plan.options.rowBlock();
        int full = p.size - p.size % block;
        m.forRange("j", 0, full, block, false,
                j -> rows.emitBlock(j, block, p.fanIn, false, (g, i) -> m.loadElement(x, i, DOUBLE)));
        if (full < p.size) {
            rows.emitBlock(Index.constant(full), p.size - full, p.fanIn, false, (g, i) -> m.loadElement(x, i, DOUBLE));
        }
        emitSoftmax(m, p, z, a);
    }

    /**
     * An unrolled node's forward pass for one sample, as straight-line code: its parameters, sources,
     * z and a (written) where {@code values} has them. Stack unchanged.
     */
    void emitUnrolled(MethodEmitter m, NodePlan p, Values values) {
        Values.Matrix w = values.matrix(p, Buffer.W);
        Vec b = values.vector(p, Buffer.B);
        Sources x = new Sources(plan, p, values);
        Vec z = values.vector(p, Buffer.Z);
        Vec a = values.vector(p, Buffer.A);
        Rows rows = new Rows(m, w, b, z, a, p.activation);
        for (int j = 0; j < p.size; j++) {
            rows.emitBlock(Index.constant(j), 1, p.fanIn, true, (g, i) -> x.push(i));
        }
        emitSoftmax(m, p, z, a);
    }

    /**
     * {@code drop_<node>()} of a node that drops out, for the sample in the fields, after its forward
     * pass: u_j = a_j, then a_j = u_j · m_j with the mask drawn for the sample. Stack unchanged.
     */
    static void emitDrop(MethodEmitter m, NodePlan p) {
        Values values = Values.fields(m);
        Vec a = values.vector(p, Buffer.A);
        Vec u = values.vector(p, Buffer.U);
        Vec mask = values.vector(p, Buffer.MASK);
        m.forRange("j", 0, p.size, p.unrolled, j -> {
            u.store(j, () -> a.push(j));
            a.store(j, () -> {
                u.push(j);
                mask.push(j);
                m.g.math(GeneratorAdapter.MUL, DOUBLE);
            });
        });
    }

    /**
     * {@code forwardBatch_<node>(int count)} of a column node: the forward pass of samples 0 .. count-1
     * of the mini-batch, reading and writing the sample arrays of the batch fields, in blocks of
     * {@link CompilerOptions#sampleBlock()} samples per sweep over the weights, then one by one.
     */
    void emitBatch(MethodEmitter m, NodePlan p) {
        emitBatch(m, p, Index.constant(0), Index.constant(p.size));
    }

    /**
     * {@link #emitBatch(MethodEmitter, NodePlan)} for neurons {@code [from, to)} of the column node
     * only: their sums, biases and activations, each as it is for the whole node.
     */
    void emitBatch(MethodEmitter m, NodePlan p, Index from, Index to) {
        int w = Buffer.W.toLocal(m, p);
        int b = Buffer.B.toLocal(m, p);
        int zs = m.fieldToLocal(Buffer.Z.batchField(p), ROWS);
        int as = m.fieldToLocal(Buffer.A.batchField(p), ROWS);
        int xs = m.fieldToLocal(p.wholeSource == null ? Buffer.X.batchField(p) : plan.batchField(p.wholeSource), ROWS);
        m.forSampleBlocks(m.argumentToLocal(0), plan.options.sampleBlock(), (first, block) -> {
            if (p.wholeSource == null) {
                for (int k = 0; k < block; k++) {
                    gather(m, p, first.plus(k));
                }
            }
            emitColumns(m, p, w, b, m.loadRows(xs, first, block, "x"), m.loadRows(zs, first, block, "z"),
                    m.loadRows(as, first, block, "a"), from, to);
        });
    }

    /**
     * The sums of a column node for the samples whose x, z and a arrays are in locals {@code x[k]},
     * {@code z[k]}, {@code a[k]}: every z_j = 0.0; then the input columns i in ascending order,
     * {@code group} at a time, for all j and every sample z_j = ((z_j + w_ji * x_i) + w_ji' * x_i') ...
     * (each weight loaded once for all samples; when {@link CompilerOptions#skipZeroInputs()}, only if
     * some x of the group is not 0.0), the last columns one at a time; then z_j += b_j and
     * a_j = f(z_j). Each sum still adds its terms in ascending i. One sample alone (a prediction) takes
     * two columns per sweep over j, which halves the loads and stores of its sums; several samples
     * take one, their sums being loads and stores enough. Stack unchanged.
     */
    private void emitColumns(MethodEmitter m, NodePlan p, int w, int b, int[] x, int[] z, int[] a, Index from,
            Index to) {
        GeneratorAdapter g = m.g;
        int samples = x.length;
        int group = samples == 1 ? plan.options.columnsPerSingleSweep() : plan.options.columnsPerSweep();
        m.forRange("j", from, to, false, j -> {
            for (int k = 0; k < samples; k++) {
                m.storeZero(z[k], j);
            }
        });
        int full = p.fanIn - p.fanIn % group;
        m.forRange("i", 0, full, group, false, i -> sweep(m, p, w, x, z, i, group, from, to));
        m.forRange("i", full, p.fanIn, false, i -> sweep(m, p, w, x, z, i, 1, from, to));
        for (int k = 0; k < samples; k++) {
            int sample = k;
            m.forRange("j", from, to, false, j -> {
                m.loadElement(z[sample], j, DOUBLE);
                m.loadElement(b, j, DOUBLE);
                g.math(GeneratorAdapter.ADD, DOUBLE);
                int zj = m.storeNew("zj", DOUBLE);
                m.storeElement(z[sample], j, zj);
                if (p.activation.isElementwise()) {
                    g.loadLocal(a[sample]);
                    j.push(g);
                    ActivationEmitter.apply(m, p.activation, zj);
                    g.arrayStore(DOUBLE);
                }
            });
            emitSoftmax(m, p, Vec.array(m, z[sample]), Vec.array(m, a[sample]));
        }
    }

    /**
     * One sweep over the neurons j of a column node for columns first .. first+group-1 and the samples
     * whose x and z arrays are in locals {@code x[k]} and {@code z[k]}: z_j = ((z_j + w_ji * x_i) +
     * w_ji' * x_i') ..., skipped when {@link CompilerOptions#skipZeroInputs()} and every such x is 0.0.
     * Stack unchanged.
     */
    private void sweep(MethodEmitter m, NodePlan p, int w, int[] x, int[] z, Index first, int group, Index from,
            Index to) {
        GeneratorAdapter g = m.g;
        int samples = x.length;
        int[] column = new int[group];
        int[] wji = new int[group];
        int[] xi = new int[group * samples];
        for (int c = 0; c < group; c++) {
            for (int k = 0; k < samples; k++) {
                m.loadElement(x[k], first.plus(c), DOUBLE);
                xi[c * samples + k] = m.storeNew("x" + k + "i" + c, DOUBLE);
            }
            m.loadElement(w, first.plus(c), DOUBLES);
            column[c] = m.storeNew("column" + c, DOUBLES);
            wji[c] = m.newLocal("w" + c, DOUBLE);
        }
        m.unlessAllZero(plan.options.skipZeroInputs() ? xi : new int[0], () -> m.forRange("j", from, to, false, j -> {
            for (int c = 0; c < group; c++) {
                m.loadElement(column[c], j, DOUBLE);
                g.storeLocal(wji[c]);
            }
            for (int k = 0; k < samples; k++) {
                g.loadLocal(z[k]);
                j.push(g);
                g.dup2();
                g.arrayLoad(DOUBLE);
                for (int c = 0; c < group; c++) {
                    g.loadLocal(wji[c]);
                    g.loadLocal(xi[c * samples + k]);
                    g.math(GeneratorAdapter.MUL, DOUBLE);
                    g.math(GeneratorAdapter.ADD, DOUBLE);
                }
                g.arrayStore(DOUBLE);
            }
        }));
    }

    /**
     * For softmax, a = softmax(z) by the runtime's own code; nothing for element-wise activations. When z
     * and a are locals, they pass through the node's z and a arrays. Stack unchanged.
     */
    private static void emitSoftmax(MethodEmitter m, NodePlan p, Vec z, Vec a) {
        if (p.activation.isElementwise()) {
            return;
        }
        int zs = z.arraySlot();
        if (zs < 0) {
            zs = Buffer.Z.toLocal(m, p);
            z.copyTo(zs, p.size);
        }
        int as = a.arraySlot() >= 0 ? a.arraySlot() : Buffer.A.toLocal(m, p);
        m.g.loadLocal(zs);
        m.g.loadLocal(as);
        m.g.push(0);
        m.g.push(p.size);
        m.g.invokeStatic(ACTIVATION, SOFTMAX);
        if (a.arraySlot() < 0) {
            a.copyFrom(as, p.size);
        }
    }

    /** Copies each source slice of sample {@code sample} into that sample's x array of the batch. Stack unchanged. */
    private void gather(MethodEmitter m, NodePlan p, Index sample) {
        for (NodePlan.Slice s : p.slices) {
            m.getField(plan.batchField(s.source()), ROWS);
            sample.push(m.g);
            m.g.arrayLoad(DOUBLES);
            m.g.push(s.source().offset());
            m.getField(Buffer.X.batchField(p), ROWS);
            sample.push(m.g);
            m.g.arrayLoad(DOUBLES);
            m.g.push(s.xOffset());
            m.g.push(s.source().length());
            m.arraycopy();
        }
    }

    /**
     * Leaves in a new local the array a looped node reads its x from: the input argument or the source
     * node's activations when its one source is a whole vector, else its x buffer, filled here by
     * copying each source slice. Returns the local.
     */
    private int inputVector(MethodEmitter m, NodePlan p) {
        if (p.wholeSource != null) {
            if (p.wholeSource.isInput()) {
                return m.argumentToLocal(0);
            }
            return Buffer.A.toLocal(m, plan.plan(p.wholeSource.node()));
        }
        int x = Buffer.X.toLocal(m, p);
        for (NodePlan.Slice s : p.slices) {
            if (s.source().isInput()) {
                m.g.loadArg(0);
            } else {
                m.getField(Buffer.A.field(plan.plan(s.source().node())), DOUBLES);
            }
            m.g.push(s.source().offset());
            m.g.loadLocal(x);
            m.g.push(s.xOffset());
            m.g.push(s.source().length());
            m.arraycopy();
        }
        return x;
    }

    /** Emits the sums of a block of neuron rows over one sweep of the input. */
    private static final class Rows {
        private final MethodEmitter m;
        private final Values.Matrix w;
        private final Vec b;
        private final Vec z;
        private final Vec a;
        private final Activation f;

        Rows(MethodEmitter m, Values.Matrix w, Vec b, Vec z, Vec a, Activation f) {
            this.m = m;
            this.w = w;
            this.b = b;
            this.z = z;
            this.a = a;
            this.f = f;
        }

        /**
         * Rows {@code first .. first+count-1}: one running sum per row, each starting at 0.0 and adding
         * w_ji * x_i for ascending i (x_i pushed by {@code x}), then b_j; stores z_j and, for an
         * element-wise activation, a_j. Stack unchanged.
         */
        void emitBlock(Index first, int count, int fanIn, boolean unroll, ElementPusher x) {
            GeneratorAdapter g = m.g;
            Vec[] row = new Vec[count];
            int[] sum = new int[count];
            for (int k = 0; k < count; k++) {
                row[k] = w.row(first.plus(k));
                g.push(0.0);
                sum[k] = m.storeNew("sum" + k, DOUBLE);
            }
            int xi = m.newLocal("x", DOUBLE);
            m.forRange("i", 0, fanIn, unroll, i -> {
                x.push(g, i);
                g.storeLocal(xi);
                for (int k = 0; k < count; k++) {
                    g.loadLocal(sum[k]);
                    row[k].push(i);
                    g.loadLocal(xi);
                    g.math(GeneratorAdapter.MUL, DOUBLE);
                    g.math(GeneratorAdapter.ADD, DOUBLE);
                    g.storeLocal(sum[k]);
                }
            });
            for (int k = 0; k < count; k++) {
                Index j = first.plus(k);
                g.loadLocal(sum[k]);
                b.push(j);
                g.math(GeneratorAdapter.ADD, DOUBLE);
                int zj = m.storeNew("z", DOUBLE);
                z.store(j, () -> g.loadLocal(zj));
                if (f.isElementwise()) {
                    a.store(j, () -> ActivationEmitter.apply(m, f, zj));
                }
            }
        }
    }

    /** Pushes x_i. Stack: ... -&gt; ..., x_i. */
    @FunctionalInterface
    interface ElementPusher {
        void push(GeneratorAdapter g, Index i);
    }
}
