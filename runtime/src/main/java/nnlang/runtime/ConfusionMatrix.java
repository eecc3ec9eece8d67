package nnlang.runtime;

import java.util.List;

/**
 * How a classifier's predictions are distributed over the true classes of a data set: count(a, p)
 * samples of actual class a were predicted as class p (the argmax of the output). The diagonal
 * holds the correct predictions.
 */
public final class ConfusionMatrix {

    private final List<String> classes;
    private final int[][] counts;

    /** An empty matrix over {@code classes}; filled by {@link #add}. */
    ConfusionMatrix(List<String> classes) {
        this.classes = List.copyOf(classes);
        this.counts = new int[classes.size()][classes.size()];
    }

    /** Counts one sample of class {@code actual} predicted as {@code predicted}. */
    void add(int actual, int predicted) {
        counts[actual][predicted]++;
    }

    /** The class names, in class index order. */
    public List<String> classes() {
        return classes;
    }

    /** Samples of class {@code actual} predicted as {@code predicted}. */
    public int count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** Samples whose actual class is {@code actual}. */
    public int total(int actual) {
        int sum = 0;
        for (int n : counts[actual]) {
            sum += n;
        }
        return sum;
    }

    /** The share of class {@code actual}'s samples predicted correctly; NaN when there are none. */
    public double accuracy(int actual) {
        int total = total(actual);
        return total == 0 ? Double.NaN : (double) counts[actual][actual] / total;
    }
}
