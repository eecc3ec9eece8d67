package nnlang.maven.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nnlang.frontend.FrontEnd;
import nnlang.model.NetworkModel;
import nnlang.runtime.BackEnd;
import nnlang.runtime.BackEnds;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkBuilderTest {

    static final BackEnd COMPILED = BackEnds.named("compiled");
    static final BackEnd INTERPRETED = BackEnds.named("interpreted");

    static final String XOR = """
            network Xor {
                input x1, x2
                layer hidden = dense(2, sigmoid)
                layer out    = dense(1, sigmoid)
                output out
                train {
                    data      table { [0, 0] -> [0]; [0, 1] -> [1]; [1, 0] -> [1]; [1, 1] -> [0] }
                    cost      quadratic
                    optimizer sgd(rate: 2.0, batch: 4)
                    epochs    5000
                    init      gaussian(0, 1)
                    seed      7
                    report    every 2500
                    expect    accuracy >= 1.0
                }
            }
            """;

    static final String OR = """
            network Or {
                input a, b
                layer out = dense(1, sigmoid)
                output out
                train {
                    data      csv("or.csv")
                    cost      quadratic
                    optimizer sgd(rate: 5.0, batch: 4)
                    epochs    500
                    init      gaussian(0, 1)
                    seed      1
                    expect    accuracy >= 1.0
                }
            }
            """;

    static final String NAND = """
            network Nand {
                input x1, x2
                neuron out = perceptron(x1: -2, x2: -2, bias: 3)
                output out
            }
            """;

    /** Collects every line logged, prefixed with its level. */
    static final class RecordingLog implements BuildLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void info(String message) {
            lines.add("INFO " + message);
        }

        @Override
        public void warn(String message) {
            lines.add("WARN " + message);
        }

        @Override
        public void error(String message) {
            lines.add("ERROR " + message);
        }

        List<String> take() {
            List<String> taken = List.copyOf(lines);
            lines.clear();
            return taken;
        }
    }

    @TempDir
    Path project;

    Path sources;
    Path classes;
    /** Where the compile step writes the facades. */
    Path javaSources;
    /** Where the compile step writes the compiled classes and preset parameters. */
    Path resources;
    RecordingLog log = new RecordingLog();

    @BeforeEach
    void layOut() throws IOException {
        sources = Files.createDirectories(project.resolve("src/main/nn"));
        classes = project.resolve("target/classes");
        javaSources = project.resolve("target/generated-sources/nnlang");
        resources = project.resolve("target/generated-resources/nnlang");
    }

    BuildRequest request(BackEnd backend) {
        return request("org.example", backend, "1.0");
    }

    BuildRequest request(String javaPackage, BackEnd backend, String pluginVersion) {
        return new BuildRequest(sources, classes, javaSources, resources, project.resolve("target/nnlang"),
                javaPackage, backend, pluginVersion);
    }

    void write(String name, String text) throws IOException {
        Files.createDirectories(sources.resolve(name).getParent());
        Files.writeString(sources.resolve(name), text);
    }

    void writeAll() throws IOException {
        write("xor.nn", XOR);
        write("or.nn", OR);
        write("or.csv", "0,0,0\n0,1,1\n1,0,1\n1,1,1\n");
        write("gates/nand.nn", NAND);
    }

    /**
     * A build interrupted while training (here by its log, after epoch 3000 of XOR's 5000) leaves a
     * checkpoint under the status folder; the next build continues from it and writes the very bytes
     * of a build that was never interrupted.
     */
    @Test
    void aBuildInterruptedWhileTrainingContinuesInTheNextToTheSameBytes() throws Exception {
        write("xor.nn", XOR.replace("report    every 2500", "report    every 1000"));
        BuildRequest every500 = new BuildRequest(sources, classes, javaSources, resources, project.resolve("target/nnlang"),
                "org.example", COMPILED, "1.0", false, java.util.Optional.empty(), 500);
        Path whole = project.resolve("whole");
        Files.createDirectories(whole);
        Files.copy(sources.resolve("xor.nn"), Files.createDirectories(whole.resolve("src")).resolve("xor.nn"));
        NetworkBuilder.train(new BuildRequest(whole.resolve("src"), whole.resolve("classes"), whole.resolve("java"),
                whole.resolve("resources"), whole.resolve("status"), "org.example", COMPILED, "1.0", false,
                java.util.Optional.empty(), 500), log);
        byte[] expected = Files.readAllBytes(whole.resolve("classes/org/example/Xor.nnp"));
        log.take();

        BuildLog interrupting = new BuildLog() {
            @Override
            public void info(String message) {
                if (message.contains("epoch 3000/5000")) {
                    throw new IllegalStateException("the build was interrupted");
                }
            }

            @Override
            public void warn(String message) {
            }

            @Override
            public void error(String message) {
            }
        };
        assertThrows(IllegalStateException.class, () -> NetworkBuilder.train(every500, interrupting));
        Path checkpoint = project.resolve("target/nnlang/checkpoints/Xor.checkpoint.nnp");
        assertTrue(Files.isRegularFile(checkpoint), "the interrupted build left its checkpoint");
        assertFalse(Files.exists(classes.resolve("org/example/Xor.nnp")), "and no parameters");

        NetworkBuilder.train(every500, log);
        assertTrue(log.take().contains("INFO nnlang: Xor resuming an interrupted build after epoch 2500 from "
                + checkpoint), "resumed after the last checkpoint");
        assertArrayEquals(expected, Files.readAllBytes(classes.resolve("org/example/Xor.nnp")));
        assertFalse(Files.exists(checkpoint), "the finished build removed its checkpoint");
    }

    @Test
    void firstCompileWritesAFacadeAndAClassPerNetworkAndSaysWhy() throws Exception {
        writeAll();
        NetworkBuilder.Summary summary = NetworkBuilder.compile(request(COMPILED), log);
        assertEquals(List.of("gates/nand.nn", "or.nn", "xor.nn"), summary.rebuilt());
        assertEquals(3, summary.built());
        for (String name : List.of("Nand", "Or", "Xor")) {
            assertTrue(Files.isRegularFile(javaSources.resolve("org/example/" + name + ".java")), name);
            assertTrue(Files.isRegularFile(resources.resolve("org/example/" + name + "$Compiled.class")), name);
        }
        assertFalse(Files.exists(classes), "compiling writes nothing into the classes folder");
        assertEquals(List.of(
                "INFO nnlang: compiling gates/nand.nn (no previous build)",
                "INFO nnlang: compiling or.nn (no previous build)",
                "INFO nnlang: compiling xor.nn (no previous build)",
                "INFO nnlang: compiled 3 networks"), log.take());
    }

    @Test
    void secondCompileWithNothingChangedLogsOneLine() throws Exception {
        writeAll();
        NetworkBuilder.compile(request(COMPILED), log);
        log.take();
        NetworkBuilder.Summary again = NetworkBuilder.compile(request(COMPILED), log);
        assertEquals(List.of(), again.rebuilt());
        assertEquals(3, again.upToDate());
        assertEquals(List.of("INFO nnlang: 3 networks up to date"), log.take());
    }

    @Test
    void changedSourceRecompilesOnlyItself() throws Exception {
        writeAll();
        NetworkBuilder.compile(request(COMPILED), log);
        write("xor.nn", "// edited\n" + XOR);
        log.take();
        NetworkBuilder.Summary summary = NetworkBuilder.compile(request(COMPILED), log);
        assertEquals(List.of("xor.nn"), summary.rebuilt());
        assertEquals(List.of("INFO nnlang: compiling xor.nn (xor.nn changed)",
                "INFO nnlang: compiled 1 network (2 up to date)"), log.take());
    }

    @Test
    void presetNetworkGetsItsSourceValuesAsParametersWhenCompiled() throws Exception {
        write("nand.nn", NAND);
        write("xor.nn", XOR);
        NetworkBuilder.compile(request(COMPILED), log);
        NetworkModel nand = FrontEnd.check(sources.resolve("nand.nn")).networks().get(0);
        assertArrayEquals(new double[] {-2, -2, 3},
                ParameterFile.read(resources.resolve("org/example/Nand.nnp"), ParameterLayout.of(nand)));
        assertFalse(Files.exists(resources.resolve("org/example/Xor.nnp")), "Xor is the train goal's");
    }

    @Test
    void deletedClassIsRecompiled() throws Exception {
        write("xor.nn", XOR);
        NetworkBuilder.compile(request(COMPILED), log);
        Files.delete(resources.resolve("org/example/Xor$Compiled.class"));
        log.take();
        NetworkBuilder.compile(request(COMPILED), log);
        assertEquals("INFO nnlang: compiling xor.nn "
                + "(output ../generated-resources/nnlang/org/example/Xor$Compiled.class missing)", log.take().get(0));
    }

    @Test
    void otherPackageRecompilesEverything() throws Exception {
        write("xor.nn", XOR);
        NetworkBuilder.compile(request(COMPILED), log);
        log.take();
        NetworkBuilder.compile(request("org.other", COMPILED, "1.0"), log);
        assertEquals("INFO nnlang: compiling xor.nn (plugin or configuration changed)", log.take().get(0));
        assertTrue(Files.isRegularFile(javaSources.resolve("org/other/Xor.java")));
    }

    @Test
    void newPluginVersionRecompilesEverything() throws Exception {
        write("xor.nn", XOR);
        NetworkBuilder.compile(request(COMPILED), log);
        log.take();
        NetworkBuilder.compile(request("org.example", COMPILED, "1.1"), log);
        assertEquals("INFO nnlang: compiling xor.nn (plugin or configuration changed)", log.take().get(0));
    }

    @Test
    void removedSourceHasItsClassDeleted() throws Exception {
        write("xor.nn", XOR);
        write("nand.nn", NAND);
        NetworkBuilder.compile(request(COMPILED), log);
        Files.delete(sources.resolve("nand.nn"));
        log.take();
        NetworkBuilder.compile(request(COMPILED), log);
        assertFalse(Files.exists(javaSources.resolve("org/example/Nand.java")));
        assertFalse(Files.exists(resources.resolve("org/example/Nand$Compiled.class")));
        assertFalse(Files.exists(resources.resolve("org/example/Nand.nnp")));
        assertEquals(List.of(
                "INFO nnlang: nand.nn was removed: deleted ../generated-sources/nnlang/org/example/Nand.java",
                "INFO nnlang: nand.nn was removed: deleted ../generated-resources/nnlang/org/example/Nand$Compiled.class",
                "INFO nnlang: nand.nn was removed: deleted ../generated-resources/nnlang/org/example/Nand.nnp",
                "INFO nnlang: 1 network up to date"), log.take());
    }

    @Test
    void sourceWithErrorsFailsWithItsPositionAndIsRetriedNextTime() throws Exception {
        write("xor.nn", XOR.replace("dense(2, sigmoid)", "dense(2, sigmod)"));
        write("nand.nn", NAND);
        BuildInputException e = assertThrows(BuildInputException.class,
                () -> NetworkBuilder.compile(request(COMPILED), log));
        assertTrue(e.getMessage().contains("in xor.nn"), e.getMessage());
        List<String> errors = log.take().stream().filter(l -> l.startsWith("ERROR ")).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).matches("(?s)ERROR \\S*xor\\.nn:3:\\d+: error: .*\n"
                + "    layer hidden = dense\\(2, sigmod\\)\n *\\^.*"), errors.get(0));
        assertTrue(Files.isRegularFile(javaSources.resolve("org/example/Nand.java")), "the good source still compiles");

        write("xor.nn", XOR);
        NetworkBuilder.Summary fixed = NetworkBuilder.compile(request(COMPILED), log);
        assertEquals(List.of("xor.nn"), fixed.rebuilt());
    }

    @Test
    void missingSourceFolderIsNotAnError() throws Exception {
        Files.delete(sources);
        NetworkBuilder.Summary summary = NetworkBuilder.compile(request(COMPILED), log);
        assertEquals(0, summary.built());
        assertEquals(List.of("INFO nnlang: no .nn files in " + sources), log.take());
    }

    @Test
    void trainingWritesParametersBesideTheClassThatMatchTheLayout() throws Exception {
        write("xor.nn", XOR);
        write("nand.nn", NAND);
        NetworkBuilder.Summary summary = NetworkBuilder.train(request(COMPILED), log);
        assertEquals(1, summary.built());
        NetworkModel xor = FrontEnd.check(sources.resolve("xor.nn")).networks().get(0);
        double[] params = ParameterFile.read(classes.resolve("org/example/Xor.nnp"), ParameterLayout.of(xor));
        assertEquals(9, params.length);
        assertFalse(Files.exists(classes.resolve("org/example/Nand.nnp")), "Nand is the compile goal's");
        List<String> lines = log.take();
        assertTrue(lines.contains("INFO nnlang: training Xor from xor.nn (no previous build), compiled back end"));
        assertEquals(2, lines.stream().filter(l -> l.startsWith("INFO nnlang: Xor epoch ")).count(), lines.toString());
        assertEquals("INFO nnlang: trained 1 network", lines.get(lines.size() - 1));
    }

    @Test
    void trainingWritesEachNetworksReportIntoAFolderOfItsName() throws Exception {
        writeAll();
        Path reports = project.resolve("target/nnlang");
        NetworkBuilder.train(new BuildRequest(sources, classes, javaSources, resources, project.resolve("target/nnlang"),
                "org.example", COMPILED, "1.0", false, java.util.Optional.of(reports)), log);
        for (String name : List.of("Xor", "Or")) {
            for (String file : List.of("metrics.csv", "curves.svg", "curves.png", "network.svg")) {
                assertTrue(Files.isRegularFile(reports.resolve(name).resolve(file)), name + "/" + file);
            }
        }
        assertEquals(5001, Files.readAllLines(reports.resolve("Xor/metrics.csv")).size(), "a row per epoch");
        List<String> lines = log.take();
        assertTrue(lines.contains("INFO nnlang: Xor trains 5000 epochs on a table of 4 samples: SGD rate 2.0, batch 4, "
                + "quadratic cost"), lines.toString());
        assertTrue(lines.contains("INFO nnlang: Xor report in " + reports.resolve("Xor")
                + ": metrics.csv, curves.svg, curves.png, network.svg"), lines.toString());
    }

    @Test
    void sourcesWithoutTrainBlocksLeaveNothingToTrain() throws Exception {
        write("nand.nn", NAND);
        NetworkBuilder.train(request(COMPILED), log);
        assertEquals(List.of("INFO nnlang: nothing to train"), log.take());
        NetworkBuilder.train(request(COMPILED), log);
        assertEquals(List.of("INFO nnlang: nothing to train"), log.take());
    }

    /** XOR's parameters, as the last build trained them. */
    private double[] trainedXor() throws Exception {
        NetworkModel xor = FrontEnd.check(sources.resolve("xor.nn")).networks().get(0);
        return ParameterFile.read(classes.resolve("org/example/Xor.nnp"), ParameterLayout.of(xor));
    }

    @Test
    void theThreadsOfTheRequestTrainTheSameBitsAndTheSummarySaysHowMany() throws Exception {
        write("xor.nn", XOR);
        NetworkBuilder.train(request(COMPILED), log);
        double[] one = trainedXor();
        log.take();
        NetworkBuilder.train(request(INTERPRETED).withThreads(java.util.OptionalInt.of(2)), log);
        List<String> lines = log.take();
        assertTrue(lines.stream().anyMatch(l -> l.contains("on 1 thread of 2 asked for: the network is too small to divide")),
                lines.toString());
        assertArrayEquals(one, trainedXor());
    }

    @Test
    void bothBackEndsTrainTheSameBits() throws Exception {
        write("xor.nn", XOR);
        NetworkBuilder.train(request(COMPILED), log);
        double[] compiled = trainedXor();
        NetworkBuilder.train(request(INTERPRETED), log);
        assertTrue(log.take().contains("INFO nnlang: training Xor from xor.nn (plugin or configuration changed), "
                + "interpreted back end"));
        assertArrayEquals(compiled, trainedXor());
    }

    @Test
    void changedDataFileRetrainsOnlyTheNetworkThatReadsIt() throws Exception {
        writeAll();
        NetworkBuilder.train(request(COMPILED), log);
        log.take();
        assertEquals(List.of("INFO nnlang: 2 trained networks up to date"), again());
        write("or.csv", "0,0,0\n0,1,1\n1,0,1\n1,1,1\n1,1,1\n");
        List<String> lines = again();
        assertEquals("INFO nnlang: training Or from or.nn (data or.csv changed), compiled back end", lines.get(0));
        assertEquals("INFO nnlang: trained 1 network (1 up to date)", lines.get(lines.size() - 1));
    }

    private List<String> again() throws Exception {
        NetworkBuilder.train(request(COMPILED), log);
        return log.take();
    }

    @Test
    void unmetExpectationFailsAndWritesNoParameters() throws Exception {
        write("xor.nn", XOR.replace("epochs    5000", "epochs    1"));
        assertThrows(BuildInputException.class, () -> NetworkBuilder.train(request(COMPILED), log));
        List<String> errors = log.take().stream().filter(l -> l.startsWith("ERROR ")).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).matches("ERROR \\S*xor\\.nn:14:\\d+: error: expected accuracy >= 100\\.00%.*"),
                errors.get(0));
        assertFalse(Files.exists(classes.resolve("org/example/Xor.nnp")));
    }

    @Test
    void malformedDataFailsWithTheRecordPosition() throws Exception {
        write("or.nn", OR);
        write("or.csv", "0,0,0\n0,x,1\n");
        assertThrows(BuildInputException.class, () -> NetworkBuilder.train(request(COMPILED), log));
        List<String> errors = log.take().stream().filter(l -> l.startsWith("ERROR ")).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).matches("ERROR \\S*or\\.csv:2:3: error: .*"), errors.get(0));
    }

    @Test
    void damagedStatusFileRebuildsEverythingAndSaysWhy() throws Exception {
        write("xor.nn", XOR);
        NetworkBuilder.compile(request(COMPILED), log);
        Files.writeString(project.resolve("target/nnlang/compile-status.properties"), "format=0\n");
        log.take();
        NetworkBuilder.compile(request(COMPILED), log);
        assertEquals("INFO nnlang: compiling xor.nn (status file format changed)", log.take().get(0));
    }

    @Test
    void withoutAConfiguredPackageEachSourceTakesItsFolderAsPackage() throws Exception {
        write("org/example/xor.nn", XOR);
        write("nand.nn", NAND);
        NetworkBuilder.compile(request("", COMPILED, "1.0"), log);
        assertTrue(Files.readString(javaSources.resolve("org/example/Xor.java")).contains("\npackage org.example;\n"));
        assertTrue(Files.isRegularFile(resources.resolve("org/example/Xor$Compiled.class")));
        assertFalse(Files.readString(javaSources.resolve("Nand.java")).contains("package "), "the unnamed package");
        NetworkBuilder.train(request("", COMPILED, "1.0"), log);
        assertTrue(Files.isRegularFile(classes.resolve("org/example/Xor.nnp")), "trained parameters beside the facade");
    }

    @Test
    void folderThatIsNotAJavaNameIsAnErrorAtTheNetwork() throws Exception {
        write("my-nets/nand.nn", NAND);
        assertThrows(BuildInputException.class, () -> NetworkBuilder.compile(request("", COMPILED, "1.0"), log));
        List<String> errors = log.take().stream().filter(l -> l.startsWith("ERROR ")).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).matches("(?s)ERROR \\S*my-nets/nand\\.nn:1:9: error: 'my-nets' is not a Java package name.*"),
                errors.get(0));
    }

    @Test
    void twoNetworksThatWouldBeOneClassAreAnErrorNamingBothFiles() throws Exception {
        write("a/xor.nn", XOR);
        write("b/xor.nn", XOR);
        write("nand.nn", NAND);
        BuildInputException e = assertThrows(BuildInputException.class,
                () -> NetworkBuilder.compile(request(COMPILED), log));
        assertTrue(e.getMessage().contains("1 error in b/xor.nn"), e.getMessage());
        List<String> errors = log.take().stream().filter(l -> l.startsWith("ERROR ")).toList();
        assertEquals(1, errors.size(), errors.toString());
        String a = sources.resolve("a/xor.nn").toString();
        String b = sources.resolve("b/xor.nn").toString();
        assertTrue(errors.get(0).startsWith("ERROR " + b + ":1:9: error: network Xor would be the class org.example.Xor,"
                + " which network Xor of " + a + " is already"), errors.get(0));

        // the source that keeps the name is up to date now; the other still clashes with it
        assertThrows(BuildInputException.class, () -> NetworkBuilder.compile(request(COMPILED), log));
        assertTrue(log.take().stream().anyMatch(l -> l.startsWith("ERROR " + b + ":1:9: error: network Xor would be")));

        // in packages of their own, from their folders, the two are different classes
        NetworkBuilder.compile(request("", COMPILED, "1.0"), log);
        assertTrue(Files.isRegularFile(javaSources.resolve("a/Xor.java")));
        assertTrue(Files.isRegularFile(javaSources.resolve("b/Xor.java")));
    }
}
