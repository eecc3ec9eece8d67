package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.INT;
import static nnlang.compiler.MethodEmitter.ROWS;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * The methods with which {@code CompiledNetwork} divides a mini-batch by the neurons of the first
 * node ({@link NetworkPlan#dividesByNeurons()}), in the phases of the canonical order's "Threads"
 * section: each thread has a copy of the instance with arrays of its own
 * ({@code NeuronShares}), and only the first node's forward pass, gradient sums and update are
 * divided; every thread runs the rest of the network whole, with the same values.
 *
 * <ul>
 *   <li>{@code dividesByNeurons()}: true; {@code mostTrainingThreads()}: as many as get
 *       {@link CompilerOptions#neuronShareMin()} neurons each, and the reason.
 *   <li>{@code allocateOwnArrays()}: new arrays for every node's parameters, sums, state and scratch,
 *       and new banks, so that a copy no longer shares them with the instance it was copied from.
 *   <li>{@code pointBanks(source, count)}: banks for {@code count} samples of the copy's own, and as
 *       {@code shared_batch_z_<node>} and {@code shared_batch_a_<node>} the source's banks of the
 *       first node's z and a, into which every copy copies its neurons' values after phase A and
 *       from which it copies all of them back at the start of phase B.
 *   <li>{@code forwardNeuronShare(data, order, from, to, share, shares)}, phase A: every sample of the
 *       batch read into the copy's banks (and its dropout masks drawn), then the first node's forward
 *       pass for the share's neurons ({@code forwardNeurons_<node>}).
 *   <li>{@code backpropagateWhole(count, costs)}, the start of phase B: the forward passes of the
 *       other nodes, then per sample its cost into {@code costs[s]} and its backward pass without
 *       gradient sums; then {@code trainShare} accumulates and updates the share's neurons of the
 *       first node and every other node whole.
 * </ul>
 */
final class NeuronDivision {
    /** The forward passes of every node after the first, for every sample in the banks. */
    static final String FORWARD_AFTER_FIRST = "forwardBatchAfterFirst";
    /** The first node's buffers that the copies exchange. */
    private static final Buffer[] EXCHANGED = {Buffer.Z, Buffer.A};

    /** Emits, into a method, the cost and backward pass of each of {@code count} samples into {@code costs[offset + s]} (locals). */
    interface Backpropagate {
        void emit(MethodEmitter m, int count, int costs, int offset);
    }

    private final ClassGenerator cls;
    private final NetworkPlan plan;
    private final NodePlan first;
    private final Backpropagate backpropagate;

    NeuronDivision(ClassGenerator cls, Backpropagate backpropagate) {
        this.cls = cls;
        this.plan = cls.plan();
        this.first = plan.plans.get(0);
        this.backpropagate = backpropagate;
    }

    /** The field {@code shared_batch_z_<node>} or {@code shared_batch_a_<node>}: the banks all copies exchange the first node's values through. */
    private String shared(Buffer kind) {
        return "shared_" + kind.batchField(first);
    }

    void emit() {
        for (Buffer kind : EXCHANGED) {
            cls.field(shared(kind), ROWS);
        }
        cls.emitTrue(Opcodes.ACC_PROTECTED, "boolean dividesByNeurons()");
        MethodEmitter most = cls.method(Opcodes.ACC_PUBLIC, "int mostTrainingThreads()");
        most.g.push(plan.mostNeuronShares());
        most.g.returnValue();
        most.end();
        MethodEmitter why = cls.method(Opcodes.ACC_PUBLIC, "String mostTrainingThreadsReason()");
        why.g.push("the compiled back end gives each thread at least " + plan.options.neuronShareMin()
                + " of the first layer's " + first.size + " neurons");
        why.g.returnValue();
        why.end();
        emitOwnArrays();
        emitPointBanks();
        emitForwardNeurons();
        emitForwardNeuronShare();
        emitBackpropagateWhole();
    }

    /** {@code allocateOwnArrays()}: every node's {@code allocate_<node>()}, the training scratch, and banks for the train block's batch. */
    private void emitOwnArrays() {
        MethodEmitter m = cls.method(Opcodes.ACC_PROTECTED, "void allocateOwnArrays()");
        for (NodePlan p : plan.plans) {
            m.g.loadThis();
            m.invokeOwn("void " + p.method("allocate") + "()");
        }
        m.g.loadThis();
        m.invokeOwn("void allocateTrainingScratch()");
        m.g.loadThis();
        m.g.push(plan.batchSize());
        m.invokeOwn("void allocateBatch(int)");
        m.end();
    }

    /** {@code pointBanks(CompiledNetwork source, int count)}; see the class comment. */
    private void emitPointBanks() {
        MethodEmitter m = cls.method(Opcodes.ACC_PROTECTED, "void pointBanks(nnlang.runtime.CompiledNetwork, int)",
                "source", "count");
        GeneratorAdapter g = m.g;
        PhaseByPhase.allocateUnlessFits(m, () -> g.loadArg(1), () -> { });
        g.loadArg(0);
        g.checkCast(cls.owner());
        int source = m.storeNew("own", cls.owner());
        for (Buffer kind : EXCHANGED) {
            g.loadThis();
            g.loadLocal(source);
            g.getField(cls.owner(), kind.batchField(first), ROWS);
            g.putField(cls.owner(), shared(kind), ROWS);
        }
        m.end();
    }

    /**
     * For each of the {@code count} (an int local) samples, {@code System.arraycopy} of elements
     * {@code [from, to)} of the first node's z and a from the copy's banks into the shared ones
     * ({@code toShared}) or back. Stack unchanged.
     */
    private void emitExchange(MethodEmitter m, int count, Index from, Index to, boolean toShared) {
        GeneratorAdapter g = m.g;
        for (Buffer kind : EXCHANGED) {
            int own = m.fieldToLocal(kind.batchField(first), ROWS);
            int shared = m.fieldToLocal(shared(kind), ROWS);
            m.forSampleBlocks(count, 1, (sample, one) -> {
                g.loadLocal(toShared ? own : shared);
                sample.push(g);
                g.arrayLoad(MethodEmitter.DOUBLES);
                from.push(g);
                g.loadLocal(toShared ? shared : own);
                sample.push(g);
                g.arrayLoad(MethodEmitter.DOUBLES);
                from.push(g);
                to.push(g);
                from.push(g);
                g.math(GeneratorAdapter.SUB, INT);
                m.arraycopy();
            });
        }
    }

    /** {@code forwardNeurons_<node>(int count, int share, int shares)}: the first node's forward pass for the share's neurons. */
    private void emitForwardNeurons() {
        ForwardEmitter forward = new ForwardEmitter(plan);
        emitByShare(cls, first, first.method("forwardNeurons"), "(III)V", new String[] {"count", "share", "shares"}, 1,
                (m, part) -> forward.emitBatch(m, first, part.columnFrom(), part.columnTo()));
    }

    /** The most threads for whose shares of the first node's neurons {@link #emitByShare} emits methods of their own. */
    static final int SPECIALISED_SHARES = 8;

    /**
     * Private method {@code name} ({@code descriptor}, arguments {@code argNames}, the share and the
     * number of shares at {@code shareArg} and {@code shareArg + 1}) whose {@code body} works on a
     * share of column node {@code p}'s neurons ({@link Part#neurons}). C2 vectorises a loop over a
     * range of neurons whose bounds are constants far better than one whose bounds are computed, even
     * with a constant length: for 2 to {@link #SPECIALISED_SHARES} shares, each share has a method
     * {@code name$<shares>_<share>} over its constant range, which {@code name} calls; more shares
     * run {@code body} over the range {@code name} computes.
     */
    static void emitByShare(ClassGenerator cls, NodePlan p, String name, String descriptor, String[] argNames,
            int shareArg, java.util.function.BiConsumer<MethodEmitter, Part> body) {
        java.util.List<Integer> keys = new java.util.ArrayList<>();
        for (int shares = 2; shares <= SPECIALISED_SHARES; shares++) {
            for (int share = 0; share < shares; share++) {
                int from = nnlang.runtime.TrainingThreads.partStart(p.size, share, shares);
                int to = nnlang.runtime.TrainingThreads.partStart(p.size, share + 1, shares);
                MethodEmitter own = cls.method(Opcodes.ACC_PRIVATE, new org.objectweb.asm.commons.Method(
                        variant(name, shares, share), descriptor), argNames);
                body.accept(own, Part.neurons(p, Index.constant(from), Index.constant(to)));
                own.end();
                keys.add(shares * KEY + share);
            }
        }
        MethodEmitter m = cls.method(Opcodes.ACC_PRIVATE, new org.objectweb.asm.commons.Method(name, descriptor), argNames);
        GeneratorAdapter g = m.g;
        g.loadArg(shareArg + 1);
        g.push(KEY);
        g.math(GeneratorAdapter.MUL, INT);
        g.loadArg(shareArg);
        g.math(GeneratorAdapter.ADD, INT);
        Label computed = new Label();
        g.tableSwitch(keys.stream().mapToInt(Integer::intValue).toArray(), new org.objectweb.asm.commons.TableSwitchGenerator() {
            @Override
            public void generateCase(int key, Label end) {
                g.loadThis();
                g.loadArgs();
                g.invokeVirtual(m.owner(), new org.objectweb.asm.commons.Method(variant(name, key / KEY, key % KEY),
                        descriptor));
                g.returnValue();
            }

            @Override
            public void generateDefault() {
                g.goTo(computed);
            }
        }, false);
        g.mark(computed);
        body.accept(m, Part.neurons(m, p, m.argumentToLocal(shareArg), m.argumentToLocal(shareArg + 1)));
        m.end();
    }

    /** What {@link #emitByShare} multiplies the number of shares by before adding the share, for a switch key. */
    private static final int KEY = 16;

    private static String variant(String name, int shares, int share) {
        return name + "$" + shares + "_" + share;
    }

    /** {@code forwardNeuronShare(Samples, int[], int, int, int, int)}, phase A; see the class comment. */
    private void emitForwardNeuronShare() {
        MethodEmitter m = cls.method(Opcodes.ACC_PROTECTED,
                "void forwardNeuronShare(nnlang.runtime.Samples, int[], int, int, int, int)",
                "data", "order", "from", "to", "share", "shares");
        GeneratorAdapter g = m.g;
        int count = PhaseByPhase.readRange(m, plan);
        g.loadThis();
        g.loadLocal(count);
        g.loadArg(4);
        g.loadArg(5);
        m.invokeOwn("void " + first.method("forwardNeurons") + "(int, int, int)");
        Part part = Part.neurons(m, first, m.argumentToLocal(4), m.argumentToLocal(5));
        emitExchange(m, count, part.columnFrom(), part.columnTo(), true);
        m.end();
    }

    /** {@code backpropagateWhole(int count, double[] costs)}; see the class comment. */
    private void emitBackpropagateWhole() {
        MethodEmitter m = cls.method(Opcodes.ACC_PROTECTED, "void backpropagateWhole(int, double[])", "count", "costs");
        GeneratorAdapter g = m.g;
        emitExchange(m, m.argumentToLocal(0), Index.constant(0), Index.constant(first.size), false);
        g.loadThis();
        g.loadArg(0);
        m.invokeOwn("void " + FORWARD_AFTER_FIRST + "(int)");
        g.push(0);
        int offset = m.storeNew("offset", INT);
        backpropagate.emit(m, m.argumentToLocal(0), m.argumentToLocal(1), offset);
        m.end();
    }
}
