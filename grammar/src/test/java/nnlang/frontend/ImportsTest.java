package nnlang.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import} brings another file's networks into scope, relative to the importing file; a
 * trained network used as a part brings the parameters trained for it.
 */
class ImportsTest {
    private static final String LEARNT = """
            network Learnt {
                input x[2]
                layer h = dense(2, sigmoid)
                layer out = dense(1, sigmoid)
                train {
                    data csv("learnt.csv")
                    cost quadratic
                    optimizer sgd(rate: 1, batch: 1)
                    epochs 1
                    seed 1
                }
            }
            """;
    private static final String USES = """
            import "lib/learnt.nn"
            network Uses {
                input x[2]
                %s part l = Learnt(x)
                layer top = dense(1, sigmoid) from l, x
                train {
                    data table { [0, 1] -> [1] }
                    cost quadratic
                    optimizer sgd(rate: 1, batch: 1)
                    epochs 1
                    seed 1
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void importPathsAreRelativeToTheImportingFile() throws IOException {
        write("common.nn", "network Wire { input x neuron out = linear(x: 1, bias: 0) }\n");
        write("lib/gates.nn", "import \"../common.nn\"\nnetwork Twice { input x part a = Wire(x) part b = Wire(a) }\n");
        Path main = write("main.nn", "import \"lib/gates.nn\"\nnetwork Main { input x part t = Twice(x) }\n");
        CheckResult result = FrontEnd.check(main);
        assertEquals("", result.formatDiagnostics());
        assertEquals(List.of("t.a.out", "t.b.out"), result.networks().get(0).nodes().stream().map(Node::name).toList());
        assertEquals(List.of(dir.resolve("common.nn"), dir.resolve("lib/gates.nn")), result.imports());
    }

    @Test
    void anImportedFilesTextComesFromTheOptionsWhenTheyHaveItsPath() throws IOException {
        write("common.nn", "network Wire { input x neuron out = linear(x: 1, bias: 0) }\n");
        Path main = write("main.nn", "import \"common.nn\"\nnetwork Main { input x part w = Wire(x) }\n");
        String unsaved = "network Wire { input x neuron out = linear(x: 1, bias: 0) neuron more = linear(out: 2, bias: 0) }\n";
        CheckResult result = FrontEnd.check(main, CheckOptions.DEFAULT.withSources(Map.of(dir.resolve("common.nn"), unsaved)));
        assertEquals("", result.formatDiagnostics());
        assertEquals(List.of("w.out", "w.more"), result.networks().get(0).nodes().stream().map(Node::name).toList());
        CheckResult broken = FrontEnd.check(main, CheckOptions.DEFAULT.withSources(Map.of(dir.resolve("common.nn"), "")));
        assertFalse(broken.diagnostics().isEmpty(), "the empty text, not the file, is checked");
    }

    @Test
    void importedNetworksAreNotImportedFurther() throws IOException {
        write("common.nn", "network Wire { input x neuron out = linear(x: 1, bias: 0) }\n");
        write("gates.nn", "import \"common.nn\"\nnetwork Twice { input x part a = Wire(x) part b = Wire(a) }\n");
        Path main = write("main.nn", "import \"gates.nn\"\nnetwork Main { input x part w = Wire(x) }\n");
        assertEquals(List.of("unknown-network"), codes(FrontEnd.check(main)));
    }

    @Test
    void aChainOfTwentyImportsChecks() throws IOException {
        write("f20.nn", "network N20 { input x neuron out = linear(x: 1, bias: 0) }\n");
        for (int i = 19; i >= 0; i--) {
            write("f" + i + ".nn", "import \"f" + (i + 1) + ".nn\"\nnetwork N" + i + " { input x part p = N" + (i + 1)
                    + "(x) }\n");
        }
        CheckResult result = FrontEnd.check(dir.resolve("f0.nn"));
        assertEquals("", result.formatDiagnostics());
        assertEquals(20, result.imports().size());
        assertEquals("p.".repeat(20) + "out", result.networks().get(0).nodes().get(0).name());
    }

    @Test
    void aTrainedNetworkBringsItsTrainedParametersAndIsFixed() throws IOException {
        NetworkModel learnt = learnt();
        double[] trained = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        ParameterFile.write(dir.resolve("lib/Learnt.nnp"), ParameterLayout.of(learnt), trained);
        CheckResult result = FrontEnd.check(write("uses.nn", USES.formatted("")));
        assertEquals("", result.formatDiagnostics());
        NetworkModel uses = result.networks().get(0);
        assertEquals(List.of("l.h", "l.out", "top"), uses.nodes().stream().map(Node::name).toList());
        assertEquals(List.of(true, true, false), uses.nodes().stream().map(Node::fixed).toList());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, presets(uses.nodes().get(0)));
        assertArrayEquals(new double[] {7, 8, 9}, presets(uses.nodes().get(1)));
        assertEquals(List.of(dir.resolve("lib/Learnt.nnp")), result.parameterFiles().get("Uses"));
    }

    @Test
    void aTrainedNetworkWithAConvolutionBringsItsKernels() throws IOException {
        NetworkModel seeing = FrontEnd.check(write("lib/seeing.nn", """
                network Seeing {
                    input image[4 x 4]
                    layer c = conv(2, 3 x 3, relu)
                    layer p = maxpool(2 x 2)
                    layer out = dense(1, sigmoid)
                    train {
                        data csv("seeing.csv")
                        cost quadratic
                        optimizer sgd(rate: 1, batch: 1)
                        epochs 1
                        seed 1
                    }
                }
                """)).networks().get(0);
        double[] trained = new double[seeing.parameterCount()];
        java.util.Arrays.setAll(trained, k -> k + 1);
        ParameterFile.write(dir.resolve("lib/Seeing.nnp"), ParameterLayout.of(seeing), trained);
        CheckResult result = FrontEnd.check(write("looks.nn",
                "import \"lib/seeing.nn\"\nnetwork Looks {\n    input image[4 x 4]\n    part s = Seeing(image)\n}\n"));
        assertEquals("", result.formatDiagnostics());
        NetworkModel looks = result.networks().get(0);
        assertEquals(List.of("s.c", "s.p", "s.out"), looks.nodes().stream().map(Node::name).toList());
        assertEquals(List.of(true, true, true), looks.nodes().stream().map(Node::fixed).toList());
        double[] kernels = java.util.Arrays.copyOfRange(trained, 0, 2 * 9 + 2);
        assertArrayEquals(kernels, presets(looks.nodes().get(0)));
        assertArrayEquals(java.util.Arrays.copyOfRange(trained, 20, 23), presets(looks.nodes().get(2)));
    }

    @Test
    void aTrainablePartOfATrainedNetworkStartsFromItsTrainedParameters() throws IOException {
        ParameterFile.write(dir.resolve("lib/Learnt.nnp"), ParameterLayout.of(learnt()), new double[9]);
        NetworkModel uses = FrontEnd.check(write("uses.nn", USES.formatted("trainable"))).networks().get(0);
        assertEquals(List.of(false, false, false), uses.nodes().stream().map(Node::fixed).toList());
        assertTrue(uses.nodes().get(0).isFullyPreset());
    }

    @Test
    void theBuildOutputFolderIsSearchedBeforeTheSourceFolder() throws IOException {
        NetworkModel learnt = learnt();
        ParameterFile.write(dir.resolve("lib/Learnt.nnp"), ParameterLayout.of(learnt), new double[9]);
        Path output = Files.createDirectories(dir.resolve("target/classes"));
        double[] built = {9, 8, 7, 6, 5, 4, 3, 2, 1};
        ParameterFile.write(output.resolve("Learnt.nnp"), ParameterLayout.of(learnt), built);
        CheckResult result = FrontEnd.check(write("uses.nn", USES.formatted("")), new CheckOptions(true, List.of(output)));
        assertArrayEquals(new double[] {9, 8, 7, 6, 5, 4}, presets(result.networks().get(0).nodes().get(0)));
        assertEquals(List.of(output.resolve("Learnt.nnp")), result.parameterFiles().get("Uses"));
    }

    @Test
    void missingOrOutdatedTrainedParametersArePositionedAtThePart() throws IOException {
        learnt();
        Path uses = write("uses.nn", USES.formatted(""));
        CheckResult missing = FrontEnd.check(uses);
        assertEquals(List.of("untrained-part"), codes(missing));
        assertEquals(4, missing.diagnostics().get(0).pos().line());
        ParameterLayout other = new ParameterLayout("Learnt", List.of(ParameterLayout.NodeBlocks.dense("h", 3, 2)));
        ParameterFile.write(dir.resolve("lib/Learnt.nnp"), other, new double[9]);
        CheckResult outdated = FrontEnd.check(uses);
        assertEquals(List.of("untrained-part"), codes(outdated));
        assertTrue(outdated.diagnostics().get(0).message().contains("for another network"), outdated::formatDiagnostics);
    }

    @Test
    void checkingForStructureReadsNoParameters() throws IOException {
        learnt();
        CheckResult result = FrontEnd.check(write("uses.nn", USES.formatted("")), CheckOptions.STRUCTURE);
        assertEquals("", result.formatDiagnostics());
        NetworkModel uses = result.networks().get(0);
        assertFalse(uses.nodes().get(0).isFullyPreset());
        assertTrue(uses.nodes().get(0).fixed());
        assertEquals(List.of(), result.parameterFiles().get("Uses"));
    }

    /** The Learnt network, written to lib/learnt.nn, as its own file checks it. */
    private NetworkModel learnt() throws IOException {
        return FrontEnd.check(write("lib/learnt.nn", LEARNT)).networks().get(0);
    }

    private static double[] presets(Node node) {
        return node.parameterBlocks().stream().flatMap(b -> b.presets().stream()).mapToDouble(OptionalDouble::getAsDouble)
                .toArray();
    }

    private static List<String> codes(CheckResult result) {
        return result.diagnostics().stream().map(d -> d.code()).toList();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
