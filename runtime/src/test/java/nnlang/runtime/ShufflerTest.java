package nnlang.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The trainer's shuffler draws exactly what java.util.Random draws, and continues from a saved state. */
class ShufflerTest {

    @Test
    void drawsWhatJavaUtilRandomDrawsForEveryKindOfBound() {
        int[] bounds = {1, 2, 3, 7, 10, 16, 1000, 50_000, 1 << 20, (1 << 30) + 1, Integer.MAX_VALUE};
        for (long seed : new long[] {0, 1, -1, 7, 6 + Trainer.SHUFFLE_SEED_OFFSET, Long.MIN_VALUE}) {
            Random expected = new Random(seed);
            Shuffler actual = new Shuffler(seed);
            for (int i = 0; i < 20_000; i++) {
                int bound = bounds[i % bounds.length];
                assertEquals(expected.nextInt(bound), actual.nextInt(bound), "seed " + seed + ", draw " + i);
            }
        }
    }

    @Test
    void aShuffleIsJavaUtilRandomsFisherYates() {
        int[] order = IntStream.range(0, 5000).toArray();
        int[] expected = order.clone();
        Random random = new Random(42);
        for (int i = expected.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = expected[i];
            expected[i] = expected[j];
            expected[j] = t;
        }
        new Shuffler(42).shuffle(order);
        assertArrayEquals(expected, order);
    }

    @Test
    void aRestoredStateContinuesTheSequence() {
        Shuffler whole = new Shuffler(9);
        Shuffler first = new Shuffler(9);
        for (int i = 0; i < 1000; i++) {
            whole.nextInt(77);
            first.nextInt(77);
        }
        Shuffler resumed = new Shuffler(0);
        resumed.restore(first.state());
        for (int i = 0; i < 1000; i++) {
            assertEquals(whole.nextInt(50_000), resumed.nextInt(50_000));
        }
    }
}
