package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;
import static nnlang.compiler.MethodEmitter.DOUBLES;
import static nnlang.compiler.MethodEmitter.ROWS;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import nnlang.model.Activation;
import nnlang.model.BuiltinActivation;
import nnlang.model.Cost;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Emits each node's part of the backward pass for one sample, in the canonical order of
 * {@code nnlang.runtime}'s package documentation, into a method without arguments over the node's
 * arrays, or, for unrolled nodes, into any method over the {@link Values} it is given (the sample
 * loop of a network trained in locals):
 * <ul>
 *   <li>{@code seed_<node>()}: gA = 0.0, then, under the quadratic cost, gA_e += a_e - y_k for each
 *       output element k that is element e of this node, in ascending k;
 *   <li>{@code delta_<node>()}: dZ from gA, f' and the fused cost term;
 *   <li>{@code accumulate_<node>()}: gW_ji += dZ_j x_i and gb_j += dZ_j (a node without parameters, a
 *       pool, has none; a conv adds its sums per batch, {@link ConvEmitter});
 *   <li>{@code propagate_<node>()}: dX_i = sum over ascending j of dZ_j w_ji, added to the source
 *       nodes' gA; never computed for elements of the network input.
 * </ul>
 */
final class BackwardEmitter {
    private static final Type ACTIVATION = Type.getType(BuiltinActivation.class);
    private static final Method SOFTMAX_BACKWARD =
            Method.getMethod("void softmaxBackward(double[], double[], double[], int, int)");

    private final NetworkPlan plan;

    BackwardEmitter(NetworkPlan plan) {
        this.plan = plan;
    }

    /** One phase of a node's backward pass, named as its method is ({@code seed_<node>}, ...). */
    enum Phase {
        SEED("seed"), DELTA("delta"), ACCUMULATE("accumulate"), PROPAGATE("propagate");

        final String method;

        Phase(String method) {
            this.method = method;
        }
    }

    /**
     * The steps of one sample's backward pass in the canonical order: the seed of every node that
     * keeps gA, in node order; then, for each node in reverse node order, its delta, its gradient sums
     * and, when it has a node source, its propagation.
     */
    static void forEachStep(List<NodePlan> plans, BiConsumer<NodePlan, Phase> step) {
        for (NodePlan p : plans) {
            if (p.needsActivationGradient()) {
                step.accept(p, Phase.SEED);
            }
        }
        for (int n = plans.size() - 1; n >= 0; n--) {
            NodePlan p = plans.get(n);
            step.accept(p, Phase.DELTA);
            if (p.weightRows() > 0 || p.biases > 0) {
                step.accept(p, Phase.ACCUMULATE);
            }
            if (p.propagates) {
                step.accept(p, Phase.PROPAGATE);
            }
        }
    }

    /** Emits {@code phase} of node {@code p} over {@code values} (accumulate: the per-sample form). */
    void emit(MethodEmitter m, NodePlan p, Phase phase, Values values) {
        switch (phase) {
            case SEED -> emitSeed(m, p, values);
            case DELTA -> emitDelta(m, p, values);
            case ACCUMULATE -> emitAccumulate(m, p, values);
            case PROPAGATE -> PropagateEmitter.emit(m, plan, p, values);
        }
    }

    /** {@code seed_<node>()}; only for nodes that {@link NodePlan#needsActivationGradient()}. */
    private void emitSeed(MethodEmitter m, NodePlan p, Values values) {
        Vec gA = values.vector(p, Buffer.GA);
        m.forRange("j", 0, p.size, p.unrolled, gA::storeZero);
        if (plan.cost == Cost.QUADRATIC && !p.outputRuns.isEmpty()) {
            Vec a = values.vector(p, Buffer.A);
            Vec y = values.target();
            for (NodePlan.OutputRun run : p.outputRuns) {
                m.forRange("t", 0, run.length(), p.unrolled, t -> gA.add(t.plus(run.element()),
                        () -> pushError(m, a, t.plus(run.element()), y, t.plus(run.output()))));
            }
        }
    }

    /**
     * {@code delta_<node>()}, dZ of one sample. With t_j = gA_j f'(z_j, a_j) (softmax: its Jacobian
     * applied to gA) and, under cross-entropy for a node holding outputs, c_e = 0.0 + (a_e - y_k) over
     * its output elements k in ascending order (0.0 elsewhere):
     * <ul>
     *   <li>quadratic, fused: dZ_e = (0.0 + (a_e - y_k)) f'(z_e, a_e);
     *   <li>cross-entropy, read by no other node: dZ_j = c_j;
     *   <li>cross-entropy, read by another node: dZ_j = c_j + t_j;
     *   <li>otherwise: dZ_j = t_j; for a node that drops out t_j = (gA_j m_j) f'(z_j, u_j).
     * </ul>
     */
    private void emitDelta(MethodEmitter m, NodePlan p, Values values) {
        Vec dZ = values.vector(p, Buffer.DZ);
        Vec a = values.vector(p, Buffer.A);
        Vec z = ActivationEmitter.derivativeReadsZ(p.activation) ? values.vector(p, Buffer.Z) : null;
        Vec y = p.outputRuns.isEmpty() ? null : values.target();
        Vec mask = p.dropsOut() ? values.vector(p, Buffer.MASK) : null;
        Derivative derivative = new Derivative(m, p.activation, p.dropsOut() ? values.vector(p, Buffer.U) : a, z);
        CostTerm costTerm = new CostTerm(m, p, a, y);
        if (p.fusedCost && !p.crossEntropyTerm) {
            costTerm.forEachOutput((e, pushTerm) -> dZ.store(e, () -> {
                pushTerm.run();
                derivative.multiply(e);
            }));
        } else if (p.fusedCost) {
            costTerm.emitInto(dZ);
        } else {
            Vec gA = values.vector(p, Buffer.GA);
            if (p.activation.isElementwise()) {
                m.forRange("j", 0, p.size, p.unrolled, j -> dZ.store(j, () -> {
                    gA.push(j);
                    if (mask != null) {
                        mask.push(j);
                        m.g.math(GeneratorAdapter.MUL, DOUBLE);
                    }
                    derivative.multiply(j);
                }));
            } else {
                softmaxBackward(m, p, gA, a, dZ);
            }
            if (p.crossEntropyTerm && p.plainOutput) {
                costTerm.forEachOutput(dZ::add);
            } else if (p.crossEntropyTerm) {
                Vec c = values.vector(p, Buffer.C);
                costTerm.emitInto(c);
                m.forRange("j", 0, p.size, p.unrolled, j -> dZ.add(j, () -> c.push(j)));
            }
        }
    }

    /**
     * dZ = the softmax Jacobian applied to gA, by the runtime's own code. Vectors held in locals pass
     * through the node's gA, a and dZ arrays. Stack unchanged.
     */
    private static void softmaxBackward(MethodEmitter m, NodePlan p, Vec gA, Vec a, Vec dZ) {
        int[] arrays = new int[3];
        Vec[] vectors = {gA, a, dZ};
        Buffer[] kinds = {Buffer.GA, Buffer.A, Buffer.DZ};
        for (int k = 0; k < 3; k++) {
            arrays[k] = vectors[k].arraySlot();
            if (arrays[k] < 0) {
                arrays[k] = kinds[k].toLocal(m, p);
                if (k < 2) {
                    vectors[k].copyTo(arrays[k], p.size);
                }
            }
        }
        for (int array : arrays) {
            m.g.loadLocal(array);
        }
        m.g.push(0);
        m.g.push(p.size);
        m.g.invokeStatic(ACTIVATION, SOFTMAX_BACKWARD);
        if (dZ.arraySlot() < 0) {
            dZ.copyFrom(arrays[2], p.size);
        }
    }

    /** The cost's own contribution to a node's delta: 0.0 + (a_e - y_k) for each output element k, which is element e. */
    private static final class CostTerm {
        private final MethodEmitter m;
        private final NodePlan p;
        private final Vec a;
        private final Vec y;

        CostTerm(MethodEmitter m, NodePlan p, Vec a, Vec y) {
            this.m = m;
            this.p = p;
            this.a = a;
            this.y = y;
        }

        /**
         * Calls {@code body} for each output element of the node in ascending output order with the
         * node element e and an emitter that pushes 0.0 + (a_e - y_k).
         */
        void forEachOutput(BiConsumer<Index, Runnable> body) {
            for (NodePlan.OutputRun run : p.outputRuns) {
                m.forRange("t", 0, run.length(), p.unrolled, t -> body.accept(t.plus(run.element()), () -> {
                    m.g.push(0.0);
                    pushError(m, a, t.plus(run.element()), y, t.plus(run.output()));
                    m.g.math(GeneratorAdapter.ADD, DOUBLE);
                }));
            }
        }

        /**
         * Writes c into {@code target}: each element assigned once when every element is exactly one
         * output, else 0.0 everywhere and then each output's a_e - y_k added.
         */
        void emitInto(Vec target) {
            if (p.plainOutput) {
                forEachOutput(target::store);
                return;
            }
            m.forRange("j", 0, p.size, p.unrolled, target::storeZero);
            for (NodePlan.OutputRun run : p.outputRuns) {
                m.forRange("t", 0, run.length(), p.unrolled, t -> target.add(t.plus(run.element()),
                        () -> pushError(m, a, t.plus(run.element()), y, t.plus(run.output()))));
            }
        }
    }

    /** {@code accumulate_<node>()}: gb_j += dZ_j, then gW_ji += dZ_j * x_i for ascending i. */
    private void emitAccumulate(MethodEmitter m, NodePlan p, Values values) {
        if (p.image != null) {
            throw new IllegalStateException(p.name + ": a conv's gradient sums are added per batch");
        }
        GeneratorAdapter g = m.g;
        Vec dZ = values.vector(p, Buffer.DZ);
        Values.Matrix gW = values.matrix(p, Buffer.GW);
        Vec gb = values.vector(p, Buffer.GB);
        ForwardEmitter.ElementPusher x;
        if (p.unrolled) {
            Sources sources = new Sources(plan, p, values);
            x = (gen, i) -> sources.push(i);
        } else {
            int xs = m.fieldToLocal(plan.inputVectorField(p), DOUBLES);
            x = (gen, i) -> m.loadElement(xs, i, DOUBLE);
        }
        int d = m.newLocal("dZj", DOUBLE);
        m.forRange("j", 0, p.size, p.unrolled, j -> {
            dZ.push(j);
            g.storeLocal(d);
            gb.add(j, () -> g.loadLocal(d));
            Vec row = gW.row(j);
            m.forRange("i", 0, p.fanIn, p.unrolled, i -> row.add(i, () -> {
                g.loadLocal(d);
                x.push(g, i);
                g.math(GeneratorAdapter.MUL, DOUBLE);
            }));
        });
    }

    /**
     * {@code accumulateBatch_<node>(int count)} of a looped node, when the batch's forward passes ran
     * before its backward passes: for samples s = 0 .. count-1 in order, gb_j += dZ_j and
     * gW_ji += dZ_j * x_i, reading each sample's dZ and x from the batch fields. A block of
     * {@link CompilerOptions#sampleBlock()} samples is one sweep over the gradient rows, each element
     * read once and written once: gW_ji = ((gW_ji + dZ0_j x0_i) + dZ1_j x1_i) + ..., which is the
     * samples' additions in batch order. Only the sums of {@code part} (the whole node, or a thread's
     * share of it) are computed, each as it would be in the whole node.
     */
    void emitAccumulateBatch(MethodEmitter m, NodePlan p, Part part) {
        if (p.image != null) {
            ConvEmitter.emitAccumulateBatch(m, plan, p, part);
            return;
        }
        GeneratorAdapter g = m.g;
        int gW = Buffer.GW.toLocal(m, p);
        int gb = Buffer.GB.toLocal(m, p);
        int dZs = m.fieldToLocal(Buffer.DZ.batchField(p), ROWS);
        int xs = m.fieldToLocal(plan.batchInputVectorField(p), ROWS);
        m.forSampleBlocks(m.argumentToLocal(0), plan.options.sampleBlock(), (first, block) -> {
            int[] dZ = m.loadRows(dZs, first, block, "dZ");
            int[] x = m.loadRows(xs, first, block, "x");
            if (p.columns) {
                accumulateColumns(m, p, part, gW, gb, dZ, x);
                return;
            }
            int[] d = new int[block];
            for (int k = 0; k < block; k++) {
                d[k] = m.newLocal("dZ" + k + "j", DOUBLE);
            }
            int row = m.newLocal("gWj", DOUBLES);
            m.forRange("j", part.rowFrom(), part.rowTo(), false, j -> {
                for (int k = 0; k < block; k++) {
                    m.loadElement(dZ[k], j, DOUBLE);
                    g.storeLocal(d[k]);
                }
                m.loadElement(gW, j, DOUBLES);
                g.storeLocal(row);
                m.forRange("i", 0, p.fanIn, false, i -> addInOrder(m, row, i, block, k -> {
                    g.loadLocal(d[k]);
                    m.loadElement(x[k], i, DOUBLE);
                    g.math(GeneratorAdapter.MUL, DOUBLE);
                }));
                addInOrder(m, gb, j, block, k -> g.loadLocal(d[k]));
            });
        });
    }

    /**
     * One block of samples of {@link #emitAccumulateBatch} for a column node, whose gW is stored by
     * column: for ascending i, column i of gW gets ((gW_ji + dZ0_j x0_i) + dZ1_j x1_i) + ... in one
     * loop over j (when {@link CompilerOptions#skipZeroInputs()}, only if some sample's x_i is not 0.0);
     * then the same for gb. {@code dZ[k]} and {@code x[k]} are the locals holding sample
     * k's arrays. Stack unchanged.
     */
    private void accumulateColumns(MethodEmitter m, NodePlan p, Part part, int gW, int gb, int[] dZ, int[] x) {
        GeneratorAdapter g = m.g;
        boolean skipZeros = plan.options.skipZeroInputs();
        int block = dZ.length;
        int[] xi = new int[block];
        for (int k = 0; k < block; k++) {
            xi[k] = m.newLocal("x" + k + "i", DOUBLE);
        }
        int column = m.newLocal("gWi", DOUBLES);
        m.forRange("i", part.rowFrom(), part.rowTo(), false, i -> {
            for (int k = 0; k < block; k++) {
                m.loadElement(x[k], i, DOUBLE);
                g.storeLocal(xi[k]);
            }
            m.loadElement(gW, i, DOUBLES);
            g.storeLocal(column);
            m.unlessAllZero(skipZeros ? xi : new int[0], () -> m.forRange("j", part.columnFrom(), part.columnTo(), false,
                    j -> addInOrder(m, column, j, block, k -> {
                        m.loadElement(dZ[k], j, DOUBLE);
                        g.loadLocal(xi[k]);
                        g.math(GeneratorAdapter.MUL, DOUBLE);
                    })));
        });
        m.forRange("j", part.biasFrom(), part.biasTo(), false,
                j -> addInOrder(m, gb, j, block, k -> m.loadElement(dZ[k], j, DOUBLE)));
    }

    /**
     * {@code array[index] = ((array[index] + term(0)) + term(1)) + ...} for {@code terms} terms, where
     * {@code term} emits code that pushes term k. Stack unchanged.
     */
    private static void addInOrder(MethodEmitter m, int array, Index index, int terms, IntConsumer term) {
        m.g.loadLocal(array);
        index.push(m.g);
        m.g.dup2();
        m.g.arrayLoad(DOUBLE);
        for (int k = 0; k < terms; k++) {
            term.accept(k);
            m.g.math(GeneratorAdapter.ADD, DOUBLE);
        }
        m.g.arrayStore(DOUBLE);
    }

    /** Pushes the cost's gradient at output k, which is element e: a_e - y_k. Stack: ... -&gt; ..., a_e - y_k. */
    private static void pushError(MethodEmitter m, Vec a, Index e, Vec y, Index k) {
        CostEmitter.pushOutputGradient(m, () -> a.push(e), () -> y.push(k));
    }

    /** Multiplies by f'(z_e, a_e), loading a_e (and z_e when the derivative reads z) into locals first. */
    private static final class Derivative {
        private final MethodEmitter m;
        private final Activation f;
        private final Vec a;
        private final Vec z;
        private final int ae;
        private final int ze;

        Derivative(MethodEmitter m, Activation f, Vec a, Vec z) {
            this.m = m;
            this.f = f;
            this.a = a;
            this.z = z;
            this.ae = f.isElementwise() ? m.newLocal("ae", DOUBLE) : -1;
            this.ze = z != null ? m.newLocal("ze", DOUBLE) : -1;
        }

        /** Stack: ..., g -&gt; ..., g * f'(z_e, a_e). */
        void multiply(Index e) {
            a.push(e);
            m.g.storeLocal(ae);
            if (z != null) {
                z.push(e);
                m.g.storeLocal(ze);
            }
            ActivationEmitter.multiplyByDerivative(m, f, ze, ae);
        }
    }
}
