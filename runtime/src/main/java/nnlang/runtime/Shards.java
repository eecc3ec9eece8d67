package nnlang.runtime;

import java.util.Arrays;

/**
 * The sharded order of a mini-batch (the package documentation, <b>Shards</b>): which positions of a
 * batch each of S shards holds, and how the shards' sums make the batch's. The trainer computes the
 * shards one after another on one machine; a cluster computes them on several and combines them on
 * one, with these same methods, so that both give the same bits.
 *
 * <p>A batch of m samples in S shards: with q = ⌊m/S⌋ and r = m mod S, shard k holds the q + 1
 * positions from k·(q + 1) for k &lt; r, and the q positions from r·(q + 1) + (k − r)·q for k ≥ r
 * (positions counted from the batch's first, from 0).
 */
public final class Shards {

    private Shards() {}

    /** The first position of shard {@code k} of a batch of {@code m} samples in {@code shards} shards. */
    public static int start(int k, int m, int shards) {
        check(k, m, shards);
        int q = m / shards;
        int r = m % shards;
        return k < r ? k * (q + 1) : r * (q + 1) + (k - r) * q;
    }

    /** The number of samples shard {@code k} of a batch of {@code m} holds: ⌊m/S⌋, one more for k &lt; m mod S. */
    public static int size(int k, int m, int shards) {
        check(k, m, shards);
        return m / shards + (k < m % shards ? 1 : 0);
    }

    /** The shard that holds {@code position} (from 0) of a batch of {@code m} samples. */
    public static int of(int position, int m, int shards) {
        if (position < 0 || position >= m) {
            throw new IllegalArgumentException("position " + position + " is not in a batch of " + m);
        }
        check(0, m, shards);
        int q = m / shards;
        int r = m % shards;
        int large = r * (q + 1);
        return position < large ? position / (q + 1) : r + (position - large) / q;
    }

    /**
     * Adds one shard's sums to the batch's, {@code sum[i] += shard[i]} for ascending i: called for
     * the shards in ascending index order on a {@code sum} that starts at +0.0, it is the batch's
     * gradient sum of the sharded order.
     */
    public static void add(double[] sum, double[] shard) {
        if (shard.length != sum.length) {
            throw new IllegalArgumentException("a shard's sum of " + shard.length + " values added to one of " + sum.length);
        }
        add(sum, shard, sum.length);
    }

    private static void add(double[] sum, double[] shard, int length) {
        for (int i = 0; i < length; i++) {
            sum[i] += shard[i];
        }
    }

    /**
     * The gradient sum of the mini-batch {@code order[from .. to)} in {@code shards} shards, computed
     * one shard after another on {@code network} ({@link Network#gradient}, which changes nothing),
     * into {@code dst[0 .. parameterCount())}; {@code scratch} (as long) holds each shard's sum.
     *
     * @return the batch's cost: 0.0 plus the shards' costs in shard order
     */
    public static double gradient(Network network, Samples data, int[] order, int from, int to, int shards,
            double[] scratch, double[] dst) {
        int m = to - from;
        Arrays.fill(dst, 0, network.parameterCount(), 0.0);
        double cost = 0.0;
        for (int k = 0; k < shards && k < m; k++) {
            int start = from + start(k, m, shards);
            cost += network.gradient(data, order, start, start + size(k, m, shards), scratch);
            add(dst, scratch, network.parameterCount());
        }
        return cost;
    }

    private static void check(int k, int m, int shards) {
        if (shards < 1 || m < 0 || k < 0 || k >= shards) {
            throw new IllegalArgumentException("shard " + k + " of " + shards + " of a batch of " + m);
        }
    }
}
