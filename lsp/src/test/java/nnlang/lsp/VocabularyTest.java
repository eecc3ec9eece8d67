package nnlang.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nnlang.frontend.FrontEnd;
import nnlang.model.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * The words hovers explain and completion offers are the ones the front end accepts, and all of
 * them: each list is compared with the one the front end's own messages give, so that a word added
 * to the language and not to the editor fails here.
 */
class VocabularyTest {
    private static final String NETWORK = "network N {\n    input 784\n    layer out = dense(10, ACTIVATION)\n"
            + "    train {\n        data mnist(\"d\") split(SPLIT)\n        cost COST\n        optimizer OPTIMIZER\n"
            + "        schedule SCHEDULE\n        epochs 1\n        init INIT\n        seed 1\n        expect EXPECT\n    }\n}\n";
    private static final String VALID = NETWORK.replace("ACTIVATION", "sigmoid").replace("SPLIT", "train: 10")
            .replace("COST", "quadratic").replace("OPTIMIZER", "sgd(rate: 1, batch: 1)")
            .replace("SCHEDULE", "step(every: 1, factor: 0.5)").replace("INIT", "gaussian(0, 1)")
            .replace("EXPECT", "accuracy >= 0.5");

    @Test
    void everyValueOfASettingIsAccepted() {
        assertEquals(List.of(), codes(VALID));
        for (String setting : List.of("cost", "optimizer", "schedule", "init", "expect")) {
            for (Vocabulary.Entry value : Vocabulary.values(setting)) {
                String line = VALID.lines().filter(l -> l.strip().startsWith(setting + " ")).findFirst().orElseThrow();
                String text = VALID.replace(line, "        " + setting + " " + value.plainText());
                assertEquals(List.of(), codes(text), text);
            }
        }
    }

    @Test
    void theCostsOptimizersAndActivationsAreTheFrontEndsOwn() {
        assertEquals(listed("cost nope", "unknown-cost", "expected "), labels(Vocabulary.values("cost")));
        assertEquals(listed("optimizer nope(rate: 1, batch: 1)", "unknown-optimizer", "expected "),
                labels(Vocabulary.values("optimizer")));
        String activations = message(VALID.replace("dense(10, sigmoid)", "dense(10, nope)"), "unknown-activation");
        assertEquals(Stream.concat(Stream.of("perceptron"), ModelFacts.builtinActivations().stream()).toList(),
                List.of(activations.substring(activations.indexOf("expected one of ") + 16).split(", ")));
        ModelFacts.builtinActivations().forEach(a -> assertTrue(Vocabulary.builtinActivation(a).isPresent(), a));
    }

    @Test
    void theArgumentsAreTheOnesEachCallTakes() {
        for (String owner : List.of("sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw")) {
            String text = VALID.replace("sgd(rate: 1, batch: 1)", owner + "(rate: 1, batch: 1, mu: 0.5, nope: 1)");
            String message = message(text, "unknown-argument");
            assertEquals(List.of(message.substring(message.indexOf("it takes ") + 9).split(", ")),
                    labels(Vocabulary.arguments(owner)), owner);
        }
        for (String owner : List.of("step", "exponential", "cosine", "warmup")) {
            String text = VALID.replace("step(every: 1, factor: 0.5)", owner + "(nope: 1)");
            String message = message(text, "unknown-argument");
            assertEquals(List.of(message.substring(message.indexOf("it takes ") + 9).split(", ")),
                    labels(Vocabulary.arguments(owner)), owner);
        }
        String csv = VALID.replace("mnist(\"d\") split(train: 10)", "csv(\"d.csv\") split(nope: 0.1)");
        String message = message(csv, "unknown-argument");
        assertEquals(List.of(message.substring(message.indexOf("it takes ") + 9).split(", ")),
                labels(Vocabulary.arguments("split")), "split");
    }

    @Test
    void theImageLayersTheirArgumentsAndPaddingsAreTheFrontEndsOwn() {
        String image = "network N {\n    input image[8 x 8]\n    layer c = LAYER\n    train {\n        data csv(\"x.csv\")\n"
                + "        cost quadratic\n        optimizer sgd(rate: 1, batch: 1)\n        epochs 1\n        seed 1\n    }\n}\n";
        for (String kind : List.of("conv", "maxpool", "avgpool")) {
            String snippet = Vocabulary.word(kind).orElseThrow().plainText();
            assertEquals(List.of(), codes(image.replace("LAYER", snippet)), snippet);
            String message = message(image.replace("LAYER", snippet.replace(")", ", nope: 1)")), "unknown-argument");
            assertEquals(List.of(message.substring(message.indexOf("it takes ") + 9).split(", ")),
                    labels(Vocabulary.arguments(kind)), kind);
        }
        String padding = message(image.replace("LAYER", "conv(2, 3 x 3, relu, padding: nope)"), "unknown-padding");
        for (String value : List.of("valid", "same")) {
            assertTrue(padding.contains(value), padding);
            assertEquals("padding: " + value, Vocabulary.word(value).orElseThrow().usage());
            assertEquals(List.of(), codes(image.replace("LAYER", "conv(2, 3 x 3, relu, padding: " + value + ")")));
        }
    }

    @Test
    void theFormulaFunctionsAreTheFrontEndsOwn() {
        String text = VALID.replace("    layer out", "    activation f(z) = nope(z)\n    layer out");
        String message = message(text, "unknown-function");
        List<String> known = Stream.of(message.substring(message.indexOf("expected one of ") + 16).split(", "))
                .filter(name -> !name.equals("f")).toList();
        Set<String> ours = Stream.concat(labels(Vocabulary.functions()).stream(), ModelFacts.builtinActivations().stream()
                .filter(a -> !a.equals("softmax"))).collect(Collectors.toSet());
        assertEquals(Set.copyOf(known), ours);
    }

    @Test
    void theStatementsAndSettingsAreTheOnesTheIndexSplitsAt() {
        assertEquals(SymbolIndex.SETTING_KEYWORDS, Set.copyOf(labels(Vocabulary.settings())));
        assertEquals(SymbolIndex.STATEMENT_KEYWORDS, labels(Vocabulary.statements()).stream()
                .filter(w -> !w.equals("network")).collect(Collectors.toSet()));
        String required = FrontEnd.check("v.nn", "network N { input x layer o = dense(1, sigmoid) train { } }",
                Path.of(".")).diagnostics().stream()
                .filter(d -> d.code().equals("missing-train-setting")).map(Diagnostic::message)
                .map(m -> m.substring(m.indexOf(" has no ") + 8, m.indexOf(" setting"))).collect(Collectors.joining(" "));
        assertEquals("data cost optimizer epochs seed", required);
        for (String setting : required.split(" ")) {
            assertTrue(Vocabulary.setting(setting).orElseThrow().meaning().endsWith("Required."), setting);
        }
    }

    private static List<String> listed(String setting, String code, String after) {
        String line = VALID.lines().filter(l -> l.strip().startsWith(setting.split(" ")[0] + " ")).findFirst().orElseThrow();
        String message = message(VALID.replace(line, "        " + setting), code);
        return List.of(message.substring(message.indexOf(after) + after.length()).split(" or |, "));
    }

    private static String message(String text, String code) {
        return FrontEnd.check("v.nn", text, Path.of(".")).diagnostics().stream().filter(d -> d.code().equals(code))
                .map(Diagnostic::message).findFirst().orElseThrow(() -> new AssertionError("no " + code + " in\n" + text));
    }

    private static List<String> codes(String text) {
        return FrontEnd.check("v.nn", text, Path.of(".")).diagnostics().stream().map(Diagnostic::code).toList();
    }

    private static List<String> labels(List<Vocabulary.Entry> entries) {
        return entries.stream().map(Vocabulary.Entry::label).toList();
    }
}
