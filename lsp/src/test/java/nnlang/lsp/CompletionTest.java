package nnlang.lsp;

import static nnlang.lsp.LspSession.position;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.InsertTextFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Completion where a person types: keywords at the start of a statement, the settings a train block
 * lacks, a setting's values, optimizer and data-source argument names, activations built in and
 * the file's own, and the names a neuron, layer or output may read; also while the file has errors.
 */
class CompletionTest {
    private static final LspSession SESSION = new LspSession();
    private static final List<String> ACTIVATIONS = List.of("step", "sigmoid", "tanh", "relu", "linear", "softmax");
    private static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw");

    @AfterAll
    static void end() {
        assertEquals(List.of(), SESSION.errors());
        assertEquals(0, SESSION.shutdown());
    }

    private static final String TRAINED = """
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
                    expect    accuracy >= 0.98
                }
            }
            """;

    @Test
    void aSettingOffersItsValues() {
        String text = TRAINED;
        String uri = SESSION.open("file:///tmp/mnist-like.nn", text);
        assertEquals(OPTIMIZERS, SESSION.completionLabels(uri, position(text, "sgd")));
        assertEquals(List.of("quadratic", "cross_entropy"), SESSION.completionLabels(uri, position(text, "cross_entropy")));
        assertEquals(List.of("step", "exponential", "cosine", "warmup"), SESSION.completionLabels(uri, position(text, "step(")));
        assertEquals(List.of("gaussian", "xavier", "he", "uniform"), SESSION.completionLabels(uri, position(text, "gaussian")));
        assertEquals(List.of("accuracy"), SESSION.completionLabels(uri, position(text, "accuracy >=")));
        assertEquals(List.of("table", "csv", "mnist"), SESSION.completionLabels(uri, position(text, "mnist(")));
        assertEquals(List.of("scaled"), SESSION.completionLabels(uri, position(text, " scaled\n", 0, 1)));
        assertEquals(List.of("split"), SESSION.completionLabels(uri, position(text, " split", 0, 1)));
        assertEquals(List.of("class"), SESSION.completionLabels(uri, position(text, "class(")));
        assertEquals(List.of("as"), SESSION.completionLabels(uri, position(text, "as class")));
        assertEquals(List.of("normal", "uniform"), SESSION.completionLabels(uri, position(text, "normal dropout")));
    }

    @Test
    void anArgumentListOffersTheArgumentsNotYetGiven() {
        String text = "network N {\n    input 784\n    layer out = dense(10, softmax)\n    train {\n"
                + "        data mnist(\"data\") split(validation: 5000, )\n        cost cross_entropy\n"
                + "        optimizer sgd(rate: 0.5, )\n        schedule step()\n        epochs 1\n        seed 1\n    }\n}\n";
        String uri = SESSION.open("file:///tmp/arguments.nn", text);
        assertEquals(List.of("batch", "l2"), SESSION.completionLabels(uri, position(text, "0.5, ", 0, 5)));
        assertEquals(List.of("train"), SESSION.completionLabels(uri, position(text, "5000, ", 0, 6)));
        assertEquals(List.of("every", "factor"), SESSION.completionLabels(uri, position(text, "step(", 0, 5)));
        CompletionItem batch = SESSION.completion(uri, position(text, "0.5, ", 0, 5)).get(0);
        assertEquals("batch: ", batch.getInsertText());
        assertTrue(batch.getDocumentation().getRight().getValue().contains("an integer, at least 1"));
    }

    @Test
    void anActivationPlaceOffersBuiltInsAndTheFilesOwn() throws IOException {
        Path file = Path.of("../examples/xor/xor-softsign.nn");
        String text = Files.readString(file);
        String uri = SESSION.open(file);
        List<String> labels = SESSION.completionLabels(uri, position(text, "softsign)"));
        assertEquals(concat(ACTIVATIONS, List.of("softsign")), labels);
        CompletionItem own = SESSION.completion(uri, position(text, "softsign)")).get(ACTIVATIONS.size());
        assertEquals("activation softsign(z) = z / (1 + abs(z))", own.getDetail());
    }

    @Test
    void aNeuronOffersPerceptronActivationsThenTheNamesItMayRead() {
        String text = "network N {\n    input x1, x2\n    neuron a = perceptron(x1: -2, x2: -2, bias: 3)\n"
                + "    layer b = dense(2, relu) from x1, a\n    neuron sum = perceptron(a: -4, b: [1, 1])\n"
                + "    output sum, b\n}\n";
        String uri = SESSION.open("file:///tmp/reads.nn", text);
        assertEquals(concat(List.of("perceptron"), ACTIVATIONS), SESSION.completionLabels(uri, position(text, "perceptron(a: -4")));
        assertEquals(List.of("x1", "x2", "a", "b", "sum", "bias", "threshold"),
                SESSION.completionLabels(uri, position(text, "a: -4")));
        assertEquals(List.of("x1", "x2", "a", "b", "sum"),
                SESSION.completionLabels(uri, position(text, "sum, b\n", 0, 5)));
    }

    @Test
    void aStatementStartOffersTheStatementsAndATrainBlockTheSettingsItLacks() {
        String text = "network N {\n    input x\n    \n    train {\n        data table { [0] -> [1] }\n        \n"
                + "        seed 1\n    }\n}\n\n";
        String uri = SESSION.open("file:///tmp/statements.nn", text);
        assertEquals(List.of("input", "let", "neuron", "layer", "part", "fixed", "trainable", "output", "activation",
                "train"), SESSION.completionLabels(uri, 2, 4));
        assertEquals(List.of("validation", "test", "cost", "optimizer", "schedule", "epochs", "init", "report", "expect",
                "stop", "keep", "shards", "threads"), SESSION.completionLabels(uri, 5, 8));
        assertEquals(List.of("let", "network"), SESSION.completionLabels(uri, 9, 0), "no import after a network");
        assertEquals(List.of(), SESSION.completionLabels(uri, position(text, "[0] ->", 0, 1)), "a table row is numbers");
    }

    @Test
    void aLayerOffersItsKindsAndAConvItsActivationArgumentsAndPaddings() {
        String text = "network N {\n    input image[8 x 8]\n    layer c = conv(4, 3 x 3, relu, padding: same)\n"
                + "    layer p = maxpool(2 x 2)\n    layer d = \n}\n";
        String uri = SESSION.open("file:///tmp/images.nn", text);
        assertEquals(List.of("dense", "conv", "maxpool", "avgpool"), SESSION.completionLabels(uri, position(text, "= \n", 0, 2)));
        assertEquals(concat(ACTIVATIONS, List.of("stride")), SESSION.completionLabels(uri, position(text, "relu,", 0, 0)),
                "padding is given already");
        assertEquals(List.of("valid", "same"), SESSION.completionLabels(uri, position(text, "same)", 0, 0)));
        assertEquals(List.of("stride"), SESSION.completionLabels(uri, position(text, "padding:", 0, 0)),
                "a named argument already given is not offered again");
    }

    @Test
    void completionWorksWhileTheFileDoesNotParse() {
        String text = "network N {\n    input a, b\n    activation twice(z) = 2 * \n    layer h = dense(4, \n"
                + "    output \n    train {\n        optimizer \n";
        String uri = SESSION.open("file:///tmp/typing.nn", text);
        assertTrue(SESSION.diagnostics(uri).stream().anyMatch(d -> d.getCode().getLeft().equals("syntax")));
        assertEquals(concat(ACTIVATIONS, List.of("twice")), SESSION.completionLabels(uri, position(text, "4, ", 0, 3)));
        List<String> formula = SESSION.completionLabels(uri, position(text, "2 * ", 0, 4));
        assertEquals(List.of("z", "exp", "log", "sqrt", "abs", "sin", "cos", "min", "max", "step", "sigmoid", "tanh",
                "relu", "linear"), formula);
        assertEquals(List.of("a", "b", "h"), SESSION.completionLabels(uri, position(text, "output ", 0, 7)));
        assertEquals(OPTIMIZERS, SESSION.completionLabels(uri, position(text, "optimizer ", 0, 10)));
    }

    @Test
    void nothingIsOfferedInACommentOrAString() throws IOException {
        Path file = Path.of("../examples/mnist/mnist.nn");
        String text = Files.readString(file);
        String uri = SESSION.open(file);
        assertEquals(List.of(), SESSION.completionLabels(uri, position(text, "pixels")));
        assertEquals(List.of(), SESSION.completionLabels(uri, position(text, "data\")")));
    }

    @Test
    void snippetsAreOfferedToClientsThatTakeThem() {
        CompletionItem sgd = SESSION.completion(SESSION.open("file:///tmp/snippet.nn",
                "network N { input x train { optimizer  } }"), 0, 38).get(0);
        assertEquals(InsertTextFormat.PlainText, sgd.getInsertTextFormat());
        assertEquals("sgd(rate: 3.0, batch: 10)", sgd.getInsertText());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
