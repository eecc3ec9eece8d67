package nnlang.cli;

import static nnlang.cli.CommandLineTest.nnlang;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nnlang draw}: the diagram of a network, with the weights it has. */
class DrawCommandTest {

    @TempDir
    Path dir;

    @Test
    void nandIsDrawnWithTheWeightsOfItsSource() throws Exception {
        Path svg = dir.resolve("nand.svg");
        CommandLineTest.Run run = nnlang("draw", "../examples/nand/nand.nn", "-o", svg.toString());
        assertEquals(Main.OK, run.status(), run.err());
        assertEquals("wrote " + svg, run.out().trim());
        String text = Files.readString(svg);
        assertTrue(text.startsWith("<?xml") && text.contains("<svg"), text);
        assertTrue(text.contains(">-2</text>") && text.contains(">b 3</text>"), text);
    }

    @Test
    void anUntrainedNetworkIsDrawnWithoutWeightsAndATrainedOneWithThem() throws Exception {
        Path xor = Files.copy(Path.of("../examples/xor/xor.nn"), dir.resolve("xor.nn"));
        Path svg = dir.resolve("xor.svg");
        CommandLineTest.Run before = nnlang("draw", xor.toString(), "-o", svg.toString());
        assertEquals(Main.OK, before.status(), before.err());
        assertTrue(before.out().contains("(no weights: not trained yet)"), before.out());
        assertFalse(Files.readString(svg).contains(">b "), "no biases before training");

        assertEquals(Main.OK, nnlang("train", xor.toString()).status());
        CommandLineTest.Run after = nnlang("draw", xor.toString(), "-o", svg.toString());
        assertEquals("wrote " + svg, after.out().trim());
        assertTrue(Files.readString(svg).contains(">b "), "each neuron's bias once trained");
    }

    @Test
    void aPngFileGetsAnImage() throws Exception {
        Path png = dir.resolve("net.png");
        assertEquals(Main.OK, nnlang("draw", "../examples/half-adder/half-adder.nn", "-o", png.toString()).status());
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 400 && image.getHeight() > 200, image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void anotherExtensionIsAWrongCommandLine() {
        CommandLineTest.Run run = nnlang("draw", "../examples/nand/nand.nn", "-o", dir.resolve("net.pdf").toString());
        assertEquals(Main.USAGE, run.status());
        assertTrue(run.err().contains("--out must name an .svg or .png file"), run.err());
    }

    @Test
    void aFileOfSeveralNetworksNeedsOneChosen() {
        Path svg = dir.resolve("cheese.svg");
        CommandLineTest.Run run = nnlang("draw", "../examples/cheese/cheese.nn", "-o", svg.toString());
        assertEquals(Main.INPUT_ERROR, run.status());
        assertTrue(run.err().contains("choose one with --network"), run.err());
        assertEquals(Main.OK, nnlang("draw", "../examples/cheese/cheese.nn", "-n", "Cheese", "-o", svg.toString()).status());
    }
}
