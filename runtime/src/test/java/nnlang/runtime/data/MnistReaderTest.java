package nnlang.runtime.data;

import static nnlang.runtime.data.IdxFiles.PIXELS;
import static nnlang.runtime.data.IdxFiles.idx;
import static nnlang.runtime.data.IdxFiles.images;
import static nnlang.runtime.data.IdxFiles.labels;
import static nnlang.runtime.data.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import nnlang.runtime.Samples;
import nnlang.runtime.TestModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistReaderTest {

    private static final String TRAIN_IMAGES = MnistReader.TRAIN_IMAGES + ".gz";
    private static final String TRAIN_LABELS = MnistReader.TRAIN_LABELS + ".gz";

    @TempDir
    Path dir;

    /** Five training images labelled 5, 0, 4, 1, 9 and three test images labelled 7, 2, 1. */
    @BeforeEach
    void writeValidFiles() throws IOException {
        write(dir.resolve(TRAIN_IMAGES), images(5));
        write(dir.resolve(TRAIN_LABELS), labels(5, 0, 4, 1, 9));
        write(dir.resolve(MnistReader.TEST_IMAGES + ".gz"), images(3));
        write(dir.resolve(MnistReader.TEST_LABELS + ".gz"), labels(7, 2, 1));
    }

    private TrainingData load(int train, int validation) throws DataException {
        return MnistReader.load(TestModels.mnist(dir, train, validation));
    }

    private DataException failure() {
        return assertThrows(DataException.class, () -> load(3, 2));
    }

    private static int label(Samples s, int index) {
        double[] target = new double[s.targetSize()];
        s.target(index, target);
        int label = -1;
        for (int k = 0; k < target.length; k++) {
            if (target[k] == 1.0) {
                assertEquals(-1, label, "one-hot");
                label = k;
            } else {
                assertEquals(0.0, target[k]);
            }
        }
        return label;
    }

    @Test
    void splitsTheTrainingFileIntoTrainingAndValidationAndKeepsTheTestFile() throws Exception {
        TrainingData data = load(3, 2);
        Samples train = data.train();
        Samples validation = data.validation().orElseThrow();
        Samples test = data.test().orElseThrow();
        assertEquals(3, train.size());
        assertEquals(2, validation.size());
        assertEquals(3, test.size());
        assertEquals(PIXELS, train.inputSize());
        assertEquals(10, train.targetSize());
        assertEquals(5, label(train, 0));
        assertEquals(4, label(train, 2));
        assertEquals(1, label(validation, 0));
        assertEquals(9, label(validation, 1));
        assertEquals(7, label(test, 0));
        assertEquals(1, label(test, 2));
    }

    @Test
    void scalesPixelsToTheUnitIntervalFromTheRightImage() throws Exception {
        Samples validation = load(3, 2).validation().orElseThrow();
        double[] pixels = new double[PIXELS];
        validation.input(1, pixels);
        for (int p = 0; p < PIXELS; p++) {
            assertEquals(((4 * 31 + p) & 0xFF) / 255.0, pixels[p]);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> validation.input(2, pixels));
    }

    @Test
    void noValidationSetWhenTheSplitHoldsNoneBack() throws Exception {
        assertTrue(load(5, 0).validation().isEmpty());
    }

    @Test
    void prefersTheCompressedFileAndFallsBackToTheRawOne() throws Exception {
        write(dir.resolve(MnistReader.TRAIN_LABELS), labels(3, 3, 3, 3, 3));
        assertEquals(5, label(load(3, 2).train(), 0));
        Files.delete(dir.resolve(TRAIN_LABELS));
        assertEquals(3, label(load(3, 2).train(), 0));
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        Files.delete(dir.resolve(TRAIN_LABELS));
        DataException e = failure();
        assertEquals(dir.resolve(TRAIN_LABELS).toString(), e.file());
        assertTrue(e.problem().startsWith("file not found"), e.problem());
    }

    @Test
    void aMissingFolderIsNamed() {
        Path missing = dir.resolve("nowhere");
        DataException e = assertThrows(DataException.class,
                () -> MnistReader.load(TestModels.mnist(missing, 1, 0)));
        assertEquals(missing + ": error: folder not found", e.getMessage());
    }

    @Test
    void aWrongMagicNumberIsReported() throws Exception {
        write(dir.resolve(TRAIN_IMAGES), idx(new int[] {2050, 5, 28, 28}, new byte[5 * PIXELS]));
        DataException e = failure();
        assertEquals(dir.resolve(TRAIN_IMAGES).toString(), e.file());
        assertEquals("magic number is 2050, expected 2051 (IDX images)", e.problem());
    }

    @Test
    void aLabelFileWhereImagesBelongIsRecognised() throws Exception {
        write(dir.resolve(TRAIN_IMAGES), labels(1, 2));
        assertTrue(failure().problem().endsWith("this is a label file"));
    }

    @Test
    void imagesOfAnotherSizeAreRejectedNamingTheHeaderField() throws Exception {
        write(dir.resolve(TRAIN_IMAGES), idx(new int[] {IdxReader.IMAGE_MAGIC, 5, 28, 27}, new byte[5 * 28 * 27]));
        assertEquals("header field columns is 27, expected 28", failure().problem());
    }

    @Test
    void aHeaderCutShortNamesTheField() throws Exception {
        write(dir.resolve(TRAIN_IMAGES), Arrays.copyOf(images(5), 10));
        DataException e = failure();
        assertEquals(0, e.record());
        assertEquals("the file ends inside the header, in field rows", e.problem());
    }

    @Test
    void truncatedImagesNameTheFirstIncompleteImage() throws Exception {
        write(dir.resolve(TRAIN_IMAGES), Arrays.copyOf(images(5), 16 + 2 * PIXELS + 100));
        DataException e = failure();
        assertEquals(3, e.record());
        assertEquals("the file ends inside image 3 of 5, after 100 of its 784 bytes", e.problem());
    }

    @Test
    void aCompressedFileCutShortNamesTheImageWhereItEnds() throws Exception {
        byte[] gz = IdxFiles.gzip(images(5));
        Files.write(dir.resolve(TRAIN_IMAGES), Arrays.copyOf(gz, gz.length * 3 / 5));
        DataException e = failure();
        assertTrue(e.record() >= 1 && e.record() <= 5, "record " + e.record());
        assertTrue(e.problem().startsWith("the file ends inside image " + e.record() + " of 5"), e.problem());
    }

    @Test
    void truncatedLabelsNameTheFirstMissingLabel() throws Exception {
        write(dir.resolve(TRAIN_LABELS), Arrays.copyOf(labels(5, 0, 4, 1, 9), 8 + 3));
        DataException e = failure();
        assertEquals(4, e.record());
        assertEquals("the file ends inside label 4 of 5", e.problem());
    }

    @Test
    void bytesAfterTheLastRecordAreRejected() throws Exception {
        byte[] good = labels(5, 0, 4, 1, 9);
        write(dir.resolve(TRAIN_LABELS), Arrays.copyOf(good, good.length + 1));
        assertEquals("the file continues after the last of its 5 records", failure().problem());
    }

    @Test
    void aLabelOutsideTheDigitsNamesItsRecord() throws Exception {
        write(dir.resolve(TRAIN_LABELS), labels(5, 0, 4, 10, 9));
        DataException e = failure();
        assertEquals(dir.resolve(TRAIN_LABELS) + ":4: error: label 4 is 10, expected a class 0..9", e.getMessage());
    }

    @Test
    void imageAndLabelCountsMustAgree() throws Exception {
        write(dir.resolve(TRAIN_LABELS), labels(5, 0, 4, 1));
        DataException e = failure();
        assertEquals(dir.resolve(TRAIN_LABELS).toString(), e.file());
        assertEquals("has 4 labels, but " + dir.resolve(TRAIN_IMAGES) + " has 5 images", e.problem());
    }

    @Test
    void aCompressedNameHoldingRawDataIsNotGzip() throws Exception {
        Files.write(dir.resolve(TRAIN_LABELS), labels(5, 0, 4, 1, 9));
        assertTrue(failure().problem().startsWith("not valid gzip data"));
    }

    @Test
    void aSplitLargerThanTheTrainingFileIsReportedAtTheSource() {
        DataException e = assertThrows(DataException.class, () -> load(4, 2));
        assertEquals(TestModels.DATA_POS.file(), e.file());
        assertEquals(TestModels.DATA_POS.line(), e.record());
        assertEquals(TestModels.DATA_POS.column(), e.column());
        assertTrue(e.problem().contains("4 training and 2 validation images"), e.problem());
    }

    @Test
    void aSplitWithoutTrainingImagesIsReportedAtTheSource() {
        DataException e = assertThrows(DataException.class, () -> load(0, 2));
        assertEquals(TestModels.DATA_POS.line(), e.record());
        assertTrue(e.problem().startsWith("the split needs at least 1 training image"), e.problem());
    }
}
