package nnlang.runtime.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import nnlang.model.DataSpec;
import nnlang.runtime.Samples;

/**
 * Loads the MNIST database from its four standard IDX files in one folder, each as
 * {@code NAME.gz} or raw {@code NAME} (the compressed one when both exist): 28×28 images, labels
 * 0..9. The training file is split into the first {@code train} images for training and the next
 * {@code validation} for validation; the test file is the test set. Each file is read once into one
 * array, and the sets are views over those arrays.
 */
final class MnistReader {

    static final int ROWS = 28;
    static final int COLS = 28;
    static final int CLASSES = 10;

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private MnistReader() {}

    /** Reads the four files of {@code spec.folder()} and splits them as {@code spec} says. */
    static TrainingData load(DataSpec.Mnist spec) throws DataException {
        Path folder = spec.folder();
        if (!Files.isDirectory(folder)) {
            throw new DataException(folder.toString(), Files.exists(folder)
                    ? "is a file, expected the folder of the MNIST files" : "folder not found");
        }
        Path trainImagesFile = locate(folder, TRAIN_IMAGES);
        Path trainLabelsFile = locate(folder, TRAIN_LABELS);
        Path testImagesFile = locate(folder, TEST_IMAGES);
        Path testLabelsFile = locate(folder, TEST_LABELS);

        byte[] trainImages = IdxReader.readImages(trainImagesFile, ROWS, COLS);
        byte[] trainLabels = IdxReader.readLabels(trainLabelsFile, CLASSES);
        checkSameCount(trainImages, trainImagesFile, trainLabels, trainLabelsFile);
        byte[] testImages = IdxReader.readImages(testImagesFile, ROWS, COLS);
        byte[] testLabels = IdxReader.readLabels(testLabelsFile, CLASSES);
        checkSameCount(testImages, testImagesFile, testLabels, testLabelsFile);

        if (spec.train() < 1 || spec.validation() < 0) {
            throw new DataException(spec.pos(), "the split needs at least 1 training image and no negative count, found "
                    + spec.train() + " training and " + spec.validation() + " validation images");
        }
        if ((long) spec.train() + spec.validation() > trainLabels.length) {
            throw new DataException(spec.pos(), "the split asks for " + spec.train() + " training and "
                    + spec.validation() + " validation images, but " + trainImagesFile + " has "
                    + trainLabels.length);
        }
        int pixels = ROWS * COLS;
        ImageSamples train = new ImageSamples(trainImages, trainLabels, 0, spec.train(), pixels, CLASSES);
        Optional<Samples> validation = spec.validation() == 0 ? Optional.empty()
                : Optional.of(new ImageSamples(trainImages, trainLabels, spec.train(), spec.validation(),
                        pixels, CLASSES));
        ImageSamples test = new ImageSamples(testImages, testLabels, 0, testLabels.length, pixels, CLASSES);
        return new TrainingData(train, validation, Optional.of(test));
    }

    /** {@code folder/name.gz} if it exists, else {@code folder/name} if it exists. */
    static Path locate(Path folder, String name) throws DataException {
        Path gz = folder.resolve(name + ".gz");
        if (Files.exists(gz)) {
            return gz;
        }
        Path raw = folder.resolve(name);
        if (Files.exists(raw)) {
            return raw;
        }
        throw new DataException(gz.toString(), "file not found (nor " + name + " uncompressed)");
    }

    private static void checkSameCount(byte[] images, Path imagesFile, byte[] labels, Path labelsFile)
            throws DataException {
        int imageCount = images.length / (ROWS * COLS);
        if (imageCount != labels.length) {
            throw new DataException(labelsFile.toString(), "has " + labels.length + " labels, but "
                    + imagesFile + " has " + imageCount + " images");
        }
    }
}
