package nnlang.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import nnlang.runtime.Samples;
import nnlang.runtime.data.DenseSamples;
import scala.Tuple2;

/**
 * The samples of one partition in one epoch, in position order: shard k of every mini-batch, one
 * after another (see {@link ShardLayout}). Kept by its executor for the epoch; each round reads one
 * run of it in place.
 */
final class ShardBlock implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int shard;
    private final int inputSize;
    private final int targetSize;
    private final int[] indices;
    private final double[] inputs;
    private final double[] targets;
    private transient DenseSamples samples;
    private transient int[] order;

    private ShardBlock(int shard, int inputSize, int targetSize, int[] indices, double[] inputs, double[] targets) {
        this.shard = shard;
        this.inputSize = inputSize;
        this.targetSize = targetSize;
        this.indices = indices;
        this.inputs = inputs;
        this.targets = targets;
    }

    /** The block of partition {@code shard} from its samples keyed by position, in position order. */
    static ShardBlock of(int shard, Iterator<Tuple2<Integer, Sample>> sorted, int inputSize, int targetSize) {
        int count = 0;
        int[] indices = new int[16];
        double[] inputs = new double[16 * inputSize];
        double[] targets = new double[16 * targetSize];
        while (sorted.hasNext()) {
            Sample s = sorted.next()._2();
            if (count == indices.length) {
                indices = Arrays.copyOf(indices, 2 * count);
                inputs = Arrays.copyOf(inputs, 2 * count * inputSize);
                targets = Arrays.copyOf(targets, 2 * count * targetSize);
            }
            indices[count] = s.index();
            System.arraycopy(s.input(), 0, inputs, count * inputSize, inputSize);
            System.arraycopy(s.target(), 0, targets, count * targetSize, targetSize);
            count++;
        }
        return new ShardBlock(shard, inputSize, targetSize, Arrays.copyOf(indices, count),
                Arrays.copyOf(inputs, count * inputSize), Arrays.copyOf(targets, count * targetSize));
    }

    int shard() {
        return shard;
    }

    int size() {
        return indices.length;
    }

    /** The samples' numbers in the Dataset, in the block's order. */
    int[] indices() {
        return indices;
    }

    /** The block's samples, read in place. */
    Samples samples() {
        if (samples == null) {
            samples = new DenseSamples(inputSize, targetSize, inputs, targets);
        }
        return samples;
    }

    /** 0, 1, …, size − 1: the block is already in the epoch's order. */
    int[] order() {
        if (order == null) {
            order = new int[indices.length];
            Arrays.setAll(order, i -> i);
        }
        return order;
    }
}
