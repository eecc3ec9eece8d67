package nnlang.runtime;

/**
 * The trainer's shuffling generator: the linear congruential generator that {@code java.util.Random}
 * specifies (48-bit state, multiplier 0x5DEECE66D, addend 0xB; a seed is scrambled by XOR with the
 * multiplier), with the {@code nextInt(bound)} that it specifies, so that it draws exactly what
 * {@code new java.util.Random(seed)} draws; unlike {@code Random}, its state can be read and set,
 * which a resumed run needs.
 */
final class Shuffler {
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    private long state;

    /** The generator {@code new java.util.Random(seed)} is. */
    Shuffler(long seed) {
        this.state = (seed ^ MULTIPLIER) & MASK;
    }

    /** The 48 bits of state, for {@link #restore}. */
    long state() {
        return state;
    }

    /** Continues from {@code state}, a value {@link #state} returned. */
    void restore(long state) {
        if ((state & ~MASK) != 0) {
            throw new IllegalArgumentException("not a 48-bit state: " + Long.toHexString(state));
        }
        this.state = state;
    }

    private int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }

    /** A value in [0, bound), as {@code java.util.Random.nextInt(bound)} specifies it. */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        int r = next(31);
        int m = bound - 1;
        if ((bound & m) == 0) {
            return (int) ((bound * (long) r) >> 31);
        }
        for (int u = r; u - (r = u % bound) + m < 0; u = next(31)) {
            // rejected: u lies in the last, incomplete run of bound values
        }
        return r;
    }

    /** Fisher–Yates, in place: for i from n-1 down to 1, swap order[i] with order[nextInt(i + 1)]. */
    void shuffle(int[] order) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
