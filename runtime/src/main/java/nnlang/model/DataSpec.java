package nnlang.model;

import java.nio.file.Path;
import java.util.List;

/** Where a {@code train} block's samples come from. Paths are resolved against the source's folder. */
public sealed interface DataSpec {

    SourcePos pos();

    /**
     * Samples written in the source, already checked against the network: each input row has the
     * network's input size and each target row its output size (class labels are one-hot here).
     */
    record Table(List<List<Double>> inputs, List<List<Double>> targets, SourcePos pos) implements DataSpec {
        public Table {
            inputs = inputs.stream().map(List::copyOf).toList();
            targets = targets.stream().map(List::copyOf).toList();
        }
    }

    /**
     * A CSV file of numbers, one sample per line: the input values, then the target values (or, for
     * a classifier, one class index). With {@code header}, the first line is skipped.
     */
    record Csv(String written, Path path, boolean header, SourcePos pos) implements DataSpec {}

    /**
     * The four MNIST IDX files in a folder (gzip-compressed or raw): the first {@code train} training
     * images are learnt from, the next {@code validation} are held out, and the 10,000 test images
     * are evaluated.
     */
    record Mnist(String written, Path folder, int train, int validation, SourcePos pos) implements DataSpec {}
}
