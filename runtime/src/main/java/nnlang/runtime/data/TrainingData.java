package nnlang.runtime.data;

import java.util.Optional;
import nnlang.runtime.Samples;

/**
 * The data sets of a {@code train} block: the samples learnt from, and those held out to measure
 * the network. Without a validation or test set, evaluation runs on {@code train}.
 */
public record TrainingData(Samples train, Optional<Samples> validation, Optional<Samples> test) {

    /** Training data with no held-out sets. */
    public static TrainingData trainOnly(Samples train) {
        return new TrainingData(train, Optional.empty(), Optional.empty());
    }
}
