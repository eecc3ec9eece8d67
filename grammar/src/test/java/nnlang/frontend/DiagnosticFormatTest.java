package nnlang.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Formatted diagnostics: file:line:col, the source line, a caret under the construct, the hint. */
class DiagnosticFormatTest {

    @Test
    void caretStandsUnderTheUnknownNameWithItsHint() {
        CheckResult result = FrontEnd.check("gate.nn", """
                network Nand {
                    input x1, x2
                    neuron out = perceptron(x1: -2, x3: -2, bias: 3)
                }
                """, Path.of("."));
        assertEquals("""
                gate.nn:3:37: error: network Nand has no input, neuron, layer or part named x3
                    neuron out = perceptron(x1: -2, x3: -2, bias: 3)
                                                    ^~
                  hint: did you mean x1?""", result.formatDiagnostics());
    }

    @Test
    void syntaxErrorColumnIsOneBasedAndTabsAreKept() {
        CheckResult result = FrontEnd.check("tab.nn", "network T {\n\tinput 2 ?\n}\n", Path.of("."));
        assertEquals("""
                tab.nn:2:10: error: unexpected character '?'
                \tinput 2 ?
                \t        ^""", result.formatDiagnostics());
    }
}
