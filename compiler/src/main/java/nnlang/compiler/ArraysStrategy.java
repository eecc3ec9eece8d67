package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * What the strategies that keep a sample's values in the class's arrays share: the {@code backward},
 * {@code clear}, {@code update} and {@code updateDecayed} sequences, {@code sampleCost()},
 * {@code accumulate} and {@code trainBatch}. A subclass says how the samples of a batch go through
 * the forward and backward passes ({@link #emitSamples}).
 *
 * <p>{@code trainBatch} = {@code accumulate}, then c = -(rate / (to - from)) once and {@code update(c)}
 * when decay is exactly 1.0, else {@code updateDecayed(c, decay)}; the updates set each gradient sum
 * back to 0.0 in the pass that uses it, so the boolean field {@code sumsDirty} (set by
 * {@code accumulate}, cleared by {@code trainBatch}) tells {@code accumulate} whether it must clear
 * them first: only after a {@code gradient} call.
 */
abstract class ArraysStrategy implements TrainingStrategy {
    static final String SUMS_DIRTY = "sumsDirty";

    protected final ClassGenerator cls;
    protected final NetworkPlan plan;

    ArraysStrategy(ClassGenerator cls) {
        this.cls = cls;
        this.plan = cls.plan();
    }

    @Override
    public final void emit() {
        cls.field(SUMS_DIRTY, Type.BOOLEAN_TYPE);
        emitSequences();
        CostEmitter.emitSampleCost(cls);
        emitAccumulate();
        emitTrainBatch();
    }

    /**
     * Whether node {@code p}'s gradient sums are added over the whole batch after every backward
     * pass ({@code accumulateBatch_<node>}) rather than sample by sample within {@code backward}.
     */
    protected boolean accumulatesPerBatch(NodePlan p) {
        return false;
    }

    /**
     * The loop over the samples {@code order[from .. to)} (arguments 1 to 3) that runs each one's
     * forward and backward pass, adding each sample's cost to the double local {@code batchCost}.
     * Stack unchanged.
     */
    protected abstract void emitSamples(MethodEmitter m, int batchCost);

    /**
     * Extra methods of the subclass, given the steps of the nodes whose sums are added per batch and
     * the steps of {@code backward} sorted out ({@link BackwardSteps}).
     */
    protected void emitBatchMethods(List<Sequences.Step> accumulateBatch, BackwardSteps backward) {
    }

    /**
     * The steps of a sample's {@code backward} pass without the gradient sums ({@code withoutSums},
     * each node's own method called, in-place steps in place again), and the steps that add a sample's
     * gradient sums of the nodes that add them sample by sample ({@code sums}, by node).
     */
    record BackwardSteps(List<Sequences.Step> withoutSums, java.util.Map<NodePlan, Sequences.Step> sums) {}

    /** {@code sum = sum + sampleCost()} for the double local {@code sum}. Stack unchanged. */
    protected static void addSampleCost(MethodEmitter m, int sum) {
        m.g.loadLocal(sum);
        m.g.loadThis();
        m.invokeOwn("double sampleCost()");
        m.g.math(GeneratorAdapter.ADD, DOUBLE);
        m.g.storeLocal(sum);
    }

    private void emitSequences() {
        BackwardEmitter backward = new BackwardEmitter(plan);
        RuleEmitter rule = RuleEmitter.of(plan.rule);
        int slots = plan.stateSlots();
        Sequences sequences = cls.sequences();
        List<Sequences.Step> backwards = new ArrayList<>();
        List<Sequences.Step> withoutSums = new ArrayList<>();
        java.util.Map<NodePlan, Sequences.Step> sums = new java.util.HashMap<>();
        List<Sequences.Step> accumulateBatch = new ArrayList<>();
        List<Sequences.Step> clear = new ArrayList<>();
        List<Sequences.Step> update = new ArrayList<>();
        List<Sequences.Step> updateDecayed = new ArrayList<>();
        for (NodePlan p : plan.plans) {
            clear.add(sequences.step(p, "clear", m -> UpdateEmitter.emitClear(m, p)));
            update.add(sequences.step(p, "update", rule.weight(), m -> UpdateEmitter.emitUpdate(m, p, rule, slots, false)));
            updateDecayed.add(sequences.step(p, "updateDecayed", rule.weight(),
                    m -> UpdateEmitter.emitUpdate(m, p, rule, slots, true)));
        }
        BackwardEmitter.forEachStep(plan.plans, (p, phase) -> {
            if (phase == BackwardEmitter.Phase.ACCUMULATE && accumulatesPerBatch(p)) {
                accumulateBatch.add(Sequences.method(p.method("accumulateBatch"),
                        m -> backward.emitAccumulateBatch(m, p, Part.whole(p))));
            } else {
                Sequences.Step step = sequences.step(p, phase.method, m -> backward.emit(m, p, phase, Values.fields(m)));
                backwards.add(step);
                if (phase == BackwardEmitter.Phase.ACCUMULATE) {
                    sums.put(p, step.called());
                } else {
                    withoutSums.add(step.called());
                }
            }
        });
        sequences.emit("backward", "()V", backwards);
        sequences.emit("clear", "()V", clear);
        sequences.emit("update", UpdateEmitter.descriptor(rule, false), update, UpdateEmitter.argumentNames(rule, false));
        sequences.emit("updateDecayed", UpdateEmitter.descriptor(rule, true), updateDecayed,
                UpdateEmitter.argumentNames(rule, true));
        emitBatchMethods(accumulateBatch, new BackwardSteps(withoutSums, sums));
    }

    /**
     * {@code double accumulate(Samples data, int[] order, int from, int to)}, its arguments checked by
     * the caller: clears the gradient sums unless they are known to be 0.0, then the samples
     * ({@link #emitSamples}); returns the batch's cost.
     */
    private void emitAccumulate() {
        MethodEmitter m = cls.method(Opcodes.ACC_PROTECTED, ACCUMULATE, ACCUMULATE_ARGS);
        GeneratorAdapter g = m.g;
        Label clean = new Label();
        m.getField(SUMS_DIRTY, Type.BOOLEAN_TYPE);
        g.ifZCmp(GeneratorAdapter.EQ, clean);
        g.loadThis();
        m.invokeOwn("void clear()");
        g.mark(clean);
        g.loadThis();
        g.push(true);
        g.putField(cls.owner(), SUMS_DIRTY, Type.BOOLEAN_TYPE);
        g.push(0.0);
        int batchCost = m.storeNew("batchCost", DOUBLE);
        emitSamples(m, batchCost);
        g.loadLocal(batchCost);
        g.returnValue();
        m.end();
    }

    /**
     * {@code trainBatch}: the batch checked, accumulated, the step's scalars once ({@link
     * RuleEmitter#emitScalars}: c = -(rate / (to - from)) for SGD), then every node's {@code update_}
     * (decay exactly 1.0) or {@code updateDecayed_}, which leave every gradient sum 0.0; returns the
     * batch's cost.
     */
    private void emitTrainBatch() {
        MethodEmitter m = cls.method(Opcodes.ACC_PROTECTED, TRAIN_BATCH, TRAIN_BATCH_ARGS);
        GeneratorAdapter g = m.g;
        TrainingStrategy.checkBatch(m);
        g.loadThis();
        g.loadArgs(0, 4);
        g.invokeVirtual(cls.owner(), ACCUMULATE);
        int batchCost = m.storeNew("batchCost", DOUBLE);
        RuleEmitter rule = RuleEmitter.of(plan.rule);
        int[] scalars = rule.emitScalars(m);
        Label decayed = new Label();
        Label done = new Label();
        g.loadArg(5);
        g.push(1.0);
        g.ifCmp(DOUBLE, GeneratorAdapter.NE, decayed);
        g.loadThis();
        for (int s : scalars) {
            g.loadLocal(s);
        }
        g.invokeVirtual(cls.owner(), new org.objectweb.asm.commons.Method("update", UpdateEmitter.descriptor(rule, false)));
        g.goTo(done);
        g.mark(decayed);
        g.loadThis();
        for (int s : scalars) {
            g.loadLocal(s);
        }
        g.loadArg(5);
        g.invokeVirtual(cls.owner(),
                new org.objectweb.asm.commons.Method("updateDecayed", UpdateEmitter.descriptor(rule, true)));
        g.mark(done);
        g.loadThis();
        g.push(false);
        g.putField(cls.owner(), SUMS_DIRTY, Type.BOOLEAN_TYPE);
        g.loadLocal(batchCost);
        g.returnValue();
        m.end();
    }
}
