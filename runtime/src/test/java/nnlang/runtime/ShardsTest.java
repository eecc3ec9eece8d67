package nnlang.runtime;

import static nnlang.testing.BitAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.IntStream;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.NetworkModel;
import nnlang.model.TrainSpec;
import nnlang.runtime.data.TrainingData;
import nnlang.testing.ArraySamples;
import nnlang.testing.BackEndConformance;
import nnlang.testing.ExampleModels;
import nnlang.testing.MiniBatches;
import nnlang.testing.ModelBuilder;
import nnlang.testing.Models;
import nnlang.testing.ReferenceNetwork;
import org.junit.jupiter.api.Test;

class ShardsTest {

    @Test
    void theShardsOfABatchAreConsecutiveCoverItAndDifferInSizeByAtMostOne() {
        for (int m = 0; m <= 40; m++) {
            for (int shards = 1; shards <= 9; shards++) {
                int next = 0;
                for (int k = 0; k < shards; k++) {
                    assertEquals(next, Shards.start(k, m, shards), "shard " + k + " of " + shards + ", batch " + m);
                    int size = Shards.size(k, m, shards);
                    assertTrue(size == m / shards || size == m / shards + 1);
                    assertEquals(k < m % shards, size > m / shards, "the first m mod S shards hold one more");
                    for (int p = next; p < next + size; p++) {
                        assertEquals(k, Shards.of(p, m, shards), "position " + p + " of " + m + " in " + shards);
                    }
                    next += size;
                }
                assertEquals(m, next);
            }
        }
        assertEquals(334, Shards.size(0, 1000, 3));
        assertEquals(667, Shards.start(2, 1000, 3));
        assertThrows(IllegalArgumentException.class, () -> Shards.of(10, 10, 2));
        assertThrows(IllegalArgumentException.class, () -> Shards.start(2, 10, 2));
    }

    /** 0.0 + G is G for every sum G that starts at +0.0, signed zeros included: S = 1 is the unsharded order. */
    @Test
    void oneShardGivesTheUnshardedGradientOfEveryConformanceNetworkBitForBit() {
        for (long seed = 0; seed < 120; seed++) {
            NetworkModel model = BackEndConformance.random(seed);
            Samples data = ArraySamples.of(model);
            Network network = new Interpreter(model);
            int[] order = MiniBatches.inOrder(data.size());
            double[] expected = new double[model.parameterCount()];
            double[] actual = new double[model.parameterCount()];
            double[] scratch = new double[model.parameterCount()];
            double expectedCost = network.gradient(data, order, 0, data.size(), expected);
            double actualCost = Shards.gradient(network, data, order, 0, data.size(), 1, scratch, actual);
            assertBitIdentical(expected, actual, model.name() + " gradient in one shard");
            assertBitIdentical(new double[] {expectedCost}, new double[] {actualCost}, model.name() + " cost");
        }
    }

    @Test
    void theTrainerSumsEachBatchShardByShardInShardOrderThenTakesOneStep() throws Exception {
        for (NetworkModel base : new NetworkModel[] {ModelBuilder.xor(7), Models.withMomentum(ModelBuilder.xor(7), 3),
                ExampleModels.mnistShaped(Cost.CROSS_ENTROPY, Activation.SOFTMAX, 23), randomWithBatchesOfThree()}) {
            for (int shards : new int[] {2, 3}) {
                NetworkModel model = withShards(base, shards);
                double[] expected = shardedByHand(model);
                Network network = new Interpreter(model);
                double[] actual = new Trainer(model).train(network, TrainingData.trainOnly(ArraySamples.of(model)),
                        r -> { }).parameters();
                assertBitIdentical(expected, actual, model.name() + " in " + shards + " shards");
            }
        }
    }

    @Test
    void moreShardsSumInAnotherOrderAndSoGiveOtherBits() throws Exception {
        NetworkModel model = ExampleModels.mnistShaped(Cost.QUADRATIC, Activation.SIGMOID, 23);
        double[] one = trained(model);
        double[] two = trained(withShards(model, 2));
        assertFalse(Arrays.equals(one, two), "the sums of two shards round differently from one sum");
        for (int i = 0; i < one.length; i++) {
            assertEquals(one[i], two[i], 1e-9, "but they are the same sums up to rounding: parameter " + i);
        }
    }

    @Test
    void aShardedRunSaysSoInItsPlan() {
        TrainSpec spec = withShards(ModelBuilder.xor(7), 4).train().orElseThrow();
        assertTrue(ProgressFormat.optimizer(spec).contains("batch 4 in 4 shards"), ProgressFormat.optimizer(spec));
        assertFalse(ProgressFormat.optimizer(spec.withShards(1)).contains("shards"));
        assertThrows(IllegalArgumentException.class, () -> spec.withShards(5), "more shards than samples per batch");
        assertThrows(IllegalArgumentException.class, () -> spec.withShards(0));
    }

    /** The first random network from seed 10 on whose mini-batches hold at least 3 samples. */
    private static NetworkModel randomWithBatchesOfThree() {
        return java.util.stream.LongStream.iterate(10, s -> s + 1).mapToObj(BackEndConformance::random)
                .filter(m -> m.train().orElseThrow().optimizer().batch() >= 3).findFirst().orElseThrow();
    }

    private static double[] trained(NetworkModel model) throws TrainingDivergedException {
        return new Trainer(model).train(new Interpreter(model), TrainingData.trainOnly(ArraySamples.of(model)),
                r -> { }).parameters();
    }

    static NetworkModel withShards(NetworkModel model, int shards) {
        return Models.withTrain(model, model.train().orElseThrow().withShards(shards));
    }

    /**
     * The train block's epochs written out with the reference network: Fisher–Yates from the offset
     * seed, then per mini-batch each shard's gradient, the shards added in order to 0.0, one step.
     */
    private static double[] shardedByHand(NetworkModel model) {
        TrainSpec spec = model.train().orElseThrow();
        Samples data = ArraySamples.of(model);
        ReferenceNetwork network = new ReferenceNetwork(model);
        network.setParameters(Initializer.initialParameters(model));
        int n = data.size();
        int batch = spec.optimizer().batch();
        int[] order = IntStream.range(0, n).toArray();
        Shuffler random = new Shuffler(spec.seed() + Trainer.SHUFFLE_SEED_OFFSET);
        double[] shard = new double[model.parameterCount()];
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            double rate = spec.rateAt(epoch);
            double decay = spec.optimizer().decay(rate, n);
            random.shuffle(order);
            for (int from = 0; from < n; from += batch) {
                int m = Math.min(batch, n - from);
                double[] sum = new double[model.parameterCount()];
                int start = from;
                for (int k = 0; k < spec.shards(); k++) {
                    int size = m / spec.shards() + (k < m % spec.shards() ? 1 : 0);
                    if (size > 0) {
                        network.gradient(data, order, start, start + size, shard);
                        for (int i = 0; i < sum.length; i++) {
                            sum[i] = sum[i] + shard[i];
                        }
                    }
                    start += size;
                }
                network.applyGradient(sum, m, rate, decay);
            }
        }
        return network.parameters();
    }
}
