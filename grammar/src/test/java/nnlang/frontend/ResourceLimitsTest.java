package nnlang.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import nnlang.model.Diagnostic;
import nnlang.model.Node;
import org.junit.jupiter.api.Test;

/**
 * Absurd sizes are rejected before anything is allocated, with the memory they would need; huge
 * and deeply nested files, and chains of parts a thousand deep, give a result without overflowing
 * the stack. Each check runs in a thread
 * with a 512 KB stack (half the JVM's default) and must finish within seconds.
 */
class ResourceLimitsTest {
    private static final long STACK_BYTES = 512 * 1024;

    @Test
    void aBillionNeuronLayerIsRejectedWithTheMemoryItWouldNeed() {
        Diagnostic d = single(check("network Big {\n    input x\n    layer a = dense(1000000000, sigmoid)\n}\n"));
        assertEquals("too-large", d.code());
        assertEquals("big.nn:3:21", d.pos().toString());
        assertEquals("the size of layer a 1000000000 is larger than the limit 100,000,000; one 8-byte value per"
                + " element would need 7.5 GB", d.message());
    }

    @Test
    void aHugeInputVectorIsRejectedWithTheMemoryItWouldNeed() {
        Diagnostic d = single(check("network Big {\n    input 20000000000\n    layer a = dense(1, sigmoid)\n}\n"));
        assertEquals("too-large", d.code());
        assertEquals("big.nn:2:11", d.pos().toString());
        assertTrue(d.message().endsWith("would need 149 GB"), d.message());
    }

    @Test
    void tooManyParametersAreRejectedWithTheMemoryTrainingWouldNeed() {
        Diagnostic d = single(check("network Wide {\n    input 100000\n    layer a = dense(999, sigmoid)\n}\n"));
        assertEquals("too-large", d.code());
        assertEquals("big.nn:1:9", d.pos().toString());
        assertEquals("network Wide has 99,900,999 parameters, which would need at least 1.5 GB to train (a value and"
                + " a gradient of 8 bytes each); the limit is 10,000,000 parameters", d.message());
    }

    @Test
    void theLargestAcceptedNetworkChecksQuickly() {
        // 10,000 x 999 weights and 999 biases: 9,990,999 parameters, just under the limit.
        CheckResult result = check("network Wide {\n    input 10000\n    layer a = dense(999, sigmoid)\n"
                + "    train { data table { } cost quadratic optimizer sgd(rate: 1, batch: 1) epochs 1 seed 1 }\n}\n");
        assertTrue(result.diagnostics().stream().noneMatch(d -> d.code().equals("too-large")), result::formatDiagnostics);
    }

    @Test
    void deeplyNestedBracketsGiveDiagnostics() {
        String open = "[".repeat(200_000) + "(".repeat(200_000) + "{".repeat(200_000);
        assertTrue(check("network Deep {\n    input " + open + "\n}\n").hasErrors());
        assertTrue(check("network Deep { input x neuron n = sigmoid(" + open).hasErrors());
    }

    @Test
    void aLongChainOfNeuronsChecks() {
        StringBuilder text = new StringBuilder("network Chain {\n    input x\n    neuron n0 = linear(x: 1, bias: 0)\n");
        int n = 20_000;
        for (int i = 1; i < n; i++) {
            text.append("    neuron n").append(i).append(" = linear(n").append(i - 1).append(": 1, bias: 0)\n");
        }
        text.append("    output n").append(n - 1).append("\n}\n");
        CheckResult result = check(text.toString());
        assertEquals(List.of(), result.diagnostics());
        assertEquals(n, result.networks().get(0).nodes().size());
        // The same chain declared backwards: each neuron reads the one declared after it.
        StringBuilder backwards = new StringBuilder("network Chain {\n    input x\n");
        for (int i = n - 1; i > 0; i--) {
            backwards.append("    neuron n").append(i).append(" = linear(n").append(i - 1).append(": 1, bias: 0)\n");
        }
        backwards.append("    neuron n0 = linear(x: 1, bias: 0)\n    output n").append(n - 1).append("\n}\n");
        assertEquals(List.of(), check(backwards.toString()).diagnostics());
    }

    @Test
    void aLongChainOfPoolsDeclaredBackwardsIsShapedWithoutRecursion() {
        StringBuilder text = new StringBuilder("network Pools {\n    input image[2 x 3]\n");
        int n = 20_000;
        for (int i = n - 1; i > 0; i--) {
            text.append("    layer p").append(i).append(" = maxpool(1 x 1) from p").append(i - 1).append('\n');
        }
        text.append("    layer p0 = avgpool(1 x 1) from image\n    output p").append(n - 1).append("\n}\n");
        CheckResult result = check(text.toString());
        assertEquals(List.of(), result.diagnostics());
        assertEquals(6, result.networks().get(0).outputSize());
    }

    @Test
    void aHugeFileChecks() {
        StringBuilder text = new StringBuilder("network Big {\n    input 4\n    layer out = dense(2, sigmoid)\n    train {\n"
                + "        data table {\n");
        for (int i = 0; i < 100_000; i++) {
            text.append("            [0.25, 0.5, -1, ").append(i % 7).append("] -> [1, 0]\n");
        }
        text.append("        }\n        cost quadratic\n        optimizer sgd(rate: 1, batch: 10)\n        epochs 1\n"
                + "        seed 1\n    }\n}\n");
        assertTrue(text.length() > 3_000_000, "a file of " + text.length() + " characters");
        CheckResult result = check(text.toString());
        assertEquals(List.of(), result.diagnostics());
    }

    @Test
    void aDeepChainOfPartsChecksWithoutRecursion() {
        StringBuilder text = new StringBuilder();
        int depth = 1000;
        for (int i = 0; i < depth; i++) {
            text.append("network N").append(i).append(" { input x part p = N").append(i + 1).append("(x) }\n");
        }
        text.append("network N").append(depth).append(" { input x neuron out = linear(x: 2, bias: 1) }\n");
        CheckResult result = check(text.toString());
        assertEquals(List.of(), result.diagnostics());
        Node deepest = result.networks().get(0).nodes().get(0);
        assertEquals("p.".repeat(depth) + "out", deepest.name());
        assertEquals(1, result.networks().get(0).nodes().size());
    }

    @Test
    void partsThatDoubleAtEveryLevelAreRejectedBeforeTheyAreExpanded() {
        // N0 has two parts N1, each has two parts N2, ...: 2^17 nodes, over the limit of 100,000.
        StringBuilder text = new StringBuilder();
        int levels = 17;
        for (int i = 0; i < levels; i++) {
            text.append("network N").append(i).append(" { input x part a = N").append(i + 1).append("(x) part b = N")
                    .append(i + 1).append("(a) }\n");
        }
        text.append("network N").append(levels).append(" { input x neuron out = linear(x: 1, bias: 0) }\n");
        CheckResult result = check(text.toString());
        assertEquals(List.of("too-large"), result.diagnostics().stream().map(Diagnostic::code).toList());
        assertTrue(result.diagnostics().get(0).message().contains("the limit is 100,000 nodes"),
                result::formatDiagnostics);
    }

    /** Checks {@code text} in a thread with a small stack, within 20 seconds; a stack overflow fails. */
    static CheckResult check(String text) {
        AtomicReference<Object> outcome = new AtomicReference<>();
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Thread thread = new Thread(null, () -> {
                try {
                    outcome.set(FrontEnd.check("big.nn", text, Path.of(".")));
                } catch (Throwable t) {
                    outcome.set(t);
                }
            }, "check", STACK_BYTES);
            thread.start();
            thread.join();
            if (outcome.get() instanceof Throwable t) {
                throw new AssertionError("the front end threw", t);
            }
            return (CheckResult) outcome.get();
        });
    }

    private static Diagnostic single(CheckResult result) {
        assertEquals(1, result.diagnostics().size(), result::formatDiagnostics);
        return result.diagnostics().get(0);
    }
}
