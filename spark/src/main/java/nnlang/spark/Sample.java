package nnlang.spark;

import java.io.Serializable;

/**
 * One training sample as it travels between executors.
 *
 * @param index its number in the Dataset's order, from 0: what the shuffling permutes
 */
record Sample(int index, double[] input, double[] target) implements Serializable {
    private static final long serialVersionUID = 1L;
}
