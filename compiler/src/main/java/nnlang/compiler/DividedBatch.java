package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;
import static nnlang.compiler.MethodEmitter.DOUBLES;
import static nnlang.compiler.MethodEmitter.INT;
import static nnlang.compiler.MethodEmitter.ROWS;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * The methods with which {@code CompiledNetwork} divides a mini-batch of a class trained phase by
 * phase between threads ({@link NetworkPlan#dividesBatches()}), in the phases of the canonical
 * order's "Threads" section: each thread's shallow copies of the instance run them
 * ({@code CompiledShares}).
 *
 * <ul>
 *   <li>{@code dividesTraining()}: true; {@code dropoutDrawsPerSample()}: the sizes of the nodes that
 *       drop out, whose masks each copy draws from its first sample's position of the generator.
 *   <li>{@code prepareDividedBatch(count)}: the sums cleared after a {@code gradient} call, the banks
 *       reallocated for a larger batch.
 *   <li>{@code shareBanks(source, first, last)}: each bank {@code batch_<name>} of this copy the
 *       source's arrays first .. last-1, the same per-sample arrays.
 *   <li>{@code allocateTrainingScratch()}: the copy's own gA, c, dX, gathered outputs and conv
 *       scratch space.
 *   <li>{@code replicatesNodes()}, {@code allocateReplicas()}: when the class divides by samples
 *       and replicates nodes ({@link NetworkPlan#replicates}), true, and new arrays for those nodes'
 *       parameters, sums and state, which every copy of a thread after the first shares.
 *   <li>{@code chainsNodes()}, {@code trainChained(count, share, shares, step, decay)}: when the
 *       class divides by samples and chains nodes ({@link NetworkPlan#chains}), true, and per
 *       chained node {@code chain_<node>}: the node's gradient terms of the {@code count} samples
 *       in the copy's banks added to its sums, and on the last share its update. Phase B runs it on
 *       each thread's phase-A copy in share order, each share after the one before it has handed
 *       over the sums; {@code trainShare} leaves these nodes out.
 *   <li>{@code backpropagateShare(data, order, from, to, costs, offset)}, phase A: the samples read
 *       into the banks (and their dropout masks drawn), {@code forwardBatch}, then per sample {@code select(s)}, its cost into its
 *       slot and {@code backwardWithoutSums()}, the {@code backward} sequence without a gradient sum.
 *   <li>{@code trainShare(count, share, shares, step, decay)}, phases B and C: per node with
 *       parameters that is not fixed, {@code share_<node>}: {@code accumulateShare_<node>} (a looped
 *       node's {@code accumulateBatch} over the share's part of its rows and biases ({@link Part}); an
 *       unrolled node, whole on the share its index falls to, its per-sample sums after
 *       {@code select(s)} for each sample in order; a replicated node whole on every share), then
 *       {@code updateShare_<node>} or {@code updateShareDecayed_<node>} over the same part, which
 *       leaves each sum 0.0.
 * </ul>
 * Each gradient sum starts at 0.0 (the sums are 0.0 between batches) and adds its terms over the
 * batch's samples in batch order, as on one thread; the update of a parameter reads only its own
 * value, sum and state. So the bits do not depend on the number of threads.
 */
final class DividedBatch {
    private static final Type ARRAYS = Type.getType(java.util.Arrays.class);
    private static final String SHARE_DESCRIPTOR = "(III[DD)V";
    private static final String[] SHARE_ARGS = {"count", "share", "shares", "step", "decay"};

    private final ClassGenerator cls;
    private final NetworkPlan plan;
    private final List<PhaseByPhase.Bank> banks;
    private final ArraysStrategy.BackwardSteps backward;
    /** Whether the class divides by its first node's neurons ({@link NetworkPlan#dividesByNeurons()}) rather than by samples. */
    private final boolean byNeurons;

    DividedBatch(ClassGenerator cls, List<PhaseByPhase.Bank> banks, ArraysStrategy.BackwardSteps backward) {
        this.cls = cls;
        this.plan = cls.plan();
        this.banks = banks;
        this.backward = backward;
        this.byNeurons = plan.dividesByNeurons();
    }

    void emit() {
        cls.emitTrue(Opcodes.ACC_PUBLIC, "boolean dividesTraining()");
        MethodEmitter draws = cls.method(Opcodes.ACC_PROTECTED, "int dropoutDrawsPerSample()");
        draws.g.push(plan.dropsOut ? plan.plans.stream().filter(NodePlan::dropsOut).mapToInt(p -> p.size).sum() : 0);
        draws.g.returnValue();
        draws.end();
        emitPrepare();
        emitScratch();
        cls.sequences().emit("backwardWithoutSums", "()V", backward.withoutSums());
        if (byNeurons) {
            new NeuronDivision(cls, this::emitBackpropagate).emit();
        } else {
            emitShareBanks();
            emitBackpropagateShare();
            emitReplicas();
        }
        List<Sequences.Step> shares = new ArrayList<>();
        List<Sequences.Step> chained = new ArrayList<>();
        for (int n = 0; n < plan.plans.size(); n++) {
            NodePlan p = plan.plans.get(n);
            if (!p.node.fixed() && (p.weightRows() > 0 || p.biases > 0)) {
                int index = n;
                boolean chains = plan.chains(p);
                (chains ? chained : shares).add(Sequences.method(p.method(chains ? "chain" : "share"),
                        m -> emitShare(m, p, index)));
            }
        }
        cls.sequences().emit(Opcodes.ACC_PROTECTED, "trainShare", SHARE_DESCRIPTOR, shares, SHARE_ARGS);
        if (!chained.isEmpty()) {
            cls.emitTrue(Opcodes.ACC_PROTECTED, "boolean chainsNodes()");
            cls.sequences().emit(Opcodes.ACC_PROTECTED, "trainChained", SHARE_DESCRIPTOR, chained, SHARE_ARGS);
        }
    }

    /** {@code prepareDividedBatch(int count)}; see the class comment. */
    private void emitPrepare() {
        MethodEmitter m = cls.method(Opcodes.ACC_PROTECTED, "boolean prepareDividedBatch(int)", "count");
        GeneratorAdapter g = m.g;
        Label clean = new Label();
        m.getField(ArraysStrategy.SUMS_DIRTY, Type.BOOLEAN_TYPE);
        g.ifZCmp(GeneratorAdapter.EQ, clean);
        g.loadThis();
        m.invokeOwn("void clear()");
        g.loadThis();
        g.push(false);
        g.putField(cls.owner(), ArraysStrategy.SUMS_DIRTY, Type.BOOLEAN_TYPE);
        g.mark(clean);
        PhaseByPhase.allocateUnlessFits(m, () -> g.loadArg(0), () -> {
            g.push(true);
            g.returnValue();
        });
        g.push(false);
        g.returnValue();
        m.end();
    }

    /** {@code shareBanks(CompiledNetwork source, int first, int last)}; see the class comment. */
    private void emitShareBanks() {
        MethodEmitter m = cls.method(Opcodes.ACC_PROTECTED, "void shareBanks(nnlang.runtime.CompiledNetwork, int, int)",
                "source", "first", "last");
        GeneratorAdapter g = m.g;
        g.loadArg(0);
        g.checkCast(cls.owner());
        int source = m.storeNew("own", cls.owner());
        Method copyOfRange = Method.getMethod("Object[] copyOfRange(Object[], int, int)");
        for (PhaseByPhase.Bank b : banks) {
            g.loadThis();
            g.loadLocal(source);
            g.getField(cls.owner(), b.bank(), ROWS);
            g.loadArg(1);
            g.loadArg(2);
            g.invokeStatic(ARRAYS, copyOfRange);
            g.checkCast(ROWS);
            g.putField(cls.owner(), b.bank(), ROWS);
        }
        m.end();
    }

    /** {@code replicatesNodes()} and {@code allocateReplicas()} when a node is replicated; see the class comment. */
    private void emitReplicas() {
        List<NodePlan> replicated = plan.plans.stream().filter(plan::replicates).toList();
        if (replicated.isEmpty()) {
            return;
        }
        cls.emitTrue(Opcodes.ACC_PROTECTED, "boolean replicatesNodes()");
        MethodEmitter m = cls.method(Opcodes.ACC_PROTECTED, "void allocateReplicas()");
        for (NodePlan p : replicated) {
            cls.newParameterArrays(m, p);
        }
        m.end();
    }

    /** {@code allocateTrainingScratch()}; see the class comment. */
    private void emitScratch() {
        MethodEmitter m = cls.method(Opcodes.ACC_PROTECTED, "void allocateTrainingScratch()");
        if (CostEmitter.gathersOutputs(plan)) {
            newArray(m, Buffer.OUTPUTS.field(), plan.model.outputSize());
        }
        for (NodePlan p : plan.plans) {
            if (p.needsActivationGradient()) {
                newArray(m, Buffer.GA.field(p), p.size);
            }
            if (p.needsCostTermBuffer()) {
                newArray(m, Buffer.C.field(p), p.size);
            }
            if (p.hasPropagationBuffer()) {
                newArray(m, Buffer.DX.field(p), p.fanIn);
            }
            if (p.image != null) {
                ImageEmitter.reallocate(cls, m, p);
            }
        }
        m.end();
    }

    private void newArray(MethodEmitter m, String field, int length) {
        m.g.loadThis();
        m.g.push(length);
        m.g.newArray(DOUBLE);
        m.g.putField(cls.owner(), field, DOUBLES);
    }

    /** {@code backpropagateShare(Samples, int[], int, int, double[], int)}, phase A; see the class comment. */
    private void emitBackpropagateShare() {
        MethodEmitter m = cls.method(Opcodes.ACC_PROTECTED,
                "void backpropagateShare(nnlang.runtime.Samples, int[], int, int, double[], int)",
                "data", "order", "from", "to", "costs", "offset");
        GeneratorAdapter g = m.g;
        int count = PhaseByPhase.readRange(m, plan);
        g.loadThis();
        g.loadLocal(count);
        m.invokeOwn("void forwardBatch(int)");
        emitBackpropagate(m, count, m.argumentToLocal(4), m.argumentToLocal(5));
        m.end();
    }

    /**
     * For each sample s of the {@code count} (an int local) in the banks: {@code select(s)}, its cost
     * into {@code costs[offset + s]} (locals) and {@code backwardWithoutSums()}. Stack unchanged.
     */
    private void emitBackpropagate(MethodEmitter m, int count, int costs, int offset) {
        GeneratorAdapter g = m.g;
        m.forSampleBlocks(count, 1, (sample, one) -> {
            g.loadThis();
            sample.push(g);
            m.invokeOwn("void select(int)");
            g.loadLocal(costs);
            g.loadLocal(offset);
            sample.push(g);
            g.math(GeneratorAdapter.ADD, INT);
            g.loadThis();
            m.invokeOwn("double sampleCost()");
            g.arrayStore(DOUBLE);
            g.loadThis();
            m.invokeOwn("void backwardWithoutSums()");
        });
    }

    /**
     * {@code share_<node>(count, share, shares, step, decay)}: for an unrolled node, nothing unless
     * {@code share == index % shares}; the accumulation of the share's part, then its update with the
     * step's scalars read from {@code step}, decayed unless {@code decay} is exactly 1.0. For a
     * chained node, {@code chain_<node>} with the same arguments: the accumulation of the node whole
     * over the {@code count} samples of the copy's banks, then, on the last share only, the update.
     */
    private void emitShare(MethodEmitter m, NodePlan p, int index) {
        GeneratorAdapter g = m.g;
        boolean perSample = p.unrolled;
        boolean chained = plan.chains(p);
        Label done = new Label();
        if (perSample && !byNeurons && !plan.replicates(p) && !chained) {
            g.push(index);
            g.loadArg(2);
            g.math(GeneratorAdapter.REM, INT);
            g.loadArg(1);
            g.ifICmp(GeneratorAdapter.NE, done);
        }
        String accumulate = p.method("accumulateShare");
        if (dividesNeurons(p)) {
            NeuronDivision.emitByShare(cls, p, accumulate, "(III)V", new String[] {"count", "share", "shares"}, 1,
                    (own, from, length) -> {
                        NeuronDivision.moveDeltasToShare(own, p, from, length);
                        Part share = Part.neurons(p, Index.constant(0), length);
                        new BackwardEmitter(plan).emitAccumulateBatch(own, p, share);
                    });
        } else {
            MethodEmitter own = cls.method(Opcodes.ACC_PRIVATE, "void " + accumulate + "(int, int, int)",
                    "count", "share", "shares");
            emitAccumulateShare(own, p, perSample);
            own.end();
        }
        g.loadThis();
        g.loadArgs(0, 3);
        m.invokeOwn("void " + accumulate + "(int, int, int)");
        if (chained) {
            g.loadArg(1);
            g.loadArg(2);
            g.push(1);
            g.math(GeneratorAdapter.SUB, INT);
            g.ifICmp(GeneratorAdapter.NE, done);
        }
        RuleEmitter rule = RuleEmitter.of(plan.rule);
        for (boolean decayed : new boolean[] {false, true}) {
            String name = p.method(decayed ? "updateShareDecayed" : "updateShare");
            String descriptor = "(II" + UpdateEmitter.descriptor(rule, decayed).substring(1);
            emitUpdateShare(p, rule, name, descriptor, decayed, perSample);
        }
        Label decayed = new Label();
        g.loadArg(4);
        g.push(1.0);
        g.ifCmp(DOUBLE, GeneratorAdapter.NE, decayed);
        callUpdate(m, p, rule, false);
        g.goTo(done);
        g.mark(decayed);
        callUpdate(m, p, rule, true);
        g.mark(done);
    }

    /** {@code this.updateShare[Decayed]_<node>(share, shares, step[0], ..., [decay])}. Stack unchanged. */
    private static void callUpdate(MethodEmitter m, NodePlan p, RuleEmitter rule, boolean decayed) {
        GeneratorAdapter g = m.g;
        g.loadThis();
        g.loadArg(1);
        g.loadArg(2);
        for (int k = 0; k < rule.scalars(); k++) {
            g.loadArg(3);
            g.push(k);
            g.arrayLoad(DOUBLE);
        }
        if (decayed) {
            g.loadArg(4);
        }
        String descriptor = "(II" + UpdateEmitter.descriptor(rule, decayed).substring(1);
        g.invokeVirtual(m.owner(), new Method(p.method(decayed ? "updateShareDecayed" : "updateShare"), descriptor));
    }

    /**
     * {@code accumulateShare_<node>(count, share, shares)}: a looped node's gradient sums over the
     * share's part; an unrolled node's, whole, sample after sample.
     */
    private void emitAccumulateShare(MethodEmitter m, NodePlan p, boolean perSample) {
        GeneratorAdapter g = m.g;
        if (!perSample) {
            new BackwardEmitter(plan).emitAccumulateBatch(m, p, part(m, p, m.argumentToLocal(1), m.argumentToLocal(2)));
            return;
        }
        Sequences.Step step = backward.sums().get(p);
        m.forSampleBlocks(m.argumentToLocal(0), 1, (sample, one) -> {
            g.loadThis();
            sample.push(g);
            m.invokeOwn("void select(int)");
            if (step.inline()) {
                step.body().accept(m);
            } else {
                g.loadThis();
                m.invokeOwn("void " + step.method() + "()");
            }
        });
    }

    /**
     * {@code updateShare[Decayed]_<node>(int share, int shares, scalars..., [decay])}: the rule over the
     * share's part of a looped node, each sum set to 0.0 once used; an unrolled node's update, whole.
     */
    private void emitUpdateShare(NodePlan p, RuleEmitter rule, String name, String descriptor, boolean decayed,
            boolean perSample) {
        String[] scalarNames = UpdateEmitter.argumentNames(rule, decayed);
        String[] names = new String[scalarNames.length + 2];
        names[0] = "share";
        names[1] = "shares";
        System.arraycopy(scalarNames, 0, names, 2, scalarNames.length);
        int count = rule.scalars();
        java.util.function.BiConsumer<MethodEmitter, Part> body = (m, part) -> {
            Runnable[] scalars = new Runnable[count];
            for (int k = 0; k < count; k++) {
                int arg = k + 2;
                scalars[k] = () -> m.g.loadArg(arg);
            }
            Runnable pushDecay = decayed ? () -> m.g.loadArg(count + 2) : null;
            UpdateEmitter.emitUpdate(m, p, rule, plan.stateSlots(), Values.fields(m), scalars, pushDecay, true,
                    perSample && UpdateEmitter.unrollsUpdate(p, rule), part);
        };
        if (dividesNeurons(p)) {
            NeuronDivision.emitByShare(cls, p, name, descriptor, names, 0,
                    (m, from, length) -> body.accept(m, Part.neurons(p, Index.constant(0), length)));
            return;
        }
        MethodEmitter m = cls.method(Opcodes.ACC_PRIVATE, new Method(name, descriptor), names);
        body.accept(m, perSample ? Part.whole(p) : part(m, p, m.argumentToLocal(0), m.argumentToLocal(1)));
        m.end();
    }

    /** Whether node {@code p}'s share is a range of its neurons: the first node of a class divided by neurons. */
    private boolean dividesNeurons(NodePlan p) {
        return byNeurons && p == plan.plans.get(0);
    }

    /**
     * The part of looped node {@code p} that share {@code share} of {@code shares} (int locals)
     * accumulates and updates: its rows ({@link Part#share}) when dividing by samples, unless it is
     * replicated or chained; whole when replicated or chained, and when dividing by neurons every node
     * but the first, whose shares {@link NeuronDivision#emitByShare} emits.
     */
    private Part part(MethodEmitter m, NodePlan p, int share, int shares) {
        return byNeurons || plan.replicates(p) || plan.chains(p) ? Part.whole(p) : Part.share(m, p, share, shares);
    }
}
