package nnlang.runtime.data;

import nnlang.model.DataSpec;
import nnlang.model.NetworkModel;
import nnlang.model.SourcePos;
import nnlang.model.TrainSpec;

/** Loads the data a network's {@code train} block names, checked against the network's sizes. */
public final class DataSets {

    private DataSets() {}

    /**
     * The training data of {@code model}'s train block. Tables and CSV files give a training set
     * only; MNIST gives training, validation (when the split holds some back) and test sets.
     *
     * @throws IllegalArgumentException when the model has no train block
     * @throws DataException            when a file is missing or malformed, or its samples do not fit
     *                                  the network
     */
    public static TrainingData load(NetworkModel model) throws DataException {
        TrainSpec train = model.train().orElseThrow(
                () -> new IllegalArgumentException("network " + model.name() + " has no train block"));
        DataSpec data = train.data();
        if (data instanceof DataSpec.Table table) {
            return TrainingData.trainOnly(DenseSamples.of(table));
        }
        if (data instanceof DataSpec.Csv csv) {
            return TrainingData.trainOnly(CsvReader.read(csv.path(), csv.header(), model.inputSize(),
                    model.outputSize(), model.output().isClassifier()));
        }
        DataSpec.Mnist mnist = (DataSpec.Mnist) data;
        checkFits(model, mnist.pos());
        return MnistReader.load(mnist);
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
