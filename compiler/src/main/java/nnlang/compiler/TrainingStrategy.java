package nnlang.compiler;

import org.objectweb.asm.commons.Method;

/**
 * How a generated class trains a mini-batch: it emits {@code trainBatch} (the whole step: the
 * gradient in the canonical order, then the optimizer's update) and {@code accumulate} (the gradient
 * alone, for {@code CompiledNetwork.gradient}), with the fields and methods they need. Every strategy
 * computes the same bits; they differ in where a sample's values live while it is trained.
 * {@link #choose} is the one place that picks one.
 */
interface TrainingStrategy {

    /**
     * The strategy for the class {@code cls} generates (a network with a train block): in locals when
     * every node is emitted in place and the sample loop fits one method ({@link InLocals}); phase by
     * phase when a node stores its weights by column, or is a conv or pool, whose gradient sums are
     * added over the whole batch after its backward passes ({@link PhaseByPhase}); else sample by sample
     * over the class's arrays ({@link SampleBySample}). Convolutions and pools are never emitted in
     * place, so a network with one never trains in locals.
     */
    static TrainingStrategy choose(ClassGenerator cls) {
        NetworkPlan plan = cls.plan();
        if (plan.plans.stream().allMatch(plan::inPlace) && !plan.dropsOut) {
            int block = InLocals.largestBlock(cls);
            if (block > 0) {
                return new InLocals(cls, block);
            }
        }
        if (plan.plans.stream().anyMatch(p -> p.columns || p.image != null)) {
            return new PhaseByPhase(cls);
        }
        return new SampleBySample(cls);
    }

    /**
     * Whether the per-sample arrays ({@link Buffer#banked()}) come from banks of one array per sample
     * of the mini-batch, set up by {@link #emitConstructor}, rather than being allocated once.
     */
    default boolean banksSamples() {
        return false;
    }

    /**
     * Why a class that trains this way does not divide a mini-batch between threads, for the
     * trainer's report; empty when it divides ({@link PhaseByPhase} when {@link NetworkPlan#dividesBatches()}).
     */
    default String oneThreadReason() {
        return "its compiled class trains one sample at a time, which is not divided between threads";
    }

    /** Emits {@code trainBatch}, {@code accumulate} and whatever they need. */
    void emit();

    /** The constructor's part for banked per-sample arrays; only called when {@link #banksSamples}. */
    default void emitConstructor(MethodEmitter m) {
        throw new IllegalStateException("no banks of samples to set up");
    }

    /** The signature of {@code trainBatchHere}, the fused step {@code CompiledNetwork.trainBatch} runs. */
    Method TRAIN_BATCH = Method.getMethod("double trainBatchHere(nnlang.runtime.Samples, int[], int, int, double, double)");
    /** The names of {@code trainBatch}'s arguments. */
    String[] TRAIN_BATCH_ARGS = {"data", "order", "from", "to", "rate", "decay"};
    /** The signature of {@code accumulate}, whose arguments the caller has checked. */
    Method ACCUMULATE = Method.getMethod("double accumulate(nnlang.runtime.Samples, int[], int, int)");
    /** The names of {@code accumulate}'s arguments. */
    String[] ACCUMULATE_ARGS = {"data", "order", "from", "to"};

    /** {@code this.checkBatch(data, order, from, to)} of {@code CompiledNetwork} for the first four arguments. Stack unchanged. */
    static void checkBatch(MethodEmitter m) {
        m.g.loadThis();
        m.g.loadArgs(0, 4);
        m.g.invokeVirtual(m.owner(),
                Method.getMethod("void checkBatch(nnlang.runtime.Samples, int[], int, int)"));
    }
}
