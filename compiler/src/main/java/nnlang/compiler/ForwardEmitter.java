package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;
import static nnlang.compiler.MethodEmitter.DOUBLES;
import static nnlang.compiler.MethodEmitter.ROWS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nnlang.model.Activation;
import nnlang.model.BuiltinActivation;
import nnlang.model.Source;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Emits each node's forward pass, {@code void forward_<node>(double[] input)}: for every neuron j,
 * z_j = ((0.0 + w_j0 x_0) + w_j1 x_1 + ...) + b_j and a_j = f(z_j), written to the node's z and a
 * fields. Unrolled nodes are straight-line code reading their sources with constant indices; looped
 * nodes sweep their input once per block of rows, keeping one running sum per row; column nodes sweep
 * their weight columns once, adding each input's terms to all their sums in a loop over the neurons.
 */
final class ForwardEmitter {
    private static final Type ACTIVATION = Type.getType(BuiltinActivation.class);
    private static final Method SOFTMAX = Method.getMethod("void softmax(double[], double[], int, int)");
    private static final Type SYSTEM = Type.getType(System.class);
    private static final Method ARRAYCOPY = Method.getMethod("void arraycopy(Object, int, Object, int, int)");

    private final NetworkClass cls;

    ForwardEmitter(NetworkClass cls) {
        this.cls = cls;
    }

    /** Emits node {@code p}'s forward pass into {@code m}, whose argument 0 is the input array. */
    void emit(MethodEmitter m, NodePlan p) {
        int w = m.fieldToLocal(p.field("w"), ROWS);
        int b = m.fieldToLocal(p.field("b"), DOUBLES);
        int z = m.fieldToLocal(p.field("z"), DOUBLES);
        int a = m.fieldToLocal(p.field("a"), DOUBLES);
        if (p.columns) {
            emitColumns(m, p, w, b, new int[] {inputVector(m, p)}, new int[] {z}, new int[] {a});
            return;
        }
        if (p.unrolled) {
            emitUnrolled(m, p, w, b, SourceArrays.load(m, cls, p, () -> m.argumentToLocal(0)), z, a);
            return;
        }
        Rows rows = new Rows(m, w, b, z, a, p.activation);
        int x = inputVector(m, p);
        int block = cls.options().rowBlock();
        int full = p.size - p.size % block;
        m.forRange("j", 0, full, block, false,
                j -> rows.emitBlock(j, block, p.fanIn, false, (g, i) -> m.loadElement(x, i, DOUBLE)));
        if (full < p.size) {
            rows.emitBlock(Index.constant(full), p.size - full, p.fanIn, false, (g, i) -> m.loadElement(x, i, DOUBLE));
        }
        emitSoftmax(m, p, z, a);
    }

    /**
     * An unrolled node's forward pass for one sample, as straight-line code: weights and biases in
     * locals {@code w} and {@code b}, the sample's source arrays in {@code x}, its z and a arrays
     * (written) in locals {@code z} and {@code a}. Stack unchanged.
     */
    private static void emitUnrolled(MethodEmitter m, NodePlan p, int w, int b, SourceArrays x, int z, int a) {
        Rows rows = new Rows(m, w, b, z, a, p.activation);
        for (int j = 0; j < p.size; j++) {
            rows.emitBlock(Index.constant(j), 1, p.fanIn, true, x::push);
        }
        emitSoftmax(m, p, z, a);
    }

    /**
     * {@code forwardBatch(int count)} of a network made only of unrolled nodes: the forward passes of
     * samples 0 .. count-1 of the mini-batch, reading and writing the sample arrays of the batch fields,
     * in blocks of {@code block} samples, then one by one. Within a block, node by node in the canonical
     * node order, each sample's straight-line pass follows the previous sample's: no sample waits for
     * another's results, so the processor overlaps their activations (each sigmoid's
     * {@code Math.exp} is a long dependent chain).
     */
    void emitInPlaceBatch(MethodEmitter m, List<NodePlan> plans, int block) {
        int[] w = new int[plans.size()];
        int[] b = new int[plans.size()];
        int[] zs = new int[plans.size()];
        int[] as = new int[plans.size()];
        for (NodePlan p : plans) {
            int n = p.node.index();
            w[n] = m.fieldToLocal(p.field("w"), ROWS);
            b[n] = m.fieldToLocal(p.field("b"), DOUBLES);
            zs[n] = m.fieldToLocal(p.batchField("z"), ROWS);
            as[n] = m.fieldToLocal(p.batchField("a"), ROWS);
        }
        int ins = m.fieldToLocal("batch_" + NetworkClass.INPUT_BUFFER, ROWS);
        m.forSampleBlocks(m.argumentToLocal(0), block, (first, count) -> {
            int[] in = m.loadRows(ins, first, count, "in");
            List<Map<Integer, Integer>> arrays = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                arrays.add(new HashMap<>(Map.of(Source.INPUT, in[k])));
            }
            for (NodePlan p : plans) {
                int n = p.node.index();
                for (int k = 0; k < count; k++) {
                    Index sample = first.plus(k);
                    Map<Integer, Integer> sampleArrays = arrays.get(k);
                    SourceArrays x = SourceArrays.of(p, sampleArrays::get);
                    m.loadElement(zs[n], sample, DOUBLES);
                    int z = m.storeNew("z" + k, DOUBLES);
                    m.loadElement(as[n], sample, DOUBLES);
                    int a = m.storeNew("a" + k, DOUBLES);
                    sampleArrays.put(n, a);
                    emitUnrolled(m, p, w[n], b[n], x, z, a);
                }
            }
        });
    }

    /**
     * {@code forwardBatch_<node>(int count)} of a column node: the forward pass of samples 0 .. count-1
     * of the mini-batch, reading and writing the sample arrays of the batch fields, in blocks of
     * {@link CompilerOptions#sampleBlock()} samples per sweep over the weights, then one by one.
     */
    void emitBatch(MethodEmitter m, NodePlan p) {
        int w = m.fieldToLocal(p.field("w"), ROWS);
        int b = m.fieldToLocal(p.field("b"), DOUBLES);
        int zs = m.fieldToLocal(p.batchField("z"), ROWS);
        int as = m.fieldToLocal(p.batchField("a"), ROWS);
        int xs = m.fieldToLocal(p.wholeSource == null ? p.batchField("x") : cls.batchField(p.wholeSource), ROWS);
        m.forSampleBlocks(m.argumentToLocal(0), cls.options().sampleBlock(), (first, block) -> {
            if (p.wholeSource == null) {
                for (int k = 0; k < block; k++) {
                    gather(m, p, first.plus(k));
                }
            }
            emitColumns(m, p, w, b, m.loadRows(xs, first, block, "x"), m.loadRows(zs, first, block, "z"),
                    m.loadRows(as, first, block, "a"));
        });
    }

    /**
     * The sums of a column node for the samples whose x, z and a arrays are in locals {@code x[k]},
     * {@code z[k]}, {@code a[k]}: every z_j = 0.0; then for ascending i, with column i of the weights,
     * z_j += w_ji * x_i for all j and every sample (each weight loaded once for all samples; when
     * {@link CompilerOptions#skipZeroInputs()}, only if some sample's x_i is not 0.0); then
     * z_j += b_j and a_j = f(z_j). Each sum still adds its terms in ascending i. Stack unchanged.
     */
    private void emitColumns(MethodEmitter m, NodePlan p, int w, int b, int[] x, int[] z, int[] a) {
        GeneratorAdapter g = m.g;
        boolean skipZeros = cls.options().skipZeroInputs();
        int samples = x.length;
        m.forRange("j", 0, p.size, false, j -> {
            for (int k = 0; k < samples; k++) {
                m.storeZero(z[k], j);
            }
        });
        int column = m.newLocal("column", DOUBLES);
        int wji = m.newLocal("w", DOUBLE);
        int[] xi = new int[samples];
        for (int k = 0; k < samples; k++) {
            xi[k] = m.newLocal("x" + k + "i", DOUBLE);
        }
        m.forRange("i", 0, p.fanIn, false, i -> {
            for (int k = 0; k < samples; k++) {
                m.loadElement(x[k], i, DOUBLE);
                g.storeLocal(xi[k]);
            }
            m.loadElement(w, i, DOUBLES);
            g.storeLocal(column);
            m.unlessAllZero(skipZeros ? xi : new int[0], () -> m.forRange("j", 0, p.size, false, j -> {
                m.loadElement(column, j, DOUBLE);
                g.storeLocal(wji);
                for (int k = 0; k < samples; k++) {
                    int sample = k;
                    m.addToElement(z[k], j, () -> {
                        g.loadLocal(wji);
                        g.loadLocal(xi[sample]);
                        g.math(GeneratorAdapter.MUL, DOUBLE);
                    });
                }
            }));
        });
        for (int k = 0; k < samples; k++) {
            int sample = k;
            m.forRange("j", 0, p.size, false, j -> {
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
            emitSoftmax(m, p, z[sample], a[sample]);
        }
    }

    /** For softmax, a = softmax(z) by the runtime's own code; nothing for element-wise activations. */
    private static void emitSoftmax(MethodEmitter m, NodePlan p, int z, int a) {
        if (!p.activation.isElementwise()) {
            m.g.loadLocal(z);
            m.g.loadLocal(a);
            m.g.push(0);
            m.g.push(p.size);
            m.g.invokeStatic(ACTIVATION, SOFTMAX);
        }
    }

    /** Copies each source slice of sample {@code sample} into that sample's x array of the batch. Stack unchanged. */
    private void gather(MethodEmitter m, NodePlan p, Index sample) {
        for (NodePlan.Slice s : p.slices) {
            m.getField(cls.batchField(s.source()), ROWS);
            sample.push(m.g);
            m.g.arrayLoad(DOUBLES);
            m.g.push(s.source().offset());
            m.getField(p.batchField("x"), ROWS);
            sample.push(m.g);
            m.g.arrayLoad(DOUBLES);
            m.g.push(s.xOffset());
            m.g.push(s.source().length());
            m.g.invokeStatic(SYSTEM, ARRAYCOPY);
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
            return m.fieldToLocal(cls.plan(p.wholeSource.node()).field("a"), DOUBLES);
        }
        int x = m.fieldToLocal(p.field("x"), DOUBLES);
        for (NodePlan.Slice s : p.slices) {
            if (s.source().isInput()) {
                m.g.loadArg(0);
            } else {
                m.getField(cls.plan(s.source().node()).field("a"), DOUBLES);
            }
            m.g.push(s.source().offset());
            m.g.loadLocal(x);
            m.g.push(s.xOffset());
            m.g.push(s.source().length());
            m.g.invokeStatic(SYSTEM, ARRAYCOPY);
        }
        return x;
    }

    /** Emits the sums of a block of neuron rows over one sweep of the input. */
    private static final class Rows {
        private final MethodEmitter m;
        private final int w;
        private final int b;
        private final int z;
        private final int a;
        private final Activation f;

        Rows(MethodEmitter m, int w, int b, int z, int a, Activation f) {
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
            int[] row = new int[count];
            int[] sum = new int[count];
            for (int k = 0; k < count; k++) {
                m.loadElement(w, first.plus(k), DOUBLES);
                row[k] = m.storeNew("row" + k, DOUBLES);
                g.push(0.0);
                sum[k] = m.storeNew("sum" + k, DOUBLE);
            }
            int xi = m.newLocal("x", DOUBLE);
            m.forRange("i", 0, fanIn, unroll, i -> {
                x.push(g, i);
                g.storeLocal(xi);
                for (int k = 0; k < count; k++) {
                    g.loadLocal(sum[k]);
                    m.loadElement(row[k], i, DOUBLE);
                    g.loadLocal(xi);
                    g.math(GeneratorAdapter.MUL, DOUBLE);
                    g.math(GeneratorAdapter.ADD, DOUBLE);
                    g.storeLocal(sum[k]);
                }
            });
            for (int k = 0; k < count; k++) {
                Index j = first.plus(k);
                g.loadLocal(sum[k]);
                m.loadElement(b, j, DOUBLE);
                g.math(GeneratorAdapter.ADD, DOUBLE);
                int zj = m.storeNew("z", DOUBLE);
                m.storeElement(z, j, zj);
                if (f.isElementwise()) {
                    g.loadLocal(a);
                    j.push(g);
                    ActivationEmitter.apply(m, f, zj);
                    g.arrayStore(DOUBLE);
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
