package nnlang.cli;

import static nnlang.cli.CommandLineTest.nnlang;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nnlang.frontend.FrontEnd;
import nnlang.interop.safetensors.SafetensorsParameters;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.runtime.ParameterLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export}, {@code predict}, {@code show}, {@code train --init-from} and safetensors for {@code --params}, as a user runs them. */
class InteropCommandLineTest {

    @TempDir
    Path dir;

    private Path xor;

    @BeforeEach
    void trainXor() throws IOException {
        xor = dir.resolve("xor.nn");
        Files.copy(Path.of("../examples/xor/xor.nn"), xor);
        CommandLineTest.Run run = nnlang("train", xor.toString());
        assertEquals(0, run.status(), run.err());
    }

    private static String lf(String s) {
        return s.replace("\r\n", "\n");
    }

    @Test
    void exportedSourceAndSafetensorsRunAsTheTrainedNetwork() {
        String table = nnlang("run", xor.toString(), "--table").out();
        CommandLineTest.Run nn = nnlang("export", xor.toString(), "--format", "nn");
        assertEquals(0, nn.status(), nn.err());
        assertEquals("wrote " + dir.resolve("Xor-trained.nn") + "\n", lf(nn.out()));
        assertEquals(table, nnlang("run", dir.resolve("Xor-trained.nn").toString(), "--table").out());

        Path weights = dir.resolve("weights.safetensors");
        CommandLineTest.Run st = nnlang("export", xor.toString(), "-f", "safetensors", "-o", weights.toString());
        assertEquals(0, st.status(), st.err());
        assertEquals(table, nnlang("run", xor.toString(), "--table", "--params", weights.toString()).out());

        CommandLineTest.Run onnx = nnlang("export", xor.toString(), "-f", "onnx");
        assertEquals(0, onnx.status(), onnx.err());
        assertTrue(Files.isRegularFile(dir.resolve("Xor.onnx")));
    }

    @Test
    void trainingFromAnInitFileEqualsTrainingFromTheSameInitialParameters() throws IOException {
        NetworkModel model = FrontEnd.check(xor).networks().get(0);
        Path init = dir.resolve("init.safetensors");
        Files.write(init, SafetensorsParameters.encode(ParameterLayout.of(model), Initializer.initialParameters(model)));
        Path from = dir.resolve("from.nnp");
        CommandLineTest.Run run = nnlang("train", xor.toString(), "--init-from", init.toString(), "--out", from.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("starting from " + init), run.out());
        assertArrayEquals(Files.readAllBytes(dir.resolve("Xor.nnp")), Files.readAllBytes(from));
    }

    @Test
    void aBrokenSafetensorsFileIsOneLineNamingTheFileAndTensor() throws IOException {
        NetworkModel model = FrontEnd.check(xor).networks().get(0);
        byte[] good = SafetensorsParameters.encode(ParameterLayout.of(model), Initializer.initialParameters(model));
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, java.util.Arrays.copyOf(good, good.length - 4));
        CommandLineTest.Run run = nnlang("run", xor.toString(), "--table", "--params", cut.toString());
        assertEquals(1, run.status());
        assertEquals(cut + ": error: tensor out.weight has data_offsets [56, 72], outside the data buffer of 68 bytes (truncated?)",
                run.err().trim());

        Path other = dir.resolve("other.safetensors");
        String header = new String(good, 8, (int) ByteBuffer.wrap(good).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
        Files.write(other, good);
        byte[] renamed = Files.readAllBytes(other);
        byte[] from = "hidden.weight".getBytes();
        int at = header.indexOf("hidden.weight") + 8;
        System.arraycopy("hidden.wEight".getBytes(), 0, renamed, at, from.length);
        Files.write(other, renamed);
        run = nnlang("train", xor.toString(), "--init-from", other.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith(other + ": error: has no tensor hidden.weight (2x2) for node hidden of network Xor"), run.err());
        assertFalse(run.err().trim().contains("\n"), run.err());
    }

    @Test
    void predictWritesALinePerRowAsCsvOrJsonLines() throws IOException {
        Path inputs = dir.resolve("inputs.csv");
        Files.writeString(inputs, "x1,x2\n0,0\n0,1\n\n1,0\n1,1\n");
        CommandLineTest.Run csv = nnlang("predict", xor.toString(), "--data", inputs.toString(), "--header");
        assertEquals(0, csv.status(), csv.err());
        List<String> lines = lf(csv.out()).lines().toList();
        assertEquals(5, lines.size(), csv.out());
        assertEquals("out", lines.get(0));
        assertTrue(Double.parseDouble(lines.get(2)) > 0.9 && Double.parseDouble(lines.get(1)) < 0.1, csv.out());
        assertTrue(csv.err().startsWith("predicted 4 rows of " + inputs + " in "), csv.err());

        Path targets = dir.resolve("targets.csv");
        Files.writeString(targets, "0,0,0\n0,1,1\n1,0,1\n1,1,1\n");
        Path out = dir.resolve("predictions.jsonl");
        CommandLineTest.Run json = nnlang("predict", xor.toString(), "--data", targets.toString(), "--json", "--out", out.toString());
        assertEquals(0, json.status(), json.err());
        assertTrue(json.out().contains("accuracy 75.00% (3 of 4)"), json.out());
        List<String> jsonLines = Files.readAllLines(out);
        assertEquals(4, jsonLines.size());
        assertTrue(jsonLines.get(1).matches("\\{\"output\":\\[0\\.9[0-9]*\\]\\}"), jsonLines.get(1));
    }

    @Test
    void predictReadsIdxImagesAndNamesABadRow() throws IOException {
        Path nn = dir.resolve("tiny.nn");
        Files.writeString(nn, "network Tiny {\n    input image[2 x 2]\n    neuron lit = linear(image: [1, 1, 1, 1], bias: 0)\n"
                + "    output lit\n}\n");
        Path idx = dir.resolve("images-idx3-ubyte");
        ByteBuffer b = ByteBuffer.allocate(16 + 8).putInt(2051).putInt(2).putInt(2).putInt(2);
        b.put(new byte[] {0, (byte) 255, 0, 0, (byte) 255, (byte) 255, (byte) 255, (byte) 255});
        Files.write(idx, b.array());
        CommandLineTest.Run run = nnlang("predict", nn.toString(), "--data", idx.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("lit\n1.0\n4.0\n", lf(run.out()));

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "1,2,3,4\n1,2,x,4\n");
        run = nnlang("predict", nn.toString(), "--data", bad.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains(bad + ":2:5: error: expected a number, found \"x\""), run.err());
    }

    @Test
    void showPrintsTheLayoutAndEachBlocksStatistics() {
        CommandLineTest.Run run = nnlang("show", xor.toString());
        assertEquals(0, run.status(), run.err());
        List<String> lines = lf(run.out()).lines().toList();
        assertTrue(lines.get(0).startsWith("Xor: 2 inputs; layers hidden (2 sigmoid), out (1 sigmoid); 1 output; 9 parameters"));
        assertEquals("parameters: " + dir.resolve("Xor.nnp"), lines.get(1));
        assertTrue(lines.get(2).matches("node +kind +activation +reads +block +shape +count +min +max +mean +norm"), lines.get(2));
        assertTrue(lines.get(3).matches("hidden +dense +sigmoid +x1, x2 +weight +2x2 +4 .*"), lines.get(3));
        assertTrue(lines.get(4).matches(" +bias +2 +2 .*"), lines.get(4));
        assertTrue(lines.get(5).matches("out +dense +sigmoid +hidden +weight +1x2 +2 .*"), lines.get(5));
    }

    @Test
    void aSoftmaxLayerIsWrittenWithItsWeightsAndTheWrittenSourceRunsAlike() throws IOException {
        Path nn = dir.resolve("soft.nn");
        Files.writeString(nn, "network Soft {\n    input x1, x2\n    layer p = dense(2, softmax)\n    output p\n"
                + "    train {\n        data table { [0, 1] -> [1, 0] }\n        cost cross_entropy\n"
                + "        optimizer sgd(rate: 0.1, batch: 1)\n        epochs 1\n        init gaussian(0, 1)\n        seed 1\n    }\n}\n");
        assertEquals(0, nnlang("train", nn.toString()).status());
        CommandLineTest.Run run = nnlang("export", nn.toString(), "-f", "nn");
        assertEquals(0, run.status(), run.err());
        Path written = dir.resolve("Soft-trained.nn");
        assertTrue(Files.readString(written).contains("layer p = dense(2, softmax) from x1, x2\n        weights [["));
        assertEquals(nnlang("run", nn.toString(), "--table").out(), nnlang("run", written.toString(), "--table").out());
    }
}
