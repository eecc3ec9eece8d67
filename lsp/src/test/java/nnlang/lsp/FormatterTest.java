package nnlang.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.model.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The canonical layout keeps a file's meaning, is reached from any spacing of the same tokens, and
 * formatting a formatted file changes nothing. The examples are written in it.
 */
class FormatterTest {

    static List<Path> sources() throws IOException {
        return Sources.examplesAndGoldenCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void formattingKeepsTheMeaningAndIsIdempotent(Path file) throws IOException {
        String text = Files.readString(file);
        Optional<String> formatted = Formatter.format(text);
        CheckResult before = FrontEnd.check("f.nn", text, Path.of("."));
        if (formatted.isEmpty()) {
            assertTrue(before.diagnostics().stream().anyMatch(d -> d.code().equals("syntax")),
                    "only a file with syntax errors is left alone");
            return;
        }
        CheckResult after = FrontEnd.check("f.nn", formatted.get(), Path.of("."));
        assertEquals(codes(before), codes(after), formatted.get());
        assertEquals(withoutPositions(before.networks().toString()), withoutPositions(after.networks().toString()));
        assertEquals(formatted, Formatter.format(formatted.get()), "formatting twice changes nothing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nnlang.lsp.Sources#examples")
    void theExamplesAreFormatted(Path file) throws IOException {
        String text = Files.readString(file);
        assertEquals(text, Formatter.format(text).orElseThrow());
        assertTrue(Formatter.isFormatted(text));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nnlang.lsp.Sources#examples")
    void anySpacingOfTheSameTokensGivesTheSameLayout(Path file) throws IOException {
        String text = Files.readString(file);
        Random random = new Random(file.getFileName().toString().hashCode());
        for (int i = 0; i < 20; i++) {
            String respaced = respace(text, random);
            assertEquals(text, Formatter.format(respaced).orElseThrow(), respaced);
        }
    }

    @Test
    void aNetworkOnOneLineIsLaidOut() {
        String text = "network  Xor{input x1,x2 layer hidden=dense( 2,sigmoid ) layer out=dense(1 , sigmoid)"
                + " output out train{ data table{[0,0]->[0] [0,1]->[1];} cost quadratic optimizer sgd(rate:2.0,"
                + "batch:4) epochs 5000 seed 7}}";
        assertEquals("""
                network Xor {
                    input x1, x2
                    layer hidden = dense(2, sigmoid)
                    layer out    = dense(1, sigmoid)
                    output out
                    train {
                        data      table {
                                      [0, 0] -> [0]
                                      [0, 1] -> [1];
                                  }
                        cost      quadratic
                        optimizer sgd(rate: 2.0, batch: 4)
                        epochs    5000
                        seed      7
                    }
                }
                """, Formatter.format(text).orElseThrow());
    }

    @Test
    void partsConstantsAndWrittenWeightsAreLaidOut() {
        String text = "import \"gates.nn\" let k=2 let limit = k*3 network N{input x[ 3 ] let j=-k "
                + "part first=And(x[0],x[1]) with n=k fixed part second = And( first . out ,x[ 2 ]) "
                + "fixed layer h=dense(2,sigmoid) from first.out,second weights[[1,-10],[100,j]] bias[0,0] "
                + "trainable part t = T(h) output t . y }";
        assertEquals("""
                import "gates.nn"
                let k     = 2
                let limit = k * 3
                network N {
                    input x[3]
                    let j = -k
                    part first        = And(x[0], x[1]) with n = k
                    fixed part second = And(first.out, x[2])
                    fixed layer h = dense(2, sigmoid) from first.out, second
                        weights [[  1, -10],
                                 [100,   j]]
                        bias [0, 0]
                    trainable part t = T(h)
                    output t.y
                }
                """, Formatter.format(text).orElseThrow());
        String formulas = "network N { input x layer h = dense(1, sigmoid) weights [[2 * 3, 1]] bias [-(1)] }";
        assertEquals("""
                network N {
                    input x
                    layer h = dense(1, sigmoid)
                        weights [[2 * 3, 1]]
                        bias [-(1)]
                }
                """, Formatter.format(formulas).orElseThrow(), "numbers written as formulas are not aligned");
    }

    @Test
    void formulasKeepTheirOperatorsApartAndTheirSigns() {
        String text = "network F { input x activation f(z)=-z^2+2*-z-1-(z)-- 2/exp(-z) layer o=dense(1,f) }";
        String formatted = Formatter.format(text).orElseThrow();
        assertEquals("""
                network F {
                    input x
                    activation f(z) = -z^2 + 2 * -z - 1 - (z) - - 2 / exp(-z)
                    layer o = dense(1, f)
                }
                """, formatted);
        assertEquals(withoutPositions(FrontEnd.check("f.nn", text, Path.of(".")).networks().toString()),
                withoutPositions(FrontEnd.check("f.nn", formatted, Path.of(".")).networks().toString()));
    }

    @Test
    void commentsStayWhereTheyBelong() {
        String text = """
                // top
                network N { // after the brace
                  input x1,   x2     // two inputs


                      // about a
                  neuron a = perceptron(x1: 1, // first
                     x2: 1, /* inline */ bias: 0)
                  output a
                }
                network M { input x output x }
                """;
        assertEquals("""
                // top
                network N { // after the brace
                    input x1, x2     // two inputs

                    // about a
                    neuron a = perceptron(x1: 1, // first
                            x2: 1, /* inline */ bias: 0)
                    output a
                }

                network M {
                    input x
                    output x
                }
                """, Formatter.format(text).orElseThrow());
    }

    @Test
    void aFileWithASyntaxErrorIsNotFormatted() {
        assertEquals(Optional.empty(), Formatter.format("network N { input x1 x2 }"));
        assertFalse(Formatter.isFormatted("network N { input x1 x2 }"));
        assertEquals(Optional.empty(), Formatter.format(""));
    }

    @Test
    void windowsLineEndingsStay() {
        assertEquals("network N {\r\n    input x\r\n}\r\n", Formatter.format("network N {\r\ninput x }\r\n").orElseThrow());
    }

    /** Changes the indentation and the width of every gap between tokens on the lines without a comment. */
    private static String respace(String text, Random random) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.contains("//")) {
                line = " ".repeat(random.nextInt(9)) + line.strip().replaceAll("[ \t]+", "\0");
                while (line.contains("\0")) {
                    line = line.replaceFirst("\0", " ".repeat(1 + random.nextInt(3)));
                }
            }
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private static List<String> codes(CheckResult result) {
        return result.diagnostics().stream().map(Diagnostic::code).toList();
    }

    private static String withoutPositions(String model) {
        return model.replaceAll("pos=[^,\\]]*", "pos");
    }
}
