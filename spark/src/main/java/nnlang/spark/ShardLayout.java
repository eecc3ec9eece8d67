package nnlang.spark;

import java.util.Objects;
import nnlang.runtime.Shards;
import org.apache.spark.Partitioner;

/**
 * Where each sample goes in an epoch: the sample at position p of the epoch's order belongs to
 * mini-batch ⌊p/batch⌋ and, within it, to the shard {@link Shards#of} says; partition k gathers
 * shard k of every mini-batch. Sorted by position within the partition, shard k of batch b is then
 * one run of consecutive samples, starting after the shard-k samples of the full batches before it:
 * at b · (the size of shard k of a full batch).
 */
final class ShardLayout extends Partitioner {

    private static final long serialVersionUID = 1L;

    private final int samples;
    private final int batch;
    private final int shards;

    ShardLayout(int samples, int batch, int shards) {
        if (samples < 1 || batch < 1 || shards < 1 || shards > batch) {
            throw new IllegalArgumentException(samples + " samples, batch " + batch + ", " + shards + " shards");
        }
        this.samples = samples;
        this.batch = batch;
        this.shards = shards;
    }

    @Override
    public int numPartitions() {
        return shards;
    }

    /** The shard, and so the partition, of the sample at position {@code key} (an Integer). */
    @Override
    public int getPartition(Object key) {
        int position = (Integer) key;
        int b = position / batch;
        return Shards.of(position - b * batch, batchSize(b), shards);
    }

    /** The number of samples of mini-batch {@code b}: the batch size, fewer for the last one. */
    int batchSize(int b) {
        return Math.min(batch, samples - b * batch);
    }

    /** Where shard {@code shard} of mini-batch {@code b} starts in its partition. */
    int start(int shard, int b) {
        return b * Shards.size(shard, batch, shards);
    }

    /** How many samples shard {@code shard} of mini-batch {@code b} holds. */
    int size(int shard, int b) {
        return Shards.size(shard, batchSize(b), shards);
    }

    int shards() {
        return shards;
    }

    int batch() {
        return batch;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShardLayout l && l.samples == samples && l.batch == batch && l.shards == shards;
    }

    @Override
    public int hashCode() {
        return Objects.hash(samples, batch, shards);
    }
}
