package nnlang.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nnlang.frontend.parser.SourceParser;
import nnlang.frontend.syntax.SourceToken;
import nnlang.frontend.syntax.SourceToken.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SourceParser#tokens} gives every token of a source where it is written, comments
 * included, with the kinds and statement starts the parser read, also in text that does not parse.
 */
class SourceTokensTest {

    static Stream<Path> sources() throws IOException {
        return Stream.concat(ExampleModelsTest.examples(), GoldenTest.cases());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void tokensAreTheTextBetweenWhitespace(Path file) throws IOException {
        String text = Files.readString(file);
        if (FrontEnd.check(file).diagnostics().stream().anyMatch(d -> d.message().startsWith("unexpected character"))) {
            return; // characters the lexer rejects are no tokens
        }
        List<String> lines = text.lines().toList();
        StringBuilder rebuilt = new StringBuilder();
        for (SourceToken t : SourceParser.tokens(text)) {
            String line = lines.get(t.line() - 1);
            int at = line.offsetByCodePoints(0, t.column() - 1);
            String firstLine = t.text().lines().findFirst().orElse("");
            assertEquals(firstLine, line.substring(at, Math.min(line.length(), at + firstLine.length())), t::toString);
            rebuilt.append(t.text());
        }
        assertEquals(text.replaceAll("\\s", ""), rebuilt.toString().replaceAll("\\s", ""));
    }

    @Test
    void keywordsReadAsNamesAreNames() {
        List<SourceToken> tokens = SourceParser.tokens("network N { input 784 layer h = dense(2, sigmoid) from input\n"
                + " output input train { data mnist(\"d\") split(train: 1, validation: 2) } }");
        assertEquals("KEYWORD NAME NAME KEYWORD NAME", kinds(tokens, "input") + " " + kinds(tokens, "train"));
        assertEquals("NAME", kinds(tokens, "sigmoid"));
        assertEquals("KEYWORD", kinds(tokens, "dense"));
    }

    @Test
    void commentsAreTokens() {
        List<SourceToken> tokens = SourceParser.tokens("// one\nnetwork N { /* two\n three */ input x }");
        assertEquals(List.of("// one", "/* two\n three */"), tokens.stream().filter(t -> t.kind() == Kind.COMMENT)
                .map(SourceToken::text).toList());
        assertEquals(3, tokens.get(4).endLine());
    }

    @Test
    void statementStartsAreWhereTheParserBeganAStatement() throws IOException {
        String text = Files.readString(Path.of("../examples/xor/xor.nn"));
        String starts = SourceParser.tokens(text).stream().filter(SourceToken::startsStatement).map(SourceToken::text)
                .collect(Collectors.joining(" "));
        assertEquals("network input layer layer output train data [ [ [ [ cost optimizer epochs init seed report expect",
                starts);
    }

    @Test
    void importsAndConstantsStartStatements() {
        String text = "import \"a.nn\"\nlet k = 2\nnetwork N {\n    input x\n    let j = k * 2\n"
                + "    fixed part p = M(x) with c = j\n}\n";
        String starts = SourceParser.tokens(text).stream().filter(SourceToken::startsStatement).map(SourceToken::text)
                .collect(Collectors.joining(" "));
        assertEquals("import let network input let fixed", starts);
    }

    @Test
    void textThatDoesNotParseStillHasItsTokensAndStatements() {
        List<SourceToken> tokens = SourceParser.tokens("network N {\n input x1\n neuron a = sigmoid(x1 x2\n"
                + " layer h = dense(2, relu)\n optimizer\n}");
        assertTrue(tokens.stream().anyMatch(t -> t.text().equals("layer") && t.startsStatement()));
        assertEquals("NAME", kinds(tokens, "h"));
        assertFalse(tokens.isEmpty());
        assertEquals(List.of(), SourceParser.tokens(""));
    }

    private static String kinds(List<SourceToken> tokens, String text) {
        return tokens.stream().filter(t -> t.text().equals(text)).map(t -> t.kind().name()).collect(Collectors.joining(" "));
    }
}
