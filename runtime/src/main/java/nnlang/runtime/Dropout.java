package nnlang.runtime;

/**
 * The dropout masks of a training run, as the canonical order ({@code package-info}) defines them:
 * one generator per run, whose k-th value depends only on the train block's seed and k, so that both
 * back ends, and a run resumed after k draws, draw the same masks. The generator is SplitMix64's
 * (Steele, Lea and Flood), a counter whose successive states are mixed: a network keeps only the
 * number of values drawn so far.
 */
public final class Dropout {

    /** What is added to the train block's seed to make the generator's base. */
    public static final long SEED_OFFSET = 0xD1B54A32D192ED03L;

    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final double UNIT = 0x1.0p-53;

    private Dropout() {}

    /** The generator's base for a train block's {@code seed}. */
    public static long base(long seed) {
        return seed + SEED_OFFSET;
    }

    /** keep = 1.0 - rate: the probability that an activation is kept. */
    public static double keep(double rate) {
        return 1.0 - rate;
    }

    /** s = 1.0 / keep: what a kept activation is multiplied by. */
    public static double scale(double rate) {
        return 1.0 / keep(rate);
    }

    /** u_k, the k-th value (from 0) of the generator with {@code base}, uniform in [0, 1) with 53 bits. */
    public static double uniform(long base, long k) {
        long z = base + (k + 1) * GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * UNIT;
    }

    /**
     * Writes the mask values of draws k, k + 1, … into {@code mask[from .. from + length)}: {@code scale}
     * where the value drawn is below {@code keep}, else 0.0. Returns the next k.
     */
    public static long fill(double[] mask, int from, int length, long base, long k, double keep, double scale) {
        for (int j = 0; j < length; j++) {
            mask[from + j] = uniform(base, k + j) < keep ? scale : 0.0;
        }
        return k + length;
    }
}
