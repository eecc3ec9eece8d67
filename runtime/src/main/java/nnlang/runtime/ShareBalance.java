package nnlang.runtime;

/**
 * How large each thread's share of a phase of a mini-batch divided by samples is
 * ({@link CompiledShares}): in proportion to how fast each thread has done its shares so far, so
 * that the threads finish a phase together even when their cores run at different speeds (a busy
 * neighbour of a virtual machine's core, the slower cores of a hybrid processor) or their shares
 * carry different fixed costs. Where a share ends changes who computes a quantity, never which
 * operations compute it ({@code package-info}, "Threads"), so the bits are those of one thread
 * whatever the shares' sizes.
 *
 * <p>The shares start even. After a phase whose shares each ran on their own thread
 * ({@link TrainingThreads#ranOnOwnThreads}), {@link #learn} moves each share's weight an eighth of
 * the way towards that share's part of the threads' summed speeds (things done per nanosecond),
 * by at most {@value #MOST_STEP} of the phase, and no weight below a quarter of an even share.
 * Where shares carry fixed costs, the weights settle where the durations are equal, since that is
 * where each share's speed is in proportion to its size. A phase of {@code length} things (samples,
 * rows, kernel rows) is cut where the weights say, at the nearest integers ({@link #start}).
 */
public final class ShareBalance {
    /** The fraction of a phase the cuts count in; also the length to {@link #learn} from when a phase cuts things of several lengths. */
    static final int WHOLE = 1 << 20;
    /** How far one phase moves the weights towards its speeds. */
    private static final double STEP = 0.125;
    /** The most one phase moves a weight's target away from the weight. */
    private static final double MOST_STEP = 0.1;

    private final double[] weights;
    /** Scratch space of {@link #learn}: each share's speed, then its next weight. */
    private final double[] speeds;
    /** Where each share starts, in {@link #WHOLE}ths of the phase; the last is {@code WHOLE}. */
    private final int[] cuts;

    /** Even shares for {@code shares} threads. */
    ShareBalance(int shares) {
        weights = new double[shares];
        speeds = new double[shares];
        cuts = new int[shares + 1];
        java.util.Arrays.fill(weights, 1.0 / shares);
        for (int t = 0; t <= shares; t++) {
            cuts[t] = TrainingThreads.partStart(WHOLE, t, shares);
        }
    }

    /**
     * Where share {@code share} of a phase of {@code length} things starts (and share - 1 ends):
     * 0 for the first share, {@code length} after the last, never decreasing.
     */
    int start(int length, int share) {
        return (int) (((long) length * cuts[share] + WHOLE / 2) / WHOLE);
    }

    /**
     * Where share {@code share} of {@code shares} of {@code length} things starts for {@code network}:
     * by the balance a division gave its copy, or else even ({@link TrainingThreads#partStart}). A
     * generated class's shares of its parameters start here.
     */
    public static int start(CompiledNetwork network, int length, int share, int shares) {
        ShareBalance balance = network.balance;
        return balance == null ? TrainingThreads.partStart(length, share, shares) : balance.start(length, share);
    }

    /**
     * Learns from a phase of {@code length} things whose share t took {@code nanos[t]}; nothing when
     * some share was empty or took no time.
     */
    void learn(int length, long[] nanos) {
        int n = weights.length;
        double sum = 0.0;
        for (int t = 0; t < n; t++) {
            int size = start(length, t + 1) - start(length, t);
            if (size <= 0 || nanos[t] <= 0) {
                return;
            }
            speeds[t] = size / (double) nanos[t];
            sum += speeds[t];
        }
        for (int t = 0; t < n; t++) {
            double target = Math.max(weights[t] - MOST_STEP, Math.min(weights[t] + MOST_STEP, speeds[t] / sum));
            speeds[t] = weights[t] + STEP * (target - weights[t]);
        }
        setWeights(speeds);
    }

    /** Gives the shares weights in proportion to {@code next} (positive), none below the least, and cuts the phase accordingly. */
    void setWeights(double... next) {
        int n = weights.length;
        double least = 0.25 / n;
        double total = 0.0;
        for (int t = 0; t < n; t++) {
            total += next[t];
        }
        double kept = 0.0;
        for (int t = 0; t < n; t++) {
            weights[t] = Math.max(least, next[t] / total);
            kept += weights[t];
        }
        double cumulative = 0.0;
        for (int t = 0; t < n; t++) {
            weights[t] /= kept;
            cuts[t] = (int) Math.round(cumulative * WHOLE);
            cumulative += weights[t];
        }
    }
}
