package nnlang.runtime.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import nnlang.model.DataSpec;
import nnlang.model.NetworkModel;
import nnlang.model.SourcePos;
import nnlang.model.TrainSpec;
import nnlang.runtime.Samples;

/** Loads the data a network's {@code train} block names, checked against the network's sizes. */
public final class DataSets {

    private DataSets() {}

    /**
     * The training data of {@code model}'s train block. MNIST gives training, validation (when the
     * split holds some back) and test sets. A table or a CSV file gives its samples to training, or,
     * with a {@code split}, shares of them to each set ({@link Splits}); {@code validation} and
     * {@code test} sources of their own give those sets.
     *
     * @throws IllegalArgumentException when the model has no train block
     * @throws DataException            when a file is missing or malformed, or its samples do not fit
     *                                  the network
     */
    public static TrainingData load(NetworkModel model) throws DataException {
        TrainSpec train = model.train().orElseThrow(
                () -> new IllegalArgumentException("network " + model.name() + " has no train block"));
        DataSpec data = train.data();
        if (data instanceof DataSpec.Mnist mnist) {
            checkFits(model, mnist.pos());
            return MnistReader.load(mnist);
        }
        DenseSamples samples = samples(model, data);
        TrainSpec.HeldOut heldOut = train.heldOut();
        Optional<DenseSamples> validation = Optional.empty();
        Optional<DenseSamples> test = Optional.empty();
        if (heldOut.split().isPresent()) {
            String file = data instanceof DataSpec.Csv csv ? csv.written() : data.pos().file();
            Splits.Parts parts = Splits.split(samples, heldOut.split().get(), train.seed(),
                    model.output().isClassifier(), file);
            samples = parts.train();
            validation = parts.validation();
            test = parts.test();
        }
        if (heldOut.validation().isPresent()) {
            validation = Optional.of(samples(model, heldOut.validation().get()));
        }
        if (heldOut.test().isPresent()) {
            test = Optional.of(samples(model, heldOut.test().get()));
        }
        return new TrainingData(samples, validation.map(Samples.class::cast), test.map(Samples.class::cast));
    }

    /** The samples of a table or a CSV file. */
    private static DenseSamples samples(NetworkModel model, DataSpec data) throws DataException {
        if (data instanceof DataSpec.Table table) {
            return DenseSamples.of(table);
        }
        DataSpec.Csv csv = (DataSpec.Csv) data;
        return CsvReader.read(csv.path(), csv.header(), model.inputSize(), model.outputSize(),
                model.output().isClassifier(), model.output().classes().orElse(List.of()));
    }

    /**
     * The MNIST files in {@code folder}, split as {@code data mnist(folder) split(train: ...,
     * validation: ...)} would: for programs that evaluate a trained network outside a build.
     *
     * @throws DataException when a file is missing or malformed, or the split does not fit
     */
    public static TrainingData mnist(Path folder, int train, int validation) throws DataException {
        return MnistReader.load(new DataSpec.Mnist(folder.toString(), folder, train, validation, SourcePos.NONE));
    }

    private static void checkFits(NetworkModel model, SourcePos pos) throws DataException {
        int pixels = MnistReader.ROWS * MnistReader.COLS;
        if (model.inputSize() != pixels) {
            throw new DataException(pos, "MNIST images have " + pixels + " pixels (28x28), but network "
                    + model.name() + " has " + model.inputSize() + " inputs");
        }
        if (model.outputSize() != MnistReader.CLASSES || !model.output().isClassifier()) {
            throw new DataException(pos, "MNIST needs a classifier output of " + MnistReader.CLASSES
                    + " classes (output ... as class(0..9)), but network " + model.name() + " has "
                    + model.outputSize() + (model.output().isClassifier() ? " classes" : " plain outputs"));
        }
    }
}
