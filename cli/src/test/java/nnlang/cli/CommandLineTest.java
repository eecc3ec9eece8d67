package nnlang.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterLayout;
import nnlang.frontend.FrontEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The nnlang command as a user runs it: output, exit status and files, on the examples. */
class CommandLineTest {

    private static final Path EXAMPLES = Path.of("../examples");

    @TempDir
    Path dir;

    /** What one command printed and returned. */
    record Run(int status, String out, String err) {}

    static Run nnlang(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    private Path copyExample(String relative) throws IOException {
        Path target = dir.resolve(Path.of(relative).getFileName());
        Files.copy(EXAMPLES.resolve(relative), target);
        return target;
    }

    @Test
    void checkExplainPrintsEachFormulaActivationWithItsDerivedDerivative() {
        Run run = nnlang("check", "--explain", EXAMPLES.resolve("xor/xor-softsign.nn").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().replace("\r\n", "\n").contains(
                "  softsign(z)  = z / (1 + abs(z))\n"
                + "  softsign'(z) = (1 + abs(z) - z * sign(z)) / ((1 + abs(z)) * (1 + abs(z)))\n"), run.out());
    }

    @Test
    void checkExplainPrintsEachLayersShapesAndParameters() {
        Run run = nnlang("check", "--explain", EXAMPLES.resolve("mnist/mnist-conv.nn").toString());
        assertEquals(0, run.status(), run.err());
        String out = run.out().replace("\r\n", "\n");
        assertTrue(out.contains("layers c1 (conv 20 x 24 x 24 relu), p1 (maxpool 20 x 12 x 12), c2 (conv 40 x 8 x 8 relu)"),
                out);
        assertTrue(out.contains("\n"
                + "  node   declared as            reads         gives         parameters\n"
                + "  c1     conv(20, 5 x 5, relu)  1 x 28 x 28   20 x 24 x 24         520\n"
                + "  p1     maxpool(2 x 2)         20 x 24 x 24  20 x 12 x 12           0\n"
                + "  c2     conv(40, 5 x 5, relu)  20 x 12 x 12  40 x 8 x 8        20,040\n"
                + "  p2     maxpool(2 x 2)         40 x 8 x 8    40 x 4 x 4             0\n"
                + "  h      dense(100, relu)       640           100               64,100\n"
                + "  digit  dense(10, softmax)     100           10                 1,010\n"), out);
    }

    @Test
    void checkConfirmsEachNetworkOfAFile() {
        Run run = nnlang("check", EXAMPLES.resolve("cheese/cheese.nn").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("ok: Cheese:"), run.out());
        assertTrue(run.out().contains("ok: EagerCheese:"), run.out());
    }

    @Test
    void checkReportsDiagnosticsWithPositionAndExitsWithOne() throws IOException {
        Path broken = dir.resolve("broken.nn");
        Files.writeString(broken, "network Nand {\n    input x1, x2\n    neuron out = perceptron(x1: -2, x3: -2, bias: 3)\n}\n");
        Run run = nnlang("check", broken.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith(broken + ":3:37: error: "), run.err());
        assertTrue(run.err().contains("\n                                    ^~"), run.err());
        assertTrue(run.err().trim().endsWith("1 error"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void nandTruthTable() {
        Run run = nnlang("run", EXAMPLES.resolve("nand/nand.nn").toString(), "--table");
        assertEquals(0, run.status(), run.err());
        assertEquals("0 0 -> 1\n0 1 -> 1\n1 0 -> 1\n1 1 -> 0\n", run.out().replace("\r\n", "\n"));
    }

    @Test
    void halfAdderTruthTableOnBothBackEnds() {
        String expected = "0 0 -> 0 0\n0 1 -> 1 0\n1 0 -> 1 0\n1 1 -> 0 1\n";
        for (String backend : new String[] {"compiled", "interpreted"}) {
            Run run = nnlang("run", EXAMPLES.resolve("half-adder/half-adder.nn").toString(), "--table",
                    "--backend", backend);
            assertEquals(0, run.status(), run.err());
            assertEquals(expected, run.out().replace("\r\n", "\n"), backend);
        }
    }

    @Test
    void runOfAnUntrainedNetworkSaysHowToTrainIt() throws IOException {
        Path xor = copyExample("xor/xor.nn");
        Run run = nnlang("run", xor.toString(), "--table");
        assertEquals(1, run.status());
        assertTrue(run.err().contains("network Xor is not trained yet"), run.err());
        assertTrue(run.err().contains("./nnlang train " + xor), run.err());
    }

    @Test
    void trainSavesParametersBesideTheSourceAndRunUsesThem() throws IOException {
        Path xor = copyExample("xor/xor.nn");
        Run train = nnlang("train", xor.toString());
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().contains("epoch 5000/5000"), train.out());
        assertTrue(train.out().contains("accuracy 100.00%"), train.out());
        assertTrue(Files.exists(dir.resolve("Xor.nnp")));

        Run table = nnlang("run", xor.toString(), "--table");
        assertEquals(0, table.status(), table.err());
        String[] rows = table.out().trim().split("\\R");
        assertEquals(4, rows.length);
        double[] targets = {0, 1, 1, 0};
        for (int i = 0; i < 4; i++) {
            double y = Double.parseDouble(rows[i].substring(rows[i].indexOf("->") + 2).trim());
            assertTrue(Math.abs(y - targets[i]) < 0.1, rows[i]);
        }
        assertTrue(rows[1].matches("0 1 -> \\d\\.\\d{4}"), rows[1]);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xor/xor.nn", "xor/xor-softsign.nn"})
    void bothBackEndsTrainToTheSameBits(String example) throws IOException {
        Path xor = copyExample(example);
        Path compiled = dir.resolve("compiled.nnp");
        Path interpreted = dir.resolve("interpreted.nnp");
        assertEquals(0, nnlang("train", xor.toString(), "--backend", "compiled", "--out", compiled.toString()).status());
        assertEquals(0, nnlang("train", xor.toString(), "--backend", "interpreted", "--out", interpreted.toString()).status());
        assertArrayEquals(Files.readAllBytes(compiled), Files.readAllBytes(interpreted));
    }

    /**
     * A 64-64-4 network on 200 CSV rows, large enough to divide: trained with {@code --threads} 2
     * and 3 on the interpreter, and 2 on the compiled back end, which trains on one thread and says
     * so, it gives the bytes of one thread; {@code --threads 0} is a wrong command line.
     */
    @Test
    void trainingOnThreadsSavesTheBytesOfOneThread() throws IOException {
        java.util.Random random = new java.util.Random(18);
        StringBuilder csv = new StringBuilder();
        for (int row = 0; row < 200; row++) {
            for (int k = 0; k < 68; k++) {
                csv.append(k == 0 ? "" : ",").append(k < 64 ? random.nextInt(100) / 100.0 : random.nextInt(2));
            }
            csv.append('\n');
        }
        Files.writeString(dir.resolve("wide.csv"), csv);
        Path source = Files.writeString(dir.resolve("wide.nn"), String.join("\n",
                "network Wide {",
                "    input 64",
                "    layer h = dense(64, sigmoid)",
                "    layer out = dense(4, sigmoid)",
                "    train {",
                "        data      csv(\"wide.csv\")",
                "        cost      quadratic",
                "        optimizer sgd(rate: 1.0, batch: 10)",
                "        epochs    3",
                "        seed      1",
                "    }",
                "}", ""));
        Path one = dir.resolve("one.nnp");
        assertEquals(0, nnlang("train", source.toString(), "--backend", "interpreted", "--out", one.toString()).status());
        for (String[] how : new String[][] {{"interpreted", "2"}, {"interpreted", "3"}, {"compiled", "2"}}) {
            Path file = dir.resolve(how[0] + how[1] + ".nnp");
            Run run = nnlang("train", source.toString(), "--backend", how[0], "--threads", how[1], "--out", file.toString());
            assertEquals(0, run.status(), run.err());
            assertTrue(run.out().contains(how[0].equals("compiled")
                    ? "on 1 thread of 2 asked for: the compiled back end divides a mini-batch between threads only"
                    + " when each parameter serves at least 4 multiply-adds per sample, as in networks with"
                    + " convolutions, and this network's serve 1.0" : "on " + how[1] + " threads"),
                    run.out());
            assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(file), String.join(" ", how));
        }
        Run wrong = nnlang("train", source.toString(), "--threads", "0");
        assertEquals(2, wrong.status());
        assertTrue(wrong.err().contains("threads must be an integer from 1 to 256 or auto, not 0"), wrong.err());
    }

    @Test
    void shardsOnTheCommandLineTrainAsTheSameSettingInTheTrainBlock() throws IOException {
        Path xor = copyExample("xor/xor.nn");
        Path sharded = Files.writeString(dir.resolve("sharded.nn"),
                Files.readString(xor).replace("        seed      7\n", "        seed      7\n        shards    2\n"));
        Run twoShards = nnlang("train", xor.toString(), "--shards", "2", "--out", dir.resolve("a.nnp").toString());
        assertEquals(0, twoShards.status(), twoShards.err());
        assertTrue(twoShards.out().contains("SGD rate 2.0, batch 4 in 2 shards, quadratic cost"), twoShards.out());
        assertEquals(0, nnlang("train", sharded.toString(), "--out", dir.resolve("b.nnp").toString()).status());
        assertEquals(0, nnlang("train", xor.toString(), "--out", dir.resolve("c.nnp").toString()).status());
        assertEquals(0, nnlang("train", xor.toString(), "--shards", "1", "--out", dir.resolve("d.nnp").toString()).status());
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.nnp")), Files.readAllBytes(dir.resolve("b.nnp")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("c.nnp")), Files.readAllBytes(dir.resolve("d.nnp")));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a.nnp")), Files.readAllBytes(dir.resolve("c.nnp"))),
                "two shards sum in another order");

        Run tooMany = nnlang("train", xor.toString(), "--shards", "5");
        assertEquals(2, tooMany.status());
        assertTrue(tooMany.err().contains("--shards must be from 1 to the batch size of Xor, 4 (" + xor + ":"),
                tooMany.err());
    }

    /** Writes {@code or.nn} into {@code dir}: network Or, trained on {@code or.csv} beside it. */
    static Path orSource(Path dir) throws IOException {
        return Files.writeString(dir.resolve("or.nn"), String.join("\n",
                "network Or {",
                "    input x1, x2",
                "    neuron out = sigmoid(x1, x2)",
                "    train {",
                "        data      csv(\"or.csv\")",
                "        cost      quadratic",
                "        optimizer sgd(rate: 1.0, batch: 2)",
                "        epochs    10",
                "        seed      1",
                "    }",
                "}", ""));
    }

    @Test
    void badDataNamesTheFileAndLineAndKeepsTheEarlierParameters() throws IOException {
        Path source = orSource(dir);
        Files.writeString(dir.resolve("or.csv"), "0,0,0\n0,1,1\n1,0,1\n1,1,1\n");
        assertEquals(0, nnlang("train", source.toString()).status());
        byte[] before = Files.readAllBytes(dir.resolve("Or.nnp"));

        Files.writeString(dir.resolve("or.csv"), "0,0,0\n0,x,1\n");
        Run run = nnlang("train", source.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("or.csv:2:3: error:"), run.err());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("Or.nnp")));
    }

    /** A linear 1-2-1 network on targets in the hundreds: rate 0.0001 learns, rate 0.5 overflows. */
    private Path scaleSource(double rate) throws IOException {
        Path source = dir.resolve("scale.nn");
        Files.writeString(source, String.join("\n",
                "network Scale {",
                "    input x",
                "    layer h   = dense(2, linear)",
                "    layer out = dense(1, linear)",
                "    train {",
                "        data      table { [1] -> [100]  [2] -> [200]  [3] -> [300]  [4] -> [400] }",
                "        cost      quadratic",
                "        optimizer sgd(rate: " + rate + ", batch: 2)",
                "        epochs    50",
                "        init      gaussian(0, 1)",
                "        seed      3",
                "    }",
                "}", ""));
        return source;
    }

    @Test
    void divergenceNamesEpochBatchAndParameterOnBothBackEndsAndKeepsTheEarlierParameters() throws IOException {
        Path saved = dir.resolve("Scale.nnp");
        assertEquals(0, nnlang("train", scaleSource(0.0001).toString()).status());
        byte[] before = Files.readAllBytes(saved);

        Path source = scaleSource(0.5);
        String expected = null;
        for (String backend : new String[] {"compiled", "interpreted"}) {
            Run run = nnlang("train", source.toString(), "--backend", backend);
            assertEquals(1, run.status(), run.out());
            String err = run.err().replace("\r\n", "\n");
            assertTrue(err.matches("(?s)" + java.util.regex.Pattern.quote(source.toString()) + ":8:9: error: training"
                    + " diverged in epoch \\d+ of 50: batch [12] of 2 made parameter (weight|bias) \\[.*\\] of node \\w+"
                    + " (NaN|-?Infinity)(; its cost was \\S+)?\n  hint: lower the rate \\(now 0\\.5\\) or check the scale of the data: .*\n"
                    + "  nothing saved: " + java.util.regex.Pattern.quote(saved.toString())
                    + " keeps the parameters it had\n"), err);
            assertFalse(err.contains("Exception"), err);
            if (expected == null) {
                expected = err;
            }
            assertEquals(expected, err, "both back ends diverge in the same batch, at the same parameter");
            assertArrayEquals(before, Files.readAllBytes(saved));
        }
    }

    @Test
    void compileWritesAClassPerNetworkInItsPackage() throws IOException {
        Run run = nnlang("compile", EXAMPLES.resolve("cheese/cheese.nn").toString(), "-d", dir.toString(),
                "--package", "org.example");
        assertEquals(0, run.status(), run.err());
        assertTrue(Files.isRegularFile(dir.resolve("org/example/Cheese.class")));
        assertTrue(Files.isRegularFile(dir.resolve("org/example/EagerCheese.class")));
    }

    @Test
    void compileRejectsAnInvalidPackageWithoutWritingAnything() {
        Run run = nnlang("compile", EXAMPLES.resolve("nand/nand.nn").toString(), "-d", dir.toString(),
                "--package", "../escape");
        assertEquals(1, run.status());
        assertFalse(run.err().isEmpty());
        assertFalse(Files.exists(dir.resolve("Nand.class")));
        assertFalse(Files.exists(dir.getParent().resolve("escape")));
    }

    @Test
    void wrongCommandLineExitsWithTwoAndSaysWhy() {
        Run run = nnlang("run", EXAMPLES.resolve("nand/nand.nn").toString(), "--backend", "gpu", "--table");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("expected compiled or interpreted"), run.err());
    }

    @Test
    void inputOfTheWrongLengthIsRejected() {
        Run run = nnlang("run", EXAMPLES.resolve("nand/nand.nn").toString(), "--input", "1,0,1");
        assertEquals(1, run.status());
        assertTrue(run.err().contains("--input has 3 values, but network Nand has 2 inputs"), run.err());
    }

    @Test
    void savedParametersMatchTheLayoutOfTheSource() throws IOException {
        Path xor = copyExample("xor/xor.nn");
        assertEquals(0, nnlang("train", xor.toString()).status());
        double[] p = ParameterFile.read(dir.resolve("Xor.nnp"),
                ParameterLayout.of(FrontEnd.check(xor).networks().get(0)));
        assertEquals(9, p.length);
    }
}
