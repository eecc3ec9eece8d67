package nnlang.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import nnlang.model.Activation;
import nnlang.model.Conv;
import nnlang.model.Diagnostic;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Pool;
import nnlang.model.Shape;
import nnlang.model.Source;
import org.junit.jupiter.api.Test;

/** Convolutions and pools from source: their shapes, parameters and wiring, and what goes wrong with them. */
class ImageLayersTest {

    private static final String MNIST_CONV = """
            network MnistConv {
                input image[1 x 28 x 28]
                layer c1 = conv(20, 5 x 5, relu)
                layer p1 = maxpool(2 x 2)
                layer c2 = conv(40, 5 x 5, relu)
                layer p2 = maxpool(2 x 2)
                layer h  = dense(100, relu)
                layer digit = dense(10, softmax)
                output digit as class(0..9)
            }
            """;

    @Test
    void theMnistConvolutionalNetworkHasItsShapesAndParameters() {
        NetworkModel net = check(MNIST_CONV);
        assertEquals(List.of(Shape.of(20, 24, 24), Shape.of(20, 12, 12), Shape.of(40, 8, 8), Shape.of(40, 4, 4),
                Shape.of(100), Shape.of(10)), net.nodes().stream().map(n -> n.layer().outputShape()).toList());
        assertEquals(List.of(520, 0, 20040, 0, 64100, 1010), net.nodes().stream().map(Node::parameterCount).toList());
        Conv c2 = (Conv) net.nodes().get(2).layer();
        assertEquals(Shape.of(20, 12, 12), c2.inputShape());
        assertEquals(Activation.RELU, c2.activation());
        assertEquals(Activation.LINEAR, net.nodes().get(1).activation());
        assertEquals(640, net.nodes().get(4).inputSize(), "the dense layer reads p2 flattened");
        assertEquals(List.of(new Source(3, 0, 640)), net.nodes().get(4).sources());
    }

    @Test
    void anImageOfRowsAndColumnsHasOneChannel() {
        NetworkModel net = check(MNIST_CONV.replace("image[1 x 28 x 28]", "image[28 x 28]"));
        assertEquals(Shape.of(1, 28, 28), ((Conv) net.nodes().get(0).layer()).inputShape());
    }

    @Test
    void sameKeepsTheSizeAtStrideOneAndRoundsUpWithAStride() {
        NetworkModel net = check("""
                network Same {
                    input image[3 x 7 x 8]
                    layer a = conv(4, 3 x 3, tanh, padding: same)
                    layer b = conv(2, 4 x 2, relu, padding: same, stride: 2)
                    layer c = avgpool(2 x 2, stride: 1) from a
                }
                """);
        Conv a = (Conv) net.nodes().get(0).layer();
        assertEquals(Shape.of(4, 7, 8), a.outputShape());
        assertEquals(List.of(1, 1, 1, 1), List.of(a.padTop(), a.padLeft(), a.padBottom(), a.padRight()));
        Conv b = (Conv) net.nodes().get(1).layer();
        assertEquals(Shape.of(2, 4, 4), b.outputShape());
        assertEquals(List.of(1, 0, 2, 0), List.of(b.padTop(), b.padLeft(), b.padBottom(), b.padRight()));
        Pool c = (Pool) net.nodes().get(2).layer();
        assertEquals(Shape.of(4, 6, 7), c.outputShape());
        assertEquals(Pool.Kind.AVERAGE, c.kind());
    }

    @Test
    void layersReadTogetherStackTheirChannelsAndMayBeDeclaredLater() {
        NetworkModel net = check("""
                network Stack {
                    input image[2 x 6 x 6]
                    layer both = conv(3, 1 x 1, relu) from wide, image
                    layer wide = conv(5, 3 x 3, sigmoid, padding: same) from image
                    neuron n = sigmoid(both[7], wide)
                    output n, both
                }
                """);
        Node both = net.nodes().stream().filter(n -> n.name().equals("both")).findFirst().orElseThrow();
        assertEquals(Shape.of(7, 6, 6), ((Conv) both.layer()).inputShape());
        assertEquals(3 * 7 + 3, both.parameterCount());
        Node neuron = net.nodes().stream().filter(n -> n.name().equals("n")).findFirst().orElseThrow();
        assertEquals(1 + 180, neuron.inputSize());
    }

    @Test
    void aFormulaActivationWorksOnAConvolution() {
        NetworkModel net = check("""
                network Formula {
                    input image[5 x 5]
                    activation softsign(z) = z / (1 + abs(z))
                    layer c = conv(2, 3 x 3, softsign, stride: 2)
                }
                """);
        assertEquals("softsign", net.nodes().get(0).activation().keyword());
        assertEquals(Shape.of(2, 2, 2), net.nodes().get(0).layer().outputShape());
    }

    @Test
    void shapeErrorsNameTheShapes() {
        assertEquals("conv c2 needs an input of at least 5 x 5, but p1 gives 20 x 4 x 4",
                message(MNIST_CONV.replace("image[1 x 28 x 28]", "image[1 x 12 x 12]"), "kernel-too-large"));
        assertEquals("maxpool p1 does not tile its input: c1 gives 20 x 23 x 24, and 2 x 2 windows with stride 2 "
                + "leave out the last row (23 - 2 is not a multiple of 2)",
                message(MNIST_CONV.replace("image[1 x 28 x 28]", "image[1 x 27 x 28]"), "does-not-tile"));
        assertEquals("conv c1 reads image, a vector of 784 values without rows and columns; a conv needs an image "
                + "(channels x rows x columns)", message(MNIST_CONV.replace("image[1 x 28 x 28]", "784"), "not-an-image")
                .replace("reads input,", "reads image,"));
    }

    /** The source with a train block that reads a CSV file, before its last closing brace. */
    private static String trained(String source) {
        int end = source.lastIndexOf('}');
        return source.substring(0, end) + "    train { data csv(\"x.csv\") cost quadratic optimizer sgd(rate: 1, batch: 1)"
                + " epochs 1 seed 1 }\n" + source.substring(end);
    }

    private static String message(String source, String code) {
        List<Diagnostic> diagnostics = FrontEnd.check("t.nn", trained(source), Path.of(".")).diagnostics();
        return diagnostics.stream().filter(d -> d.code().equals(code)).map(Diagnostic::message).findFirst()
                .orElseThrow(() -> new AssertionError(diagnostics.toString()));
    }

    private static NetworkModel check(String source) {
        CheckResult result = FrontEnd.check("t.nn", trained(source), Path.of("."));
        assertTrue(result.diagnostics().isEmpty(), result.formatDiagnostics());
        return result.networks().get(0);
    }
}
