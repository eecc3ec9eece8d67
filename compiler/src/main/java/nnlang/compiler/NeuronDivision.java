package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.INT;
import static nnlang.compiler.MethodEmitter.ROWS;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * The methods with which {@code CompiledNetwork} divides a mini-batch by the neurons of the first
 * node ({@link NetworkPlan#dividesByNeurons()}), in the phases of the canonical order's "Threads"
 * section: each thread has a copy of the instance with arrays of its own
 * ({@code NeuronShares}), and only the first node's forward pass, gradient sums and update are
 * divided; every thread runs the rest of the network whole, with the same values.
 *
 * <p>A copy holds the first node's parameters, sums and state for its share of the neurons only:
 * neuron {@code from + j} of the share at element j of each weight column and of the biases, so that
 * a thread's loops over its neurons run over whole arrays from 0, and the arrays a thread sweeps are
 * its share's alone, with nothing of the other shares between them in memory.
 *
 * <ul>
 *   <li>{@code dividesByNeurons()}: true; {@code mostTrainingThreads()}: as many as get
 *       {@link CompilerOptions#neuronShareMin()} neurons each, and the reason.
 *   <li>{@code takeNeuronShare(source, share, shares)}: new arrays for every node's parameters, sums,
 *       state and scratch, and new banks, so that a copy no longer shares them with the instance it
 *       was copied from; the first node's for the share only; then source's parameters and state.
 *   <li>{@code giveNeuronShare(target, share, shares)}: the share's parameters and state of the first
 *       node into target's arrays, and from share 0 those of every other node.
 *   <li>{@code pointBanks(source, count)}: banks for {@code count} samples of the copy's own, and as
 *       {@code shared_batch_z_<node>} and {@code shared_batch_a_<node>} the source's banks of the
 *       first node's z and a, into which every copy copies its neurons' values after phase A and
 *       from which it copies all of them back at the start of phase B.
 *   <li>{@code forwardNeuronShare(data, order, from, to, share, shares)}, phase A: every sample of the
 *       batch read into the copy's banks (and its dropout masks drawn), then the first node's forward
 *       pass for the share's neurons ({@code forwardNeurons_<node>}), into the first elements of the
 *       copy's z and a.
 *   <li>{@code backpropagateWhole(count, costs)}, the start of phase B: the forward passes of the
 *       other nodes, then per sample its cost into {@code costs[s]} and its backward pass without
 *       gradient sums; then {@code trainShare} accumulates and updates the share's neurons of the
 *       first node (their dZ moved to the first elements first) and every other node whole.
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
        emitTake();
        emitGive();
        emitPointBanks();
        emitForwardNeurons();
        emitForwardNeuronShare();
        emitBackpropagateWhole();
    }

    /**
     * {@code takeNeuronShare(CompiledNetwork source, int share, int shares)}: every node's
     * {@code allocate_<node>()}, the training scratch and banks for the train block's batch, the first
     * node's parameter arrays anew for the share's neurons only, then source's values.
     */
    private void emitTake() {
        MethodEmitter m = cls.method(Opcodes.ACC_PROTECTED,
                "void takeNeuronShare(nnlang.runtime.CompiledNetwork, int, int)", "source", "share", "shares");
        GeneratorAdapter g = m.g;
        for (NodePlan p : plan.plans) {
            g.loadThis();
            m.invokeOwn("void " + p.method("allocate") + "()");
        }
        g.loadThis();
        m.invokeOwn("void allocateTrainingScratch()");
        g.loadThis();
        g.push(plan.batchSize());
        m.invokeOwn("void allocateBatch(int)");
        Part part = Part.neurons(m, first, m.argumentToLocal(1), m.argumentToLocal(2));
        Index length = length(m, part);
        cls.newParameterArrays(m, first, length, length);
        copyValues(m, false, part.columnFrom(), length);
        m.end();
    }

    /** {@code giveNeuronShare(CompiledNetwork target, int share, int shares)}; see the class comment. */
    private void emitGive() {
        MethodEmitter m = cls.method(Opcodes.ACC_PROTECTED,
                "void giveNeuronShare(nnlang.runtime.CompiledNetwork, int, int)", "target", "share", "shares");
        Part part = Part.neurons(m, first, m.argumentToLocal(1), m.argumentToLocal(2));
        copyValues(m, true, part.columnFrom(), length(m, part));
        m.end();
    }

    /** {@code to - from} of a share of the first node's neurons into a new local. */
    private static Index length(MethodEmitter m, Part part) {
        part.columnTo().push(m.g);
        part.columnFrom().push(m.g);
        m.g.math(GeneratorAdapter.SUB, INT);
        return Index.local(m.storeNew("length", INT));
    }

    /**
     * Copies parameters and state between this copy and the instance in argument 0: the first node's
     * {@code length} neurons (elements 0 .. length-1 here, {@code from} .. there), then every other
     * node's whole; into the other instance when {@code toOther}, and then only from share 0 (argument
     * 1). Stack unchanged.
     */
    private void copyValues(MethodEmitter m, boolean toOther, Index from, Index length) {
        GeneratorAdapter g = m.g;
        g.loadArg(0);
        g.checkCast(cls.owner());
        int other = m.storeNew("other", cls.owner());
        int source = toOther ? -1 : other;
        int target = toOther ? other : -1;
        Index zero = Index.constant(0);
        Index sourceFrom = toOther ? zero : from;
        Index targetFrom = toOther ? from : zero;
        for (String[] fields : valueFields(first)) {
            copyArrays(m, fields[0], first.weightRows(), source, sourceFrom, target, targetFrom, length);
            copyArrays(m, fields[1], 0, source, sourceFrom, target, targetFrom, length);
        }
        Label done = new Label();
        if (toOther) {
            g.loadArg(1);
            g.ifZCmp(GeneratorAdapter.NE, done);
        }
        for (NodePlan p : plan.plans.subList(1, plan.plans.size())) {
            for (String[] fields : valueFields(p)) {
                Index rowLength = Index.constant(p.weightRowLength());
                copyArrays(m, fields[0], p.weightRows(), source, zero, target, zero, rowLength);
                copyArrays(m, fields[1], 0, source, zero, target, zero, Index.constant(p.biases));
            }
        }
        g.mark(done);
    }

    /**
     * Node p's fields of the values training changes, each a pair of its weight arrays' field and its
     * biases': the parameters, then each slot of state.
     */
    private java.util.List<String[]> valueFields(NodePlan p) {
        java.util.List<String[]> fields = new java.util.ArrayList<>();
        fields.add(new String[] {Buffer.W.field(p), Buffer.B.field(p)});
        for (int s = 0; s < plan.stateSlots(); s++) {
            fields.add(new String[] {Buffer.WEIGHT_STATE.field(p, s), Buffer.BIAS_STATE.field(p, s)});
        }
        return fields;
    }

    /**
     * {@code System.arraycopy(src.field, srcPos, dst.field, dstPos, length)}, where src and dst are
     * the locals {@code source} and {@code target} ({@code this} for -1); for each of {@code rows}
     * arrays of a {@code double[][]} field, or of the {@code double[]} field itself when rows is 0.
     * Stack unchanged.
     */
    private void copyArrays(MethodEmitter m, String field, int rows, int source, Index srcPos, int target, Index dstPos,
            Index length) {
        GeneratorAdapter g = m.g;
        Type type = rows == 0 ? MethodEmitter.DOUBLES : ROWS;
        java.util.function.IntConsumer pushField = instance -> {
            if (instance < 0) {
                g.loadThis();
            } else {
                g.loadLocal(instance);
            }
            g.getField(cls.owner(), field, type);
        };
        if (rows == 0) {
            pushField.accept(source);
            srcPos.push(g);
            pushField.accept(target);
            dstPos.push(g);
            length.push(g);
            m.arraycopy();
            return;
        }
        pushField.accept(source);
        int from = m.storeNew("from", ROWS);
        pushField.accept(target);
        int to = m.storeNew("to", ROWS);
        m.forRange("r", 0, rows, 1, false, r -> {
            m.loadElement(from, r, MethodEmitter.DOUBLES);
            srcPos.push(g);
            m.loadElement(to, r, MethodEmitter.DOUBLES);
            dstPos.push(g);
            length.push(g);
            m.arraycopy();
        });
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
     * For each of the {@code count} (an int local) samples, {@code System.arraycopy} of {@code length}
     * elements of the first node's z and a from the copy's banks at {@code own} into the shared ones at
     * {@code shared} ({@code toShared}) or back. Stack unchanged.
     */
    private void emitExchange(MethodEmitter m, int count, Index own, Index shared, Index length, boolean toShared) {
        GeneratorAdapter g = m.g;
        for (Buffer kind : EXCHANGED) {
            int mine = m.fieldToLocal(kind.batchField(first), ROWS);
            int all = m.fieldToLocal(shared(kind), ROWS);
            m.forSampleBlocks(count, 1, (sample, one) -> {
                g.loadLocal(toShared ? mine : all);
                sample.push(g);
                g.arrayLoad(MethodEmitter.DOUBLES);
                (toShared ? own : shared).push(g);
                g.loadLocal(toShared ? all : mine);
                sample.push(g);
                g.arrayLoad(MethodEmitter.DOUBLES);
                (toShared ? shared : own).push(g);
                length.push(g);
                m.arraycopy();
            });
        }
    }

    /** {@code forwardNeurons_<node>(int count, int share, int shares)}: the first node's forward pass for the share's neurons. */
    private void emitForwardNeurons() {
        ForwardEmitter forward = new ForwardEmitter(plan);
        emitByShare(cls, first, first.method("forwardNeurons"), "(III)V", new String[] {"count", "share", "shares"}, 1,
                (m, from, length) -> forward.emitBatch(m, first, Index.constant(0), length));
    }

    /**
     * Into {@code accumulateShare_<node>(int count, ...)} of the first node, before its sums: each of
     * the count samples' dZ of the share's neurons moved from elements {@code from ..} to the first
     * {@code length}, where the share's sums read them (nothing reads that dZ after). Nothing for the
     * first share. Stack unchanged.
     */
    static void moveDeltasToShare(MethodEmitter m, NodePlan first, Index from, Index length) {
        if (from instanceof Index.Constant c && c.value == 0) {
            return;
        }
        GeneratorAdapter g = m.g;
        int dZs = m.fieldToLocal(Buffer.DZ.batchField(first), ROWS);
        m.forSampleBlocks(m.argumentToLocal(0), 1, (sample, one) -> {
            m.loadElement(dZs, sample, MethodEmitter.DOUBLES);
            g.dup();
            int row = m.storeNew("dZ", MethodEmitter.DOUBLES);
            from.push(g);
            g.loadLocal(row);
            g.push(0);
            length.push(g);
            m.arraycopy();
        });
    }

    /** The most threads for whose shares of the first node's neurons {@link #emitByShare} emits methods of their own. */
    static final int SPECIALISED_SHARES = 8;

    /**
     * Emits, into a method, the work on a share of the first node's neurons: neurons from ..
     * from+length-1, at elements 0 .. length-1 of the copy's arrays.
     */
    interface ShareBody {
        void emit(MethodEmitter m, Index from, Index length);
    }

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
            int shareArg, ShareBody body) {
        java.util.List<Integer> keys = new java.util.ArrayList<>();
        for (int shares = 2; shares <= SPECIALISED_SHARES; shares++) {
            for (int share = 0; share < shares; share++) {
                int from = nnlang.runtime.TrainingThreads.partStart(p.size, share, shares);
                int to = nnlang.runtime.TrainingThreads.partStart(p.size, share + 1, shares);
                MethodEmitter own = cls.method(Opcodes.ACC_PRIVATE, new org.objectweb.asm.commons.Method(
                        variant(name, shares, share), descriptor), argNames);
                body.emit(own, Index.constant(from), Index.constant(to - from));
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
        Part part = Part.neurons(m, p, m.argumentToLocal(shareArg), m.argumentToLocal(shareArg + 1));
        body.emit(m, part.columnFrom(), length(m, part));
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
        emitExchange(m, count, Index.constant(0), part.columnFrom(), length(m, part), true);
        m.end();
    }

    /** {@code backpropagateWhole(int count, double[] costs)}; see the class comment. */
    private void emitBackpropagateWhole() {
        MethodEmitter m = cls.method(Opcodes.ACC_PROTECTED, "void backpropagateWhole(int, double[])", "count", "costs");
        GeneratorAdapter g = m.g;
        Index zero = Index.constant(0);
        emitExchange(m, m.argumentToLocal(0), zero, zero, Index.constant(first.size), false);
        g.loadThis();
        g.loadArg(0);
        m.invokeOwn("void " + FORWARD_AFTER_FIRST + "(int)");
        g.push(0);
        int offset = m.storeNew("offset", INT);
        backpropagate.emit(m, m.argumentToLocal(0), m.argumentToLocal(1), offset);
        m.end();
    }
}
