package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;
import static nnlang.compiler.MethodEmitter.DOUBLES;
import static nnlang.compiler.MethodEmitter.INT;
import static nnlang.compiler.MethodEmitter.ROWS;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import nnlang.model.NetworkModel;
import nnlang.model.Source;
import nnlang.runtime.Samples;
import nnlang.runtime.data.DenseSamples;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.CodeSizeEvaluator;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * {@code trainBatch} and {@code accumulate} for a network made only of nodes emitted in place (XOR,
 * the half adder): every parameter, every gradient sum and every value of a sample is a local
 * variable, so that C2 keeps them in registers, and no field or array is touched between reading the
 * first sample and the update (or, for {@code gradient}, storing the sums).
 * <ul>
 *   <li>the parameters are loaded into locals from the weight and bias arrays, and the gradient
 *       sums start as locals of 0.0;
 *   <li>samples are read in blocks of {@code block} (then one by one): from a {@link DenseSamples}
 *       straight out of its arrays, else through {@link Samples#input} and {@link Samples#target};
 *   <li>the block's forward passes run node by node in the canonical node order and, within a node,
 *       sample after sample: no sample waits for another's results, so the processor overlaps their
 *       activations (a sigmoid's {@code Math.exp} is a long dependent chain);
 *   <li>then, sample by sample in batch order, its cost is added to the batch's and its backward
 *       pass adds to the gradient sums, in exactly the order of the {@code backward} sequence;
 *   <li>at the end, for {@code trainBatch}, the update in locals and the parameters stored into the
 *       weight and bias arrays; for {@code gradient}, the gradient sums stored into the gW and gb
 *       arrays, where {@code readGradient} finds them as it finds the sums of any other network.
 * </ul>
 * The arithmetic is emitted by the same {@link ForwardEmitter}, {@link BackwardEmitter},
 * {@link CostEmitter} and {@link UpdateEmitter} code as every other class, over {@link Vec}s that are
 * locals.
 */
final class InLocals implements TrainingStrategy {
    /**
     * The bytecode {@code trainBatch} may hold when it trains in locals: well under the 8,000 bytes
     * above which HotSpot never compiles a method.
     */
    private static final int LOCALS_BYTES = 6000;

    private final ClassGenerator cls;
    private final NetworkPlan plan;
    private final NetworkModel model;
    private final List<NodePlan> plans;
    /** Samples per block of straight-line code. */
    private final int block;

    InLocals(ClassGenerator cls, int block) {
        this.cls = cls;
        this.plan = cls.plan();
        this.model = plan.model;
        this.plans = plan.plans;
        this.block = block;
    }

    /**
     * The largest block of at most {@link CompilerOptions#localsSampleBlock} samples with which
     * {@code trainBatch} in locals, its larger method, has at most {@link #LOCALS_BYTES} of bytecode,
     * measured by emitting it into a throwaway visitor; 0 when not even one sample at a time fits.
     */
    static int largestBlock(ClassGenerator cls) {
        for (int block = cls.plan().options.localsSampleBlock(); block >= 1; block--) {
            CodeSizeEvaluator[] size = new CodeSizeEvaluator[1];
            ClassVisitor probe = new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    size[0] = new CodeSizeEvaluator(null);
                    return size[0];
                }
            };
            new InLocals(cls, block).emitTrainBatch(
                    new MethodEmitter(probe, cls.owner(), Opcodes.ACC_PROTECTED, TRAIN_BATCH, TRAIN_BATCH_ARGS));
            if (size[0].getMaxSize() <= LOCALS_BYTES) {
                return block;
            }
        }
        return 0;
    }

    @Override
    public void emit() {
        emitTrainBatch(cls.method(Opcodes.ACC_PROTECTED, TRAIN_BATCH, TRAIN_BATCH_ARGS));
        MethodEmitter m = cls.method(Opcodes.ACC_PROTECTED, ACCUMULATE, ACCUMULATE_ARGS);
        m.g.push(0.0);
        int batchCost = m.storeNew("batchCost", DOUBLE);
        storeIntoFields(m, emitLoop(m, batchCost, false), Buffer.GW, Buffer.GB, -1);
        m.g.loadLocal(batchCost);
        m.g.returnValue();
        m.end();
    }

    /**
     * The whole of {@code trainBatch}: the checks, the step's scalars (c = -(rate / (to - from)) for
     * SGD; a rule with counters advances them here), the loop over samples
     * [from, to) adding each sample's cost to the batch's, then every node's update in locals (without
     * the decay when it is exactly 1.0), then the parameters and the optimizer's state stored into
     * their arrays; returns the batch's cost.
     */
    private void emitTrainBatch(MethodEmitter m) {
        GeneratorAdapter g = m.g;
        TrainingStrategy.checkBatch(m);
        RuleEmitter rule = RuleEmitter.of(plan.rule);
        Runnable[] scalars = UpdateEmitter.fromLocals(m, rule.emitScalars(m));
        g.push(0.0);
        int batchCost = m.storeNew("batchCost", DOUBLE);
        Values values = emitLoop(m, batchCost, true);
        int slots = plan.stateSlots();
        Label decayed = new Label();
        Label store = new Label();
        g.loadArg(5);
        g.push(1.0);
        g.ifCmp(DOUBLE, GeneratorAdapter.NE, decayed);
        for (NodePlan p : plans) {
            UpdateEmitter.emitUpdate(m, p, rule, slots, values, scalars, null, false, true, Part.whole(p));
        }
        g.goTo(store);
        g.mark(decayed);
        for (NodePlan p : plans) {
            UpdateEmitter.emitUpdate(m, p, rule, slots, values, scalars, () -> g.loadArg(5), false, true, Part.whole(p));
        }
        g.mark(store);
        storeIntoFields(m, values, Buffer.W, Buffer.B, -1);
        for (int s = 0; s < slots; s++) {
            storeIntoFields(m, values, Buffer.WEIGHT_STATE, Buffer.BIAS_STATE, s);
        }
        g.loadLocal(batchCost);
        g.returnValue();
        m.end();
    }

    /**
     * Every node's locals of matrix {@code matrix} (w, gW, or slot {@code slot} of the weights' state)
     * and vector {@code vector} (b, gb or the biases' state) in {@code values} stored into the arrays
     * of its fields. Stack unchanged.
     */
    private void storeIntoFields(MethodEmitter m, Values values, Buffer matrix, Buffer vector, int slot) {
        for (NodePlan p : plans) {
            Values.Matrix locals = slot < 0 ? values.matrix(p, matrix) : values.weightState(p, slot);
            int rows = m.fieldToLocal(slot < 0 ? matrix.field(p) : matrix.field(p, slot), ROWS);
            for (int j = 0; j < p.size; j++) {
                m.loadElement(rows, Index.constant(j), DOUBLES);
                locals.row(Index.constant(j)).copyTo(m.storeNew("row", DOUBLES), p.fanIn);
            }
            Vec v = slot < 0 ? values.vector(p, vector) : values.biasState(p, slot);
            v.copyTo(m.fieldToLocal(slot < 0 ? vector.field(p) : vector.field(p, slot), DOUBLES), p.size);
        }
    }

    /**
     * The parameters (and, {@code withState}, the optimizer's state) into locals, the sums as locals
     * of 0.0, and the loop over samples [from, to) (arguments 2 and 3), adding each sample's cost to
     * the double local {@code batchCost}. Returns where the parameters, the state and the sums are.
     * Stack unchanged.
     */
    private Values emitLoop(MethodEmitter m, int batchCost, boolean withState) {
        int slots = withState ? plan.stateSlots() : 0;
        GeneratorAdapter g = m.g;
        int nodes = plans.size();
        Vec[][] w = new Vec[nodes][];
        Vec[][] gW = new Vec[nodes][];
        Vec[] b = new Vec[nodes];
        Vec[] gb = new Vec[nodes];
        Vec[][][] weightState = new Vec[nodes][slots][];
        Vec[][] biasState = new Vec[nodes][slots];
        for (NodePlan p : plans) {
            int n = p.node.index();
            for (int s = 0; s < slots; s++) {
                int stateRows = m.fieldToLocal(Buffer.WEIGHT_STATE.field(p, s), ROWS);
                weightState[n][s] = new Vec[p.size];
                for (int j = 0; j < p.size; j++) {
                    m.loadElement(stateRows, Index.constant(j), DOUBLES);
                    int row = m.storeNew("row", DOUBLES);
                    weightState[n][s][j] = Vec.locals(m, Buffer.WEIGHT_STATE.field(p, s) + "_" + j + "_", p.fanIn);
                    weightState[n][s][j].copyFrom(row, p.fanIn);
                }
                biasState[n][s] = Vec.locals(m, Buffer.BIAS_STATE.field(p, s), p.size);
                biasState[n][s].copyFrom(m.fieldToLocal(Buffer.BIAS_STATE.field(p, s), DOUBLES), p.size);
            }
            int rows = Buffer.W.toLocal(m, p);
            w[n] = new Vec[p.size];
            gW[n] = new Vec[p.size];
            for (int j = 0; j < p.size; j++) {
                m.loadElement(rows, Index.constant(j), DOUBLES);
                int row = m.storeNew("row", DOUBLES);
                w[n][j] = Vec.locals(m, Buffer.W.field(p) + "_" + j + "_", p.fanIn);
                w[n][j].copyFrom(row, p.fanIn);
                gW[n][j] = Vec.locals(m, Buffer.GW.field(p) + "_" + j + "_", p.fanIn);
                zero(gW[n][j], p.fanIn);
            }
            b[n] = Vec.locals(m, Buffer.B.field(p), p.size);
            b[n].copyFrom(Buffer.B.toLocal(m, p), p.size);
            gb[n] = Vec.locals(m, Buffer.GB.field(p), p.size);
            zero(gb[n], p.size);
        }
        SampleValues[] samples = new SampleValues[block];
        Vec[] dZ = new Vec[nodes];
        Vec[] gA = new Vec[nodes];
        Vec[] c = new Vec[nodes];
        for (NodePlan p : plans) {
            int n = p.node.index();
            dZ[n] = Vec.locals(m, Buffer.DZ.field(p), p.size);
            gA[n] = p.needsActivationGradient() ? Vec.locals(m, Buffer.GA.field(p), p.size) : null;
            c[n] = p.needsCostTermBuffer() ? Vec.locals(m, Buffer.C.field(p), p.size) : null;
        }
        for (int k = 0; k < block; k++) {
            Vec[] z = new Vec[nodes];
            Vec[] a = new Vec[nodes];
            for (NodePlan p : plans) {
                z[p.node.index()] = Vec.locals(m, "s" + k + "_" + Buffer.Z.field(p), p.size);
                a[p.node.index()] = Vec.locals(m, "s" + k + "_" + Buffer.A.field(p), p.size);
            }
            samples[k] = new SampleValues(Vec.locals(m, "s" + k + "_in", model.inputSize()),
                    Vec.locals(m, "s" + k + "_y", model.outputSize()), z, a, dZ, gA, c, w, b, gW, gb, weightState,
                    biasState);
        }
        LocalsSampleReader reader = new LocalsSampleReader(m, model);
        ForwardEmitter forward = new ForwardEmitter(plan);
        BackwardEmitter backward = new BackwardEmitter(plan);
        g.loadArg(3);
        g.loadArg(2);
        g.math(GeneratorAdapter.SUB, INT);
        int count = m.storeNew("count", INT);
        m.forSampleBlocks(count, block, (first, size) -> {
            reader.read(first, size, samples);
            for (NodePlan p : plans) {
                for (int k = 0; k < size; k++) {
                    forward.emitUnrolled(m, p, samples[k]);
                }
            }
            for (int k = 0; k < size; k++) {
                SampleValues values = samples[k];
                g.loadLocal(batchCost);
                pushCost(m, values);
                g.math(GeneratorAdapter.ADD, DOUBLE);
                g.storeLocal(batchCost);
                BackwardEmitter.forEachStep(plans, (p, phase) -> backward.emit(m, p, phase, values));
            }
        });
        return samples[0];
    }

    /** Elements [0, length) of {@code v} = 0.0. Stack unchanged. */
    private static void zero(Vec v, int length) {
        for (int i = 0; i < length; i++) {
            v.storeZero(Index.constant(i));
        }
    }

    /**
     * Pushes the sample's cost, by {@link CostEmitter} from its output elements and targets.
     * Stack: ... -&gt; ..., cost.
     */
    private void pushCost(MethodEmitter m, SampleValues values) {
        List<Vec> vectors = new ArrayList<>();
        List<Index> indices = new ArrayList<>();
        for (Source s : model.output().sources()) {
            Vec v = s.isInput() ? values.input() : values.a[s.node()];
            for (int t = 0; t < s.length(); t++) {
                vectors.add(v);
                indices.add(Index.constant(s.offset() + t));
            }
        }
        CostEmitter.push(m, plan.cost, model.hasSoftmaxOutput(), model.outputSize(),
                k -> vectors.get(k).push(indices.get(k)), k -> values.target().push(Index.constant(k)));
    }

    /**
     * One sample of a block: its own input, target, z and a; the backward vectors, parameters, sums
     * and state are shared.
     */
    private record SampleValues(Vec in, Vec y, Vec[] z, Vec[] a, Vec[] dZ, Vec[] gA, Vec[] c, Vec[][] w, Vec[] b,
            Vec[][] gW, Vec[] gb, Vec[][][] weightState, Vec[][] biasState) implements Values {

        @Override
        public Vec vector(NodePlan p, Buffer kind) {
            int n = p.node.index();
            Vec v = switch (kind) {
                case Z -> z[n];
                case A -> a[n];
                case DZ -> dZ[n];
                case GA -> gA[n];
                case C -> c[n];
                case B -> b[n];
                case GB -> gb[n];
                default -> null;
            };
            if (v == null) {
                throw new IllegalArgumentException("no vector " + kind + " of node " + p.name + " in locals");
            }
            return v;
        }

        @Override
        public Matrix matrix(NodePlan p, Buffer kind) {
            Vec[] rows = switch (kind) {
                case W -> w[p.node.index()];
                case GW -> gW[p.node.index()];
                default -> throw new IllegalArgumentException("no matrix " + kind + " in locals");
            };
            return j -> rows[j.constantValue()];
        }

        @Override
        public Matrix weightState(NodePlan p, int slot) {
            Vec[] rows = weightState[p.node.index()][slot];
            return j -> rows[j.constantValue()];
        }

        @Override
        public Vec biasState(NodePlan p, int slot) {
            return biasState[p.node.index()][slot];
        }

        @Override
        public Vec input() {
            return in;
        }

        @Override
        public Vec target() {
            return y;
        }
    }
}
