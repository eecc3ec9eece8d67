package nnlang.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import nnlang.compiler.NetworkCompiler;
import nnlang.model.NetworkModel;
import nnlang.runtime.data.DenseSamples;
import nnlang.testing.BitAssertions;
import nnlang.testing.ExampleModels;
import org.junit.jupiter.api.Test;

/**
 * A compiled class's division of a mini-batch by samples gives the bits of one thread however its
 * balances size the threads' shares ({@link ShareBalance}): the conv example on 2 and 3 threads whose
 * ranges of samples and parts of the parameters get random sizes before every batch, against the
 * same batches on one thread. And a balance learns what it should.
 */
class UnevenSharesTest {

    /** {@code count} samples of 784 pixels (four in five 0.0) and one-hot targets of 10. */
    private static DenseSamples images(int count) {
        Random random = new Random(count);
        double[] inputs = new double[count * 784];
        double[] targets = new double[count * 10];
        for (int s = 0; s < count; s++) {
            for (int i = 0; i < 784; i++) {
                inputs[s * 784 + i] = random.nextInt(5) == 0 ? random.nextDouble() : 0.0;
            }
            targets[s * 10 + random.nextInt(10)] = 1.0;
        }
        return new DenseSamples(784, 10, inputs, targets);
    }

    /**
     * Trains {@code model} on 120 samples in batches of 1 to 10 on one thread, and on {@code threads}
     * threads through its division made here, whose balances get random weights before each batch
     * (so that a batch of one may fall to any thread); compares the bits.
     */
    private static void trainsTheSameBits(NetworkModel model, int threads) {
        DenseSamples data = images(120);
        int[] order = new int[120];
        Arrays.setAll(order, i -> order.length - 1 - i);
        double[] initial = Initializer.initialParameters(model);
        CompiledNetwork one = (CompiledNetwork) NetworkCompiler.load(model);
        CompiledNetwork divided = (CompiledNetwork) NetworkCompiler.load(model);
        one.setParameters(initial);
        divided.setParameters(initial);
        CompiledShares division = new CompiledShares(divided, threads);
        Random random = new Random(threads);
        int uneven = 0;
        int[] sizes = {10, 1, 10, 3, 2, 10, 7, 10, 1, 10, 5, 10, 10, 1, 10, 10, 10};
        try (TrainingThreads team = new TrainingThreads(threads)) {
            for (int b = 0, from = 0; from < order.length; from += sizes[b++]) {
                int to = from + sizes[b];
                for (ShareBalance balance : division.balances()) {
                    double[] weights = new double[threads];
                    Arrays.setAll(weights, t -> 0.1 + random.nextDouble());
                    balance.setWeights(weights);
                    uneven += balance.start(100, 1) != TrainingThreads.partStart(100, 1, threads) ? 1 : 0;
                }
                double expected = one.trainBatch(data, order, from, to, 0.5, 1.0);
                double cost = division.trainBatch(data, order, from, to, 0.5, 1.0, team);
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(cost), "batch cost at " + from);
            }
        }
        assertTrue(uneven > 8, "the shares were uneven in " + uneven + " batches");
        division.settle();
        BitAssertions.assertBitIdentical(one.parameters(), divided.parameters(),
                model.name() + " on " + threads + " uneven threads");
    }

    @Test
    void convExampleInSharesOfAnySize() {
        NetworkModel conv = ExampleModels.mnistConv(10);
        trainsTheSameBits(conv, 2);
        trainsTheSameBits(conv, 3);
    }

    @Test
    void aBalanceGivesTheFasterThreadTheLargerShare() {
        ShareBalance balance = new ShareBalance(2);
        assertEquals(50, balance.start(100, 1));
        for (int phase = 0; phase < 200; phase++) {
            int first = balance.start(100, 1);
            balance.learn(100, new long[] {first * 1_000L, (100 - first) * 2_000L});
        }
        assertEquals(67, balance.start(100, 1), 1, "thread 1 takes twice as long per thing");
        balance.learn(100, new long[] {1, 0});
        assertEquals(67, balance.start(100, 1), 1, "a share that took no time teaches nothing");
    }
}
