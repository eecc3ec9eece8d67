package nnlang.runtime;

/**
 * The checks both back ends make of a call before anything runs, so that a call that does not fit
 * changes nothing and says why, naming the network and what it expected.
 */
final class NetworkChecks {
    private NetworkChecks() {}

    /**
     * @throws IllegalStateException when {@code network} has no train block ({@code trainable} is
     *                               false), so no cost to train on
     */
    static void requireTrainable(String network, boolean trainable) {
        if (!trainable) {
            throw new IllegalStateException("network " + network + " has no train block, so no cost to train on");
        }
    }

    /**
     * @throws IllegalArgumentException unless {@code array} has at least {@code length} values, e.g.
     *                                  "Xor: the parameter array has 8 values, it needs 9"
     */
    static void requireLength(String network, double[] array, int length, String what) {
        if (array.length < length) {
            throw new IllegalArgumentException(network + ": the " + what + " has " + array.length + " values, it needs "
                    + length);
        }
    }

    /**
     * Checks a mini-batch: samples of the network's input and target sizes, and a non-empty range
     * [from, to) within {@code order}.
     *
     * @throws IllegalArgumentException naming the network and the sizes or the range
     */
    static void checkBatch(String network, int inputSize, int outputSize, Samples data, int[] order, int from, int to) {
        if (data.inputSize() != inputSize || data.targetSize() != outputSize) {
            throw new IllegalArgumentException(network + ": samples of " + data.inputSize() + " inputs and "
                    + data.targetSize() + " targets do not fit " + inputSize + " inputs and " + outputSize + " outputs");
        }
        if (from < 0 || from > to || to > order.length) {
            throw new IllegalArgumentException(network + ": batch [" + from + ", " + to + ") is not within an order of "
                    + order.length + " indices");
        }
        if (from == to) {
            throw new IllegalArgumentException(network + ": empty batch [" + from + ", " + to + ")");
        }
    }
}
