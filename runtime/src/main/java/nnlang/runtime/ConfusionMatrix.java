package nnlang.runtime;

import java.util.List;

/**
 * How a classifier's predictions are distributed over the true classes of a data set: count(a, p)
 * samples of actual class a were predicted as class p (the argmax of the output). The diagonal
 * holds the correct predictions. Serializable, so that parts of a data set can be counted where
 * they are and added up in one place ({@link Evaluation#combine}).
 */
public final class ConfusionMatrix implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

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

    /** Adds every count of {@code other}, a matrix over the same classes. */
    void addAll(ConfusionMatrix other) {
        if (!other.classes.equals(classes)) {
            throw new IllegalArgumentException("confusion matrices over " + classes + " and " + other.classes);
        }
        for (int a = 0; a < counts.length; a++) {
            for (int p = 0; p < counts.length; p++) {
                counts[a][p] += other.counts[a][p];
            }
        }
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
