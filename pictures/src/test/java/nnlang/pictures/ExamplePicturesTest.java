package nnlang.pictures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.model.NetworkModel;
import nnlang.runtime.BackEnds;
import nnlang.runtime.Initializer;
import nnlang.runtime.TrainingRun;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pictures of the NAND, XOR and MNIST examples, written as a user gets them and then rendered
 * from SVG to PNG by Batik, as a viewer would show them. The PNG files stay in
 * {@code target/pictures/} to be looked at; the assertions check what a glance would: every SVG
 * renders, the images are not blank, and the texts a reader needs are there.
 */
class ExamplePicturesTest {

    static final Path OUT = Path.of("target/pictures");
    private static final Path EXAMPLES = Path.of("../examples");
    private static final Path MNIST = Path.of("../../shared/data/mnist").toAbsolutePath().normalize();

    @BeforeAll
    static void clean() throws IOException {
        Files.createDirectories(OUT);
    }

    static NetworkModel example(String relative) {
        CheckResult result = FrontEnd.check(EXAMPLES.resolve(relative));
        assertTrue(!result.hasErrors(), result.formatDiagnostics());
        return result.networks().get(0);
    }

    /** Renders {@code svg} with Batik into {@code <name>.batik.png} beside it and returns the image. */
    static BufferedImage render(Path svg) throws Exception {
        Path png = svg.resolveSibling(svg.getFileName().toString().replace(".svg", ".batik.png"));
        try (OutputStream out = Files.newOutputStream(png)) {
            new PNGTranscoder().transcode(new TranscoderInput(svg.toUri().toString()), new TranscoderOutput(out));
        }
        return ImageIO.read(png.toFile());
    }

    /** The share of pixels that are not (nearly) white. */
    static double inked(BufferedImage image) {
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                inked += r + g + b < 3 * 235 ? 1 : 0;
            }
        }
        return (double) inked / ((long) image.getWidth() * image.getHeight());
    }

    static void assertLooksDrawn(Path svg, List<String> texts) throws Exception {
        String text = Files.readString(svg);
        for (String t : texts) {
            assertTrue(text.contains(t), svg + " lacks the text " + t);
        }
        BufferedImage image = render(svg);
        double share = inked(image);
        assertTrue(share > 0.01 && share < 0.6, svg + ": " + share + " of the pixels inked");
    }

    @Test
    void nandDiagramShowsTheBooksWeightsAndBias() throws Exception {
        NetworkModel nand = example("nand/nand.nn");
        Path svg = OUT.resolve("nand/network.svg");
        Files.createDirectories(svg.getParent());
        new NetworkDiagram(nand, Optional.of(Initializer.initialParameters(nand))).writeSvg(svg);
        assertLooksDrawn(svg, List.of(">x1<", ">x2<", ">out<", ">-2<", ">b 3<", ">step<"));
    }

    @Test
    void halfAdderReadsLeftToRightNeuronByNeuron() throws Exception {
        NetworkModel adder = example("half-adder/half-adder.nn");
        Path svg = OUT.resolve("half-adder/network.svg");
        Files.createDirectories(svg.getParent());
        new NetworkDiagram(adder, Optional.of(Initializer.initialParameters(adder))).writeSvg(svg);
        assertLooksDrawn(svg, List.of(">sum<", ">carry<", ">Nand<", ">sum.out<", ">out<", ">-2<", ">b 3<"));
        assertEquals(5, adder.parts().size());
        assertEquals(5, layoutOf(adder).frames().size(), "a frame per part");
    }

    @Test
    void convolutionsAndPoolsAreBoxesWithTheirShapes() throws Exception {
        NetworkModel conv = example("mnist/mnist-conv.nn");
        Path svg = OUT.resolve("mnist-conv/network.svg");
        Files.createDirectories(svg.getParent());
        new NetworkDiagram(conv, Optional.empty()).writeSvg(svg);
        assertLooksDrawn(svg, List.of(">c1<", ">conv(20, 5 × 5, relu)<", ">20 × 24 × 24<", ">520 parameters<",
                ">maxpool(2 × 2)<", ">40 × 4 × 4<", ">20,040 parameters<", ">h<", ">64,100 parameters<"));
    }

    @Test
    void aPartOfAPartIsFramedInsideItsPartsFrame() throws Exception {
        CheckResult result = FrontEnd.check(EXAMPLES.resolve("adder/adder.nn"));
        assertTrue(!result.hasErrors(), result.formatDiagnostics());
        NetworkModel fullAdder = result.networks().get(1);
        Path svg = OUT.resolve("adder/network.svg");
        Files.createDirectories(svg.getParent());
        new NetworkDiagram(fullAdder, Optional.empty()).writeSvg(svg);
        assertLooksDrawn(svg, List.of(">first<", ">second<", ">HalfAdder<", ">carry<", ">Or<", ">notX<", ">Nand<"));
        List<PartFrames.Frame> frames = layoutOf(fullAdder).frames();
        assertEquals(fullAdder.parts().size(), frames.size());
        for (PartFrames.Frame outer : frames) {
            for (PartFrames.Frame inner : frames) {
                if (inner.name().startsWith(outer.name() + ".")) {
                    assertTrue(outer.box().contains(inner.box()), inner.name() + " inside " + outer.name());
                }
            }
        }
        DiagramLayout layout = layoutOf(fullAdder);
        for (nnlang.model.Part part : fullAdder.parts()) {
            PartFrames.Frame frame = frames.stream().filter(f -> f.name().equals(part.name())).findFirst().orElseThrow();
            for (nnlang.model.Node node : fullAdder.nodes()) {
                DiagramLayout.Unit u = layout.nodes().get(node.index()).units().get(0);
                assertEquals(part.contains(node.name()), frame.box().contains(u.x(), u.y()),
                        part.name() + " frames " + node.name() + " exactly when it is one of its nodes");
            }
        }
    }

    private static DiagramLayout layoutOf(NetworkModel model) {
        return new DiagramLayout(model);
    }

    @Test
    void fromListsAndElementSourcesGetArrowsOfTheirOwn() throws Exception {
        Path file = Files.createDirectories(OUT.resolve("wiring")).resolve("wiring.nn");
        Files.writeString(file, String.join("\n",
                "network Wiring {",
                "    input x1, x2, x3",
                "    layer h = dense(3, tanh)",
                "    neuron a = sigmoid(h[1], x3)",
                "    layer o = dense(2, sigmoid) from h, a",
                "    output o",
                "    train {",
                "        data      table { [0, 0, 1] -> [1, 0] }",
                "        cost      quadratic",
                "        optimizer sgd(rate: 1.0, batch: 1)",
                "        epochs    1",
                "        seed      1",
                "    }",
                "}", ""));
        CheckResult result = FrontEnd.check(file);
        assertTrue(!result.hasErrors(), result.formatDiagnostics());
        Path svg = OUT.resolve("wiring/network.svg");
        new NetworkDiagram(result.networks().get(0), Optional.empty()).writeSvg(svg);
        assertLooksDrawn(svg, List.of(">a<", ">h<", ">o[0]<", ">o[1]<"));
        // x1, x2, x3 -> h: 9 arrows; h[1], x3 -> a: 2; h, a -> o: 8; two outputs; each arrow a line
        String text = Files.readString(svg);
        assertEquals(9 + 2 + 8 + 2, text.split("<line ", -1).length - 1 + text.split("<path d=\"M[^\"]* Q", -1).length - 1);
    }

    @Test
    void xorReportHasACurveForEveryEpochAndTheTrainedDiagram() throws Exception {
        NetworkModel xor = example("xor/xor.nn");
        Path folder = OUT.resolve("xor");
        TrainingReport report = new TrainingReport(xor, folder);
        TrainingRun.Outcome outcome = new TrainingRun(xor, BackEnds.named("compiled"))
                .run(folder.resolve("Xor.nnp"), TrainingRun.BelowExpectation.SAVE, report);
        TrainingRun.Outcome.Trained trained = (TrainingRun.Outcome.Trained) outcome;
        List<Path> written = report.write(trained.result());
        assertEquals(List.of("metrics.csv", "curves.svg", "curves.png", "network.svg"),
                written.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(5001, Files.readAllLines(folder.resolve("metrics.csv")).size(), "a header and 5000 epochs");
        assertLooksDrawn(folder.resolve("curves.svg"), List.of());
        assertLooksDrawn(folder.resolve("network.svg"), List.of(">x1<", ">hidden<", ">dense(2, sigmoid)<", ">out<"));
        BufferedImage png = ImageIO.read(folder.resolve("curves.png").toFile());
        assertEquals(2 * new Curves(xor, report.rows()).width(), png.getWidth());
        assertTrue(inked(png) > 0.01, "curves.png is not blank");
    }

    @Test
    void mnistReportHasTheConfusionMatrixAndBoxesForLargeLayers() throws Exception {
        assumeTrue(Files.isDirectory(MNIST), "no MNIST files at " + MNIST);
        String source = Files.readString(EXAMPLES.resolve("mnist/mnist.nn"))
                .replace("mnist(\"data\") split(train: 50000, validation: 10000)",
                        "mnist(\"" + MNIST + "\") split(train: 10000, validation: 5000)")
                .replaceFirst("epochs    30", "epochs    3");
        Path file = Files.createDirectories(OUT.resolve("mnist")).resolve("mnist.nn");
        Files.writeString(file, source);
        NetworkModel mnist = FrontEnd.check(file).networks().get(0);
        Path folder = OUT.resolve("mnist");
        TrainingReport report = new TrainingReport(mnist, folder);
        TrainingRun.Outcome.Trained trained = (TrainingRun.Outcome.Trained) new TrainingRun(mnist,
                BackEnds.named("compiled")).run(folder.resolve("Mnist.nnp"), TrainingRun.BelowExpectation.SAVE, report);
        report.write(trained.result());
        assertEquals(4, Files.readAllLines(folder.resolve("metrics.csv")).size());
        assertLooksDrawn(folder.resolve("curves.svg"), List.of());
        assertLooksDrawn(folder.resolve("network.svg"), List.of(">784 inputs<", ">23,550 parameters<", ">28 × 28<"));
        assertLooksDrawn(folder.resolve("confusion.svg"), List.of(">predicted class<", ">actual class<"));
    }
}
