package nnlang.runtime;

import java.util.Optional;

/**
 * How well a network does on one data set: the mean cost per sample and the share of samples it
 * gets right (a classifier: the argmax of the output is the target's class; otherwise: every output
 * is strictly within 0.5 of its target).
 *
 * @param cost      the mean over samples of {@link nnlang.model.Cost#value}
 * @param correct   how many of the {@code size} samples are right
 * @param confusion for a classifier, the predictions per actual class
 */
public record Evaluation(DataSet set, int size, int correct, double cost, Optional<ConfusionMatrix> confusion) {

    /** Which data set was evaluated. */
    public enum DataSet {
        TRAINING("training"),
        VALIDATION("validation"),
        TEST("test");

        private final String label;

        DataSet(String label) {
            this.label = label;
        }

        /** The set's name in messages: training, validation or test. */
        public String label() {
            return label;
        }
    }

    /** correct / size. */
    public double accuracy() {
        return (double) correct / size;
    }
}
