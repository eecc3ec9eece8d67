package nnlang.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("x.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static double[] input(DenseSamples s, int i) {
        double[] dst = new double[s.inputSize()];
        s.input(i, dst);
        return dst;
    }

    private static double[] target(DenseSamples s, int i) {
        double[] dst = new double[s.targetSize()];
        s.target(i, dst);
        return dst;
    }

    private DataException failure(String content, boolean header, boolean classifier) throws IOException {
        Path file = write(content);
        return assertThrows(DataException.class, () -> CsvReader.read(file, header, 2, 3, classifier));
    }

    @Test
    void readsInputsThenTargetsWithSpacesAroundCellsAndBlankLinesSkipped() throws Exception {
        Path file = write("0, 1 ,\t0.5e1\n\n  \n-2,.25,+3\r\n\r4,5,6\r7,8,9");
        DenseSamples s = CsvReader.read(file, false, 1, 2, false);
        assertEquals(4, s.size());
        assertArrayEquals(new double[] {0}, input(s, 0));
        assertArrayEquals(new double[] {1, 5}, target(s, 0));
        assertArrayEquals(new double[] {-2}, input(s, 1));
        assertArrayEquals(new double[] {0.25, 3}, target(s, 1));
        assertArrayEquals(new double[] {7}, input(s, 3));
    }

    @Test
    void linesAreCountedAcrossEveryKindOfLineEnd() throws Exception {
        DataException e = failure("1,2,3,4,5\r\n\r1,2,3,4,5\n1,2,x,4,5\n", false, false);
        assertEquals(4, e.record());
        assertEquals(5, e.column());
    }

    @Test
    void skipsTheHeaderLineOnlyWhenAsked() throws Exception {
        Path file = write("\uFEFFa,b\n1,2\n");
        DenseSamples s = CsvReader.read(file, true, 1, 1, false);
        assertEquals(1, s.size());
        assertArrayEquals(new double[] {1}, input(s, 0));
        DataException e = assertThrows(DataException.class, () -> CsvReader.read(file, false, 1, 1, false));
        assertEquals(1, e.record());
        assertEquals(1, e.column());
    }

    @Test
    void turnsAClassIndexIntoAOneHotTarget() throws Exception {
        Path file = write("0.1, 0.2, 2\n0.3, 0.4, 0.0\n");
        DenseSamples s = CsvReader.read(file, false, 2, 3, true);
        assertArrayEquals(new double[] {0.1, 0.2}, input(s, 0));
        assertArrayEquals(new double[] {0, 0, 1}, target(s, 0));
        assertArrayEquals(new double[] {1, 0, 0}, target(s, 1));
    }

    @Test
    void aNonNumberIsReportedAtItsLineAndColumn() throws Exception {
        DataException e = failure("1,2,3,4,5\n\n1, 2,  abc ,4,5\n", false, false);
        assertEquals(3, e.record());
        assertEquals(8, e.column());
        assertEquals(dir.resolve("x.csv") + ":3:8: error: expected a number, found \"abc\"", e.getMessage());
    }

    @Test
    void numbersJavaWouldAcceptButCsvShouldNotAreRejected() throws Exception {
        for (String bad : new String[] {"NaN", "Infinity", "0x1p3", "1d", "1f", "1e999", "1 2"}) {
            DataException e = failure("1,2,3,4," + bad + "\n", false, false);
            assertEquals(1, e.record(), bad);
            assertEquals(9, e.column(), bad);
        }
    }

    @Test
    void anEmptyCellIsNotANumber() throws Exception {
        DataException e = failure("1,,3,4,5\n", false, false);
        assertEquals(3, e.column());
        assertTrue(e.problem().contains("empty cell"), e.problem());
    }

    @Test
    void tooFewCellsPointsPastTheEndOfTheLine() throws Exception {
        DataException e = failure("1,2,3,4,5\n1,2,3\n", false, false);
        assertEquals(2, e.record());
        assertEquals(6, e.column());
        assertEquals("expected 5 cells (2 inputs and 3 targets), found 3", e.problem());
    }

    @Test
    void tooManyCellsPointsAtTheFirstExtraCell() throws Exception {
        DataException e = failure("1,2,3,4,5, 6,7\n", false, false);
        assertEquals(1, e.record());
        assertEquals(12, e.column());
        assertEquals("expected 5 cells (2 inputs and 3 targets), found 7", e.problem());
    }

    @Test
    void aTrailingCommaIsAnExtraEmptyCell() throws Exception {
        DataException e = failure("1,2,3,4,5,\n", false, false);
        assertEquals(11, e.column());
    }

    @Test
    void aClassIndexOutOfRangeOrNotWholeIsReported() throws Exception {
        for (String bad : new String[] {"3", "-1", "1.5"}) {
            DataException e = failure("0,0,1\n0,0," + bad + "\n", false, true);
            assertEquals(2, e.record(), bad);
            assertEquals(5, e.column(), bad);
            assertEquals("expected a class index 0..2, found " + bad, e.problem());
        }
    }

    @Test
    void aClassifierLineHasExactlyOneClassCell() throws Exception {
        DataException e = failure("0,0,1,2\n", false, true);
        assertEquals("expected 3 cells (2 inputs and 1 class index), found 4", e.problem());
    }

    @Test
    void anEmptyFileOrOnlyAHeaderHasNoSamples() throws Exception {
        DataException empty = failure("\n \n", false, false);
        assertEquals(0, empty.record());
        assertEquals(dir.resolve("x.csv") + ": error: the file has no samples", empty.getMessage());
        DataException header = failure("a,b,c,d,e\n", true, false);
        assertTrue(header.problem().contains("no samples after the header"), header.problem());
    }

    @Test
    void aMissingFileAndAFolderAreNamed() {
        Path missing = dir.resolve("missing.csv");
        DataException e = assertThrows(DataException.class, () -> CsvReader.read(missing, false, 1, 1, false));
        assertEquals(missing + ": error: file not found", e.getMessage());
        DataException folder = assertThrows(DataException.class, () -> CsvReader.read(dir, false, 1, 1, false));
        assertEquals(dir.toString(), folder.file());
        assertTrue(folder.problem().contains("is a folder"), folder.problem());
    }

    @Test
    void bytesThatAreNotUtf8AreReportedWithTheirLine() throws Exception {
        Path file = dir.resolve("x.csv");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("1,2\n".getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes("\n".repeat(15_000).getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(new byte[] {'3', ',', (byte) 0xFF, '\n'});
        Files.write(file, bytes.toByteArray());
        DataException e = assertThrows(DataException.class, () -> CsvReader.read(file, false, 1, 1, false));
        assertEquals(15_002, e.record());
        assertEquals(3, e.column());
        assertEquals("not UTF-8 text", e.problem());
    }
}
