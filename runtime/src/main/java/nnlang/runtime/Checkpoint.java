package nnlang.runtime;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Everything a training run needs, besides the parameters, to continue after a completed epoch
 * exactly as if it had never stopped: the optimizer's state (with its counters and the dropout
 * generator's draws), the shuffling generator's state and the order of the samples it shuffles, and
 * the best epoch so far. Saved with the parameters in a version 2 {@link ParameterFile}.
 *
 * <p>The training state, all integers big-endian, each double as its IEEE 754 bits (int64):
 * <pre>
 * int32 F, then F bytes   the run's fingerprint, UTF-8 (what the caller says identifies the run)
 * int32                   epochs completed
 * int64                   nanoseconds spent in training steps so far
 * int64                   the shuffling generator's state ({@code java.util.Random}'s 48 bits)
 * int32 n, then n int32   the order of the training samples after the last shuffle
 * int32 k, then k doubles the optimizer's state ({@link Network#getOptimizerState})
 * int32                   the best epoch so far, 0 for none
 * double                  its validation score
 * int32 m, then m doubles the parameters of the best epoch when the run keeps them, else m = 0
 * </pre>
 *
 * @param fingerprint    what identifies the run, so that a checkpoint is never resumed by another
 * @param epoch          the epochs completed, from 1
 * @param trainingNanos  time spent in training steps over those epochs
 * @param shuffleState   the shuffling generator's state after the last epoch's shuffle
 * @param order          the samples' order after that shuffle
 * @param optimizerState the network's optimizer state after the epoch
 * @param bestEpoch      the epoch that scored best on the validation set so far, 0 when not tracked
 * @param bestScore      its score (accuracy or cost)
 * @param bestParameters its parameters when the run keeps the best epoch, else empty
 */
public record Checkpoint(String fingerprint, int epoch, long trainingNanos, long shuffleState, int[] order,
        double[] optimizerState, int bestEpoch, double bestScore, double[] bestParameters) {

    public Checkpoint {
        order = order.clone();
        optimizerState = optimizerState.clone();
        bestParameters = bestParameters.clone();
    }

    @Override
    public int[] order() {
        return order.clone();
    }

    @Override
    public double[] optimizerState() {
        return optimizerState.clone();
    }

    @Override
    public double[] bestParameters() {
        return bestParameters.clone();
    }

    /** The training state's bytes, as documented above. */
    byte[] encode() {
        byte[] text = fingerprint.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + text.length + 4 + 8 + 8 + 4 + 4 * order.length + 4
                + 8 * optimizerState.length + 4 + 8 + 4 + 8 * bestParameters.length);
        b.putInt(text.length).put(text).putInt(epoch).putLong(trainingNanos).putLong(shuffleState);
        b.putInt(order.length);
        for (int i : order) {
            b.putInt(i);
        }
        putDoubles(b, optimizerState);
        b.putInt(bestEpoch).putLong(Double.doubleToRawLongBits(bestScore));
        putDoubles(b, bestParameters);
        return b.array();
    }

    /**
     * The training state in {@code bytes}, all of them.
     *
     * @throws ParameterFileException naming {@code what} when they are not a whole training state
     */
    static Checkpoint decode(byte[] bytes, String what) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            byte[] text = new byte[count(b, what)];
            b.get(text);
            int epoch = b.getInt();
            long nanos = b.getLong();
            long shuffle = b.getLong();
            int[] order = new int[count(b, what)];
            for (int i = 0; i < order.length; i++) {
                order[i] = b.getInt();
            }
            double[] state = doubles(b, what);
            int bestEpoch = b.getInt();
            double bestScore = Double.longBitsToDouble(b.getLong());
            double[] best = doubles(b, what);
            if (b.hasRemaining()) {
                throw new ParameterFileException(what, "damaged: " + b.remaining() + " bytes follow its training state");
            }
            return new Checkpoint(new String(text, StandardCharsets.UTF_8), epoch, nanos, shuffle, order, state,
                    bestEpoch, bestScore, best);
        } catch (BufferUnderflowException e) {
            throw new ParameterFileException(what, "damaged: its training state ends early");
        }
    }

    private static int count(ByteBuffer b, String what) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new ParameterFileException(what, "damaged: its training state announces " + n + " values");
        }
        return n;
    }

    private static void putDoubles(ByteBuffer b, double[] values) {
        b.putInt(values.length);
        for (double v : values) {
            b.putLong(Double.doubleToRawLongBits(v));
        }
    }

    private static double[] doubles(ByteBuffer b, String what) {
        double[] values = new double[count(b, what)];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(b.getLong());
        }
        return values;
    }
}
