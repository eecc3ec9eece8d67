package nnlang.runtime;

import java.util.List;
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

    /**
     * The evaluation of a data set made of {@code parts}, each evaluated on its own (e.g. where its
     * samples are), in their order: the sizes, the correct counts and the confusion matrices added;
     * the cost 0.0 plus each part's cost times its size, in order, divided by the total size, which
     * may differ in its last bits from the mean of one pass over all the samples. Parts of no
     * samples are left out.
     *
     * @throws IllegalArgumentException when the parts hold no samples
     */
    public static Evaluation combine(DataSet set, List<Evaluation> parts) {
        parts = parts.stream().filter(p -> p.size() > 0).toList();
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no samples to evaluate");
        }
        int size = 0;
        int correct = 0;
        double cost = 0.0;
        Optional<ConfusionMatrix> confusion = parts.get(0).confusion().map(m -> new ConfusionMatrix(m.classes()));
        for (Evaluation part : parts) {
            size += part.size();
            correct += part.correct();
            cost += part.cost() * part.size();
            confusion.ifPresent(m -> m.addAll(part.confusion().orElseThrow()));
        }
        return new Evaluation(set, size, correct, cost / size, confusion);
    }

    /** correct / size. */
    public double accuracy() {
        return (double) correct / size;
    }
}
