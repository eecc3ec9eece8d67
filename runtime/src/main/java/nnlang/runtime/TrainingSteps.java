package nnlang.runtime;

import java.util.List;
import nnlang.runtime.data.TrainingData;

/**
 * What the {@link Trainer} needs of the data it trains on: how many samples there are, one training
 * step on a mini-batch of them, and the evaluations a report shows. The trainer owns the rest: the
 * order of the samples in each epoch, the mini-batches, the rates, the reports and the divergence
 * checks. The samples may be in this JVM ({@link Trainer#train(Network, TrainingData,
 * ProgressListener)} trains on them with the back end's step, or shard after shard), or elsewhere,
 * e.g. on a cluster that computes each shard's gradient where its samples are.
 */
public interface TrainingSteps {

    /** The number n of training samples, indexed 0 … n-1. */
    int size();

    /**
     * The order of an epoch's samples, fixed before its first mini-batch: {@code order[p]} is the
     * index of the sample at position p. The array is the trainer's, reshuffled in place each epoch:
     * copy what must be kept. A replay of the epoch (to find where training diverged) uses the same
     * order and is not announced again.
     */
    default void startEpoch(int[] order) {}

    /**
     * One step of {@code network}'s optimizer on the samples at positions {@code from .. to} of the
     * epoch's order: the mini-batch's gradient summed in the canonical order with the train block's
     * shards, then {@link Network#applyGradient} with {@code to - from} samples. With one shard that
     * is exactly {@link Network#trainBatch}.
     *
     * @return the batch's cost: 0.0 plus each shard's cost in shard order, each as
     *     {@link Network#gradient} returns it
     */
    double train(Network network, int[] order, int from, int to, double rate, double decay);

    /** Whether there is a validation set, which stopping early and keeping the best epoch need. */
    boolean validates();

    /** {@code network} on the validation set; only when {@link #validates}. */
    Evaluation validation(Network network);

    /**
     * What a report shows of {@code network}: the validation and the test set, in that order, those
     * there are; else the training set. {@code validation}, when not null, is the validation set's
     * evaluation already made for these parameters.
     */
    List<Evaluation> evaluate(Network network, Evaluation validation);
}
