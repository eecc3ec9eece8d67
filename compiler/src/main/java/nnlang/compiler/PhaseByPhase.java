package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLES;
import static nnlang.compiler.MethodEmitter.INT;
import static nnlang.compiler.MethodEmitter.ROWS;

import java.util.ArrayList;
import java.util.List;
import nnlang.runtime.Samples;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * A mini-batch trained phase by phase, for a network with a column node (whose forward pass handles
 * several samples per sweep over its weights): every sample of the batch read into its own arrays,
 * then every forward pass ({@code forwardBatch}), then per sample its cost and backward pass, then
 * the looped nodes' gradient sums over the whole batch ({@code accumulateBatch}).
 *
 * <p>Every per-sample array ({@link Buffer#banked()}: {@code in}, {@code y}, {@code z_}, {@code a_},
 * {@code dZ_}, {@code x_}) has one array per sample of the batch in a field {@code batch_<name>},
 * sized from the train block's batch and reallocated by {@code allocateBatch(int)} when a larger
 * batch arrives; {@code select(int s)} points the per-sample fields at sample s's arrays, so the
 * per-node methods are those of a class trained sample by sample.
 */
final class PhaseByPhase extends ArraysStrategy {
    private static final Type SAMPLES = Type.getType(Samples.class);

    PhaseByPhase(ClassGenerator cls) {
        super(cls);
    }

    @Override
    public boolean banksSamples() {
        return true;
    }

    /**
     * Empty when the class divides its batches (by samples or by neurons); else why not: its parameters
     * serve too few multiply-adds, and its first node is not one to divide by neurons.
     */
    @Override
    public String oneThreadReason() {
        if (plan.dividesBatches() || plan.dividesByNeurons()) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, "the compiled back end divides a mini-batch between threads only"
                + " when each parameter serves at least %d multiply-adds per sample, as in networks with convolutions,"
                + " and this network's serve %.1f, or by the neurons of a first dense layer that reads the whole input,"
                + " has at least %d neurons and %d times the parameters of the rest, an element-wise activation and no"
                + " dropout", plan.options.divideMinReuse(),
                (double) plan.multiplyAddsPerSample() / plan.model.parameterCount(), 2 * plan.options.neuronShareMin(),
                plan.options.neuronDivisionMinRatio());
    }

    @Override
    protected boolean accumulatesPerBatch(NodePlan p) {
        return !p.unrolled;
    }

    /** {@code allocateBatch(batch)} for the train block's batch size, then {@code select(0)}. */
    @Override
    public void emitConstructor(MethodEmitter m) {
        m.g.loadThis();
        m.g.push(plan.batchSize());
        m.invokeOwn("void allocateBatch(int)");
        m.g.loadThis();
        m.g.push(0);
        m.invokeOwn("void select(int)");
    }

    @Override
    protected void emitBatchMethods(List<Sequences.Step> accumulateBatch, BackwardSteps backward) {
        emitBanks();
        cls.sequences().emit("accumulateBatch", "(I)V", accumulateBatch, "count");
        emitForwardBatch();
        if (plan.dividesByNeurons()) {
            emitForwardBatch(NeuronDivision.FORWARD_AFTER_FIRST, 1);
        }
        if (plan.dividesBatches() || plan.dividesByNeurons()) {
            new DividedBatch(cls, banks(), backward).emit();
        }
    }

    /** A per-sample field with one array per sample of the mini-batch. */
    record Bank(String name, String bank, int length) {}

    /** The banked fields: the input and target buffers, and every node's z, a, dZ and gathered x. */
    private List<Bank> banks() {
        List<Bank> banks = new ArrayList<>();
        banks.add(new Bank(Buffer.INPUT.field(), Buffer.INPUT.batchField(), plan.model.inputSize()));
        banks.add(new Bank(Buffer.TARGET.field(), Buffer.TARGET.batchField(), plan.model.outputSize()));
        for (NodePlan p : plan.plans) {
            for (Buffer kind : new Buffer[] {Buffer.Z, Buffer.A, Buffer.DZ}) {
                banks.add(new Bank(kind.field(p), kind.batchField(p), p.size));
            }
            if (p.dropsOut()) {
                banks.add(new Bank(Buffer.U.field(p), Buffer.U.batchField(p), p.size));
                banks.add(new Bank(Buffer.MASK.field(p), Buffer.MASK.batchField(p), p.size));
            }
            if (p.gathers()) {
                banks.add(new Bank(Buffer.X.field(p), Buffer.X.batchField(p), p.fanIn));
            }
        }
        return banks;
    }

    /**
     * The bank fields ({@code batch_<name>}, {@code double[][]}), {@code allocateBatch(int count)} that
     * gives each {@code count} new arrays, and {@code select(int s)} that points each per-sample field
     * at the bank's array s.
     */
    private void emitBanks() {
        MethodEmitter allocate = cls.method(Opcodes.ACC_PRIVATE, "void allocateBatch(int)", "count");
        MethodEmitter select = cls.method(Opcodes.ACC_PRIVATE, "void select(int)", "s");
        for (Bank b : banks()) {
            cls.field(b.bank, ROWS);
            allocate.g.loadThis();
            allocate.g.loadArg(0);
            allocate.g.push(b.length);
            allocate.g.visitMultiANewArrayInsn(ROWS.getDescriptor(), 2);
            allocate.g.putField(cls.owner(), b.bank, ROWS);
            select.g.loadThis();
            select.getField(b.bank, ROWS);
            select.g.loadArg(0);
            select.g.arrayLoad(DOUBLES);
            select.g.putField(cls.owner(), b.name, DOUBLES);
        }
        allocate.end();
        select.end();
    }

    /**
     * {@code forwardBatch(int count)}: the forward passes of samples 0 .. count-1 of the batch, node by
     * node in the canonical node order: a column node's {@code forwardBatch_<node>} at once for all
     * samples; each run of other nodes, for each sample s, {@code select(s)} and the run's part of the
     * forward sequence (nodes emitted in place there are emitted in place again in the run's method).
     * The samples are independent, so the order of samples between nodes changes nothing.
     */
    private void emitForwardBatch() {
        ForwardEmitter forward = new ForwardEmitter(plan);
        for (NodePlan p : plan.plans) {
            if (p.columns) {
                MethodEmitter own = cls.method(Opcodes.ACC_PRIVATE, "void " + p.method("forwardBatch") + "(int)", "count");
                forward.emitBatch(own, p);
                own.end();
            }
        }
        emitForwardBatch("forwardBatch", 0);
    }

    /**
     * {@code name(int count)}: {@link #emitForwardBatch()}'s forward passes from node {@code first} on,
     * over the column nodes' methods that it emitted.
     */
    void emitForwardBatch(String name, int first) {
        ForwardEmitter forward = new ForwardEmitter(plan);
        Sequences sequences = cls.sequences();
        MethodEmitter m = cls.method(Opcodes.ACC_PRIVATE, "void " + name + "(int)", "count");
        GeneratorAdapter g = m.g;
        List<Sequences.Step> run = new ArrayList<>();
        int runs = 0;
        for (int n = first; n <= plan.plans.size(); n++) {
            NodePlan p = n < plan.plans.size() ? plan.plans.get(n) : null;
            if (p != null && !p.columns) {
                run.add(sequences.step(p, "forward", own -> forward.emit(own, p)).called());
                if (p.dropsOut()) {
                    run.add(sequences.step(p, "drop", own -> ForwardEmitter.emitDrop(own, p)).called());
                }
                continue;
            }
            if (!run.isEmpty()) {
                String runName = name + "$run" + runs++;
                sequences.emit(runName, "([D)V", run, "input");
                run = new ArrayList<>();
                m.forSampleBlocks(m.argumentToLocal(0), 1, (sample, one) -> {
                    g.loadThis();
                    sample.push(g);
                    m.invokeOwn("void select(int)");
                    g.loadThis();
                    m.getField(Buffer.INPUT.field(), DOUBLES);
                    m.invokeOwn("void " + runName + "(double[])");
                });
            }
            if (p != null) {
                g.loadThis();
                g.loadArg(0);
                m.invokeOwn("void " + p.method("forwardBatch") + "(int)");
                if (p.dropsOut()) {
                    m.forSampleBlocks(m.argumentToLocal(0), 1, (sample, one) -> {
                        g.loadThis();
                        sample.push(g);
                        m.invokeOwn("void select(int)");
                        g.loadThis();
                        m.getField(Buffer.INPUT.field(), DOUBLES);
                        m.invokeOwn("void " + p.method("drop") + "(double[])");
                    });
                }
            }
        }
        m.end();
    }

    /**
     * count = to - from; new banks when count exceeds them; every sample read into its arrays (and,
     * when a node drops out, its masks drawn, sample after sample);
     * {@code forwardBatch(count)}; for each sample in order {@code select(s)}, its cost added to
     * {@code batchCost}, and {@code backward()} (which leaves out the looped nodes' gradient sums);
     * then {@code accumulateBatch(count)}, which adds them in batch order.
     */
    @Override
    protected void emitSamples(MethodEmitter m, int batchCost) {
        GeneratorAdapter g = m.g;
        g.loadArg(3);
        g.loadArg(2);
        g.math(GeneratorAdapter.SUB, INT);
        int count = m.storeNew("count", INT);
        allocateUnlessFits(m, () -> g.loadLocal(count), () -> { });
        readSamples(m, plan, count);
        g.loadThis();
        g.loadLocal(count);
        m.invokeOwn("void forwardBatch(int)");
        m.forSampleBlocks(count, 1, (sample, one) -> {
            g.loadThis();
            sample.push(g);
            m.invokeOwn("void select(int)");
            addSampleCost(m, batchCost);
            g.loadThis();
            m.invokeOwn("void backward()");
        });
        g.loadThis();
        g.loadLocal(count);
        m.invokeOwn("void accumulateBatch(int)");
    }

    /**
     * {@code allocateBatch(count)} when the banks have fewer arrays than count, which {@code pushCount}
     * pushes, followed by {@code allocated}'s code. Stack unchanged.
     */
    static void allocateUnlessFits(MethodEmitter m, Runnable pushCount, Runnable allocated) {
        GeneratorAdapter g = m.g;
        Label fits = new Label();
        pushCount.run();
        m.getField(Buffer.INPUT.batchField(), ROWS);
        g.arrayLength();
        g.ifICmp(GeneratorAdapter.LE, fits);
        g.loadThis();
        pushCount.run();
        m.invokeOwn("void allocateBatch(int)");
        allocated.run();
        g.mark(fits);
    }

    /**
     * count = to - from (arguments 3 and 2) into a new local, then {@link #readSamples}: the samples
     * {@code order[from .. to)} of a method whose first arguments are data, order, from and to.
     * Returns the count's local. Stack unchanged.
     */
    static int readRange(MethodEmitter m, NetworkPlan plan) {
        m.g.loadArg(3);
        m.g.loadArg(2);
        m.g.math(GeneratorAdapter.SUB, INT);
        int count = m.storeNew("count", INT);
        readSamples(m, plan, count);
        return count;
    }

    /**
     * Samples {@code order[from ..)} (arguments 0 to 2 are data, order and from) read into the banks'
     * arrays 0 .. count-1 (and, when a node drops out, their masks drawn, sample after sample). Stack
     * unchanged.
     */
    static void readSamples(MethodEmitter m, NetworkPlan plan, int count) {
        GeneratorAdapter g = m.g;
        int index = m.newLocal("index", INT);
        m.forSampleBlocks(count, 1, (sample, one) -> {
            g.loadArg(1);
            g.loadArg(2);
            sample.push(g);
            g.math(GeneratorAdapter.ADD, INT);
            g.arrayLoad(INT);
            g.storeLocal(index);
            for (Buffer read : new Buffer[] {Buffer.INPUT, Buffer.TARGET}) {
                g.loadArg(0);
                g.loadLocal(index);
                m.getField(read.batchField(), ROWS);
                sample.push(g);
                g.arrayLoad(DOUBLES);
                g.invokeInterface(SAMPLES, Method.getMethod(read == Buffer.INPUT
                        ? "void input(int, double[])" : "void target(int, double[])"));
            }
            if (plan.dropsOut) {
                g.loadThis();
                sample.push(g);
                m.invokeOwn("void select(int)");
                g.loadThis();
                m.invokeOwn("void drawMasks()");
            }
        });
    }
}
