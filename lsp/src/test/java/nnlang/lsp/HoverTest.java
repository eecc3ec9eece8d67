package nnlang.lsp;

import static nnlang.lsp.LspSession.position;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nnlang.frontend.FormulaText;
import nnlang.frontend.FrontEnd;
import nnlang.model.FormulaActivation;
import org.eclipse.lsp4j.Hover;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Hovers as a person reads them: a node's kind, activation, output shape and parameter count; a
 * formula activation's derivative as {@code check --explain} prints it; where a name is declared; what
 * a setting or an argument means and its range. On the examples, and on golden files with errors.
 */
class HoverTest {
    private static final LspSession SESSION = new LspSession();
    private static final Path SOFTSIGN = Path.of("../examples/xor/xor-softsign.nn");

    @AfterAll
    static void end() {
        assertEquals(List.of(), SESSION.errors());
        assertEquals(0, SESSION.shutdown());
    }

    @Test
    void aLayerShowsItsKindActivationShapeAndParameters() throws IOException {
        String text = Files.readString(SOFTSIGN);
        String uri = SESSION.open(SOFTSIGN);
        String hover = SESSION.hoverText(uri, position(text, "hidden = dense"));
        assertTrue(hover.contains("layer hidden = dense(3, softsign)"), hover);
        assertTrue(hover.contains("layer **hidden** · 3 softsign neurons · output shape [3] · 9 parameters "
                + "(3 × 2 weights + 3 biases)"), hover);
        assertTrue(hover.contains(explanation()), "a formula's derivative as check --explain prints it: " + hover);
    }

    @Test
    void aNeuronShowsItsActivationAndParameters() {
        String text = "network N {\n    input x\n    neuron carry = perceptron(x: 1, bias: 0)\n}\n";
        String uri = SESSION.open("file:///tmp/neuron.nn", text);
        String hover = SESSION.hoverText(uri, position(text, "carry ="));
        assertTrue(hover.contains("neuron **carry** · step · output shape [1] · 2 parameters (1 weight + 1 bias)"), hover);
    }

    @Test
    void aFormulaActivationShowsItsDerivative() throws IOException {
        String text = Files.readString(SOFTSIGN);
        String uri = SESSION.open(SOFTSIGN);
        String atUse = SESSION.hoverText(uri, position(text, "softsign)"));
        assertTrue(atUse.contains(explanation()), atUse);
        assertTrue(atUse.contains("Declared at line 6."), atUse);
        String atDeclaration = SESSION.hoverText(uri, position(text, "softsign(z)"));
        assertTrue(atDeclaration.contains(explanation()), atDeclaration);
    }

    @Test
    void aNameSaysWhereItIsDeclared() throws IOException {
        String text = "network N {\n    input x1, x2\n    neuron a = perceptron(x1: -2, x2: -2, bias: 3)\n"
                + "    neuron b = perceptron(a: -2, x2: -2, bias: 3)\n}\n";
        String uri = SESSION.open("file:///tmp/declared.nn", text);
        String hover = SESSION.hoverText(uri, position(text, "a: -2", 0, 0));
        assertTrue(hover.contains("neuron **a**"), hover);
        assertTrue(hover.contains("Declared at line 3."), hover);
        String input = SESSION.hoverText(uri, position(text, "x2: -2, bias", 1, 0));
        assertTrue(input.contains("input **x2** · a scalar") && input.contains("Declared at line 2."), input);
    }

    @Test
    void aConvolutionAndAPoolShowTheirDeclarationShapesAndParameters() throws IOException {
        Path file = Path.of("../examples/mnist/mnist-conv.nn");
        String text = Files.readString(file);
        String uri = SESSION.open(file);
        String conv = SESSION.hoverText(uri, position(text, "c2    ="));
        assertTrue(conv.contains("layer **c2** · `conv(40, 5 x 5, relu)` · reads [20 x 12 x 12] · output shape [40 x 8 x 8]"
                + " · 20,040 parameters (40 kernels of 20 x 5 x 5 + 40 biases)"), conv);
        String pool = SESSION.hoverText(uri, position(text, "p1    ="));
        assertTrue(pool.contains("layer **p1** · `maxpool(2 x 2)` · reads [20 x 24 x 24] · output shape [20 x 12 x 12]"
                + " · no parameters"), pool);
        String kind = SESSION.hoverText(uri, position(text, "conv(20"));
        assertTrue(kind.contains("A convolution: F filters"), kind);
        String padding = SESSION.hoverText(uri, position(text, "maxpool(2"));
        assertTrue(padding.contains("The largest value of each KH x KW window"), padding);
    }

    @Test
    void aShapedInputShowsItsShapeAndSize() throws IOException {
        Path file = Path.of("../examples/mnist/mnist.nn");
        String text = Files.readString(file);
        String uri = SESSION.open(file);
        String hover = SESSION.hoverText(uri, position(text, "image"));
        assertTrue(hover.contains("input **image** · shape [28 x 28], 784 values"), hover);
        String network = SESSION.hoverText(uri, position(text, "Mnist"));
        assertTrue(network.contains("**network Mnist**") && network.contains("784 inputs · hidden (30 sigmoid), digit "
                + "(10 sigmoid) · 23,860 parameters") && network.contains("Trains 30 epochs, SGD rate 3.0, batch 10"),
                network);
    }

    @Test
    void settingsAndArgumentsSayWhatTheyMeanAndTheirRange() {
        String text = """
                network MnistLike {
                    input image[28 x 28]
                    layer hidden = dense(100, relu) init he normal dropout 0.5
                    layer digit  = dense(10, softmax)
                    output digit as class(0..9)

                    train {
                        data      mnist("data") split(train: 50000, validation: 10000)
                        cost      cross_entropy
                        optimizer sgd(rate: 0.5, batch: 10, l2: 5.0)
                        schedule  step(every: 10, factor: 0.5)
                        epochs    30
                        init      gaussian(0, 1) scaled
                        seed      1
                        stop      when validation accuracy has not improved for 5 epochs
                        keep      best
                    }
                }
                """;
        String uri = SESSION.open("file:///tmp/hovers.nn", text);
        assertTrue(SESSION.hoverText(uri, position(text, "rate:")).contains("a number greater than 0. Required."));
        assertTrue(SESSION.hoverText(uri, position(text, "0.5, batch")).contains("The learning rate"),
                "a value shows its argument's meaning");
        assertTrue(SESSION.hoverText(uri, position(text, "l2:")).contains("at least 0; 0 when absent"));
        assertTrue(SESSION.hoverText(uri, position(text, "factor:")).contains("greater than 0 and at most 1"));
        assertTrue(SESSION.hoverText(uri, position(text, "validation:")).contains("train + validation is at most 60,000"));
        assertTrue(SESSION.hoverText(uri, position(text, "epochs    30")).contains("an integer, at least 0"));
        assertTrue(SESSION.hoverText(uri, position(text, "sgd")).contains("Mini-batch stochastic gradient descent"));
        assertTrue(SESSION.hoverText(uri, position(text, "cross_entropy")).contains("softmax output"));
        assertTrue(SESSION.hoverText(uri, position(text, "scaled\n")).contains("fan-in"));
        assertTrue(SESSION.hoverText(uri, position(text, "softmax)")).contains("whole output"));
        assertTrue(SESSION.hoverText(uri, position(text, "dense")).contains("fully connected"));
        assertTrue(SESSION.hoverText(uri, position(text, "layer hidden")).contains("N neurons with activation ACT"));
        assertTrue(SESSION.hoverText(uri, position(text, "dropout")).contains("in training"));
        assertTrue(SESSION.hoverText(uri, position(text, "stop ")).contains("Needs a validation set"));
        assertTrue(SESSION.hoverText(uri, position(text, "keep ")).contains("best on the validation set"));
    }

    @Test
    void aFileWithErrorsStillAnswers() throws IOException {
        Path file = Path.of("../grammar/src/test/resources/golden/unknown-name.nn");
        String text = Files.readString(file);
        String uri = SESSION.open(file);
        String declared = SESSION.hoverText(uri, position(text, "x1: -2"));
        assertTrue(declared.contains("input x1, x2") && declared.contains("Declared at line 2."), declared);
        assertTrue(declared.contains("once the file checks without errors; it has 2 errors"), declared);
        String unknown = SESSION.hoverText(uri, position(text, "x3"));
        assertEquals("Network Typo has no input, neuron, layer or part named `x3`.", unknown);
        Path syntax = Path.of("../grammar/src/test/resources/golden/syntax-recovery.nn");
        String broken = Files.readString(syntax);
        String brokenUri = SESSION.open(syntax);
        assertTrue(SESSION.hoverText(brokenUri, position(broken, "x1 x2")).contains("Declared at line 3."));
    }

    @Test
    void nothingUnderTheCursorIsNoHover() throws IOException {
        String text = Files.readString(SOFTSIGN);
        String uri = SESSION.open(SOFTSIGN);
        Hover hover = SESSION.hover(uri, 0, 3);
        assertEquals(null, hover, "a comment has no hover");
        assertEquals(null, SESSION.hover(uri, text.lines().toList().indexOf(""), 0));
    }

    private static String explanation() {
        FormulaActivation softsign = (FormulaActivation) FrontEnd.check(SOFTSIGN).networks().get(0).nodes().get(0)
                .activation();
        return String.join("\n", FormulaText.explain(softsign));
    }
}
