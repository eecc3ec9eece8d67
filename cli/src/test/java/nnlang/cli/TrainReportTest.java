package nnlang.cli;

import static nnlang.cli.CommandLineTest.nnlang;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nnlang.pictures.EpochMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nnlang train --report DIR}: one row per epoch and the pictures, and not one bit changed by them. */
class TrainReportTest {

    @TempDir
    Path dir;

    @Test
    void reportHasARowPerEpochAndThePictures() throws Exception {
        Path xor = Files.copy(Path.of("../examples/xor/xor.nn"), dir.resolve("xor.nn"));
        Path report = dir.resolve("report");
        CommandLineTest.Run run = nnlang("train", xor.toString(), "--report", report.toString());
        assertEquals(Main.OK, run.status(), run.err());
        assertTrue(run.out().contains("wrote metrics.csv, curves.svg, curves.png, network.svg to " + report), run.out());
        List<String> rows = Files.readAllLines(report.resolve("metrics.csv"));
        assertEquals(EpochMetrics.HEADER, rows.get(0));
        assertEquals(5001, rows.size());
        assertTrue(rows.get(1).startsWith("1,2.0,"), rows.get(1));
        // The last row is the figure the last progress line shows.
        String last = run.out().lines().filter(l -> l.startsWith("epoch 5000/5000")).findFirst().orElseThrow();
        String cost = last.replaceAll(".*  cost (\\S+) .*", "$1");
        assertEquals(cost, String.format(java.util.Locale.ROOT, "%.4g", Double.parseDouble(rows.get(5000).split(",")[2])));
        for (String picture : List.of("curves.svg", "curves.png", "network.svg")) {
            assertTrue(Files.size(report.resolve(picture)) > 1000, picture);
        }
    }

    @Test
    void evaluatingEveryEpochChangesNoBitOnEitherBackEnd() throws Exception {
        Path xor = Files.copy(Path.of("../examples/xor/xor.nn"), dir.resolve("xor.nn"));
        for (String backend : new String[] {"compiled", "interpreted"}) {
            Path plain = dir.resolve(backend + "-plain.nnp");
            Path reported = dir.resolve(backend + "-reported.nnp");
            assertEquals(Main.OK, nnlang("train", xor.toString(), "--backend", backend, "--out", plain.toString()).status());
            assertEquals(Main.OK, nnlang("train", xor.toString(), "--backend", backend, "--out", reported.toString(),
                    "--report", dir.resolve(backend).toString()).status());
            assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(reported), backend);
        }
    }

    @Test
    void aClassifierGetsItsConfusionMatrixAndSeveralNetworksAFolderEach() throws Exception {
        Path source = Files.writeString(dir.resolve("gates.nn"), String.join("\n",
                "network Or {",
                "    input a, b",
                "    layer out = dense(2, softmax)",
                "    output out as class(no, yes)",
                "    train {",
                "        data      table { [0, 0] -> no  [0, 1] -> yes  [1, 0] -> yes  [1, 1] -> yes }",
                "        cost      cross_entropy",
                "        optimizer sgd(rate: 1.0, batch: 4)",
                "        epochs    200",
                "        seed      1",
                "    }",
                "}",
                "network And {",
                "    input a, b",
                "    neuron out = sigmoid(a, b)",
                "    train {",
                "        data      table { [0, 0] -> [0]  [0, 1] -> [0]  [1, 0] -> [0]  [1, 1] -> [1] }",
                "        cost      quadratic",
                "        optimizer sgd(rate: 4.0, batch: 4)",
                "        epochs    300",
                "        seed      1",
                "    }",
                "}", ""));
        Path report = dir.resolve("report");
        CommandLineTest.Run run = nnlang("train", source.toString(), "--report", report.toString());
        assertEquals(Main.OK, run.status(), run.err());
        assertTrue(Files.exists(report.resolve("Or/confusion.svg")), run.out());
        assertTrue(Files.readString(report.resolve("Or/confusion.svg")).contains(">predicted class<"));
        assertTrue(Files.exists(report.resolve("And/metrics.csv")));
        assertTrue(!Files.exists(report.resolve("And/confusion.svg")), "not a classifier");
    }
}
