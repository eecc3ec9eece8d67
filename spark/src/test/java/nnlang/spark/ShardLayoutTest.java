package nnlang.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import nnlang.runtime.Shards;
import org.junit.jupiter.api.Test;

/**
 * Partition k, sorted by position, holds shard k of every mini-batch as one run at the place
 * {@link ShardLayout} says: so a round's task reads exactly the samples of its shard.
 */
class ShardLayoutTest {

    @Test
    void eachShardOfEachBatchIsOneRunOfItsPartitionWhereTheLayoutSaysItIs() {
        for (int samples : new int[] {1, 7, 23, 40}) {
            for (int batch : new int[] {1, 5, 8}) {
                for (int shards = 1; shards <= batch; shards++) {
                    check(samples, batch, shards);
                }
            }
        }
    }

    private static void check(int samples, int batch, int shards) {
        ShardLayout layout = new ShardLayout(samples, batch, shards);
        List<List<Integer>> partitions = new ArrayList<>();
        for (int k = 0; k < shards; k++) {
            partitions.add(new ArrayList<>());
        }
        for (int position = 0; position < samples; position++) {
            partitions.get(layout.getPartition(position)).add(position);
        }
        String what = samples + " samples, batch " + batch + ", " + shards + " shards";
        for (int b = 0; b * batch < samples; b++) {
            int m = Math.min(batch, samples - b * batch);
            assertEquals(m, layout.batchSize(b), what);
            for (int k = 0; k < shards; k++) {
                assertEquals(Shards.size(k, m, shards), layout.size(k, b), what);
                for (int j = 0; j < layout.size(k, b); j++) {
                    int expected = b * batch + Shards.start(k, m, shards) + j;
                    assertEquals(expected, partitions.get(k).get(layout.start(k, b) + j),
                            what + ": sample " + j + " of shard " + k + " of batch " + b);
                }
            }
        }
    }

    @Test
    void moreShardsThanABatchHoldsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ShardLayout(10, 4, 5));
    }
}
