package nnlang.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The server survives whatever an editor sends: every input of the front end's fuzz corpus, every
 * example and golden case typed in piece by piece, random byte mutations of them and text nested
 * thousands deep, each sent with {@code didChange} and followed by every feature at a few places. Each
 * answer must come within the session's timeout, the diagnostics of each version must be published,
 * and nothing may fail inside the server (a failure is reported to the client's log).
 */
class FuzzReplayTest {
    private static final LspSession SESSION = new LspSession();
    private static final String URI = "file:///tmp/replayed.nn";
    private static final byte[] ALPHABET =
            "{}[]()<>=:;,.-+*/\"#0123456789eExn \n\tinputlayerneurontrainoptimizer".getBytes(StandardCharsets.UTF_8);

    @AfterAll
    static void end() {
        SESSION.symbols(URI);
        assertEquals(List.of(), SESSION.errors());
        assertEquals(0, SESSION.shutdown());
    }

    @Test
    void everyFuzzInputOfTheFrontEnd() throws IOException {
        SESSION.open(URI, "");
        Random random = new Random(1);
        List<Path> inputs = Sources.fuzzInputs();
        assertEquals(true, inputs.size() >= 2, inputs.toString());
        for (Path input : inputs) {
            replace(new String(Files.readAllBytes(input), StandardCharsets.UTF_8), random, 20);
        }
    }

    @Test
    void everySourceTypedLineByLine() throws IOException {
        String uri = "file:///tmp/typed.nn";
        Random random = new Random(2);
        for (Path file : Sources.examplesAndGoldenCases()) {
            SESSION.open(uri, "");
            String typed = "";
            List<String> pieces = pieces(Files.readString(file), random);
            for (int i = 0; i < pieces.size(); i++) {
                Position end = new LineMap(typed).position(typed.length());
                typed += pieces.get(i);
                SESSION.change(uri, typed, new TextDocumentContentChangeEvent(new Range(end, end), pieces.get(i)));
                Position cursor = new LineMap(typed).position(typed.length());
                SESSION.completion(uri, cursor.getLine(), cursor.getCharacter());
                if (i % 4 == 3) {
                    everyFeature(uri, typed, random, 1);
                }
            }
            SESSION.diagnostics(uri);
            SESSION.close(uri);
        }
    }

    @Test
    void randomMutationsOfEverySource() throws IOException {
        SESSION.open(URI, "");
        for (Path file : Sources.examplesAndGoldenCases()) {
            byte[] original = Files.readAllBytes(file);
            Random random = new Random(file.getFileName().toString().hashCode());
            for (int i = 0; i < 8; i++) {
                byte[] mutant = original.clone();
                for (int e = 1 + random.nextInt(4); e > 0; e--) {
                    int at = random.nextInt(mutant.length);
                    mutant[at] = random.nextBoolean() ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) random.nextInt(256);
                }
                replace(new String(mutant, StandardCharsets.UTF_8), random, 2);
            }
        }
    }

    @Test
    void textNestedThousandsDeep() {
        SESSION.open(URI, "");
        Random random = new Random(3);
        int depth = 5_000;
        replace("network Deep {\n    input x\n    activation f(z) = " + "(".repeat(depth) + "z" + ")".repeat(depth)
                + "\n    layer o = dense(1, f)\n}\n", random, 3);
        replace("network Deep {\n    input " + "[".repeat(depth) + "(".repeat(depth) + "{".repeat(depth) + "\n}\n", random, 3);
        replace("network Deep { input x neuron n = sigmoid(" + "(".repeat(depth), random, 3);
    }

    /** The whole text replaced, its diagnostics awaited, every feature asked at {@code places} places. */
    private static void replace(String text, Random random, int places) {
        SESSION.change(URI, text);
        SESSION.diagnostics(URI);
        everyFeature(URI, text, random, places);
    }

    private static void everyFeature(String uri, String text, Random random, int places) {
        LineMap lines = new LineMap(text);
        SESSION.symbols(uri);
        SESSION.formatting(uri);
        for (int i = 0; i < places; i++) {
            Position p = lines.position(text.isEmpty() ? 0 : random.nextInt(text.length() + 1));
            SESSION.hover(uri, p.getLine(), p.getCharacter());
            SESSION.completion(uri, p.getLine(), p.getCharacter());
            SESSION.definition(uri, p.getLine(), p.getCharacter());
            SESSION.references(uri, p.getLine(), p.getCharacter(), true);
            SESSION.codeActions(uri, new Range(p, p));
            SESSION.rename(uri, p.getLine(), p.getCharacter(), "renamed");
        }
    }

    /** The text cut into lines, some of them cut again inside, as typing sends it. */
    private static List<String> pieces(String text, Random random) {
        List<String> pieces = new ArrayList<>();
        for (String line : text.split("(?<=\n)")) {
            if (line.length() > 4 && random.nextBoolean()) {
                int cut = 1 + random.nextInt(line.length() - 1);
                pieces.add(line.substring(0, cut));
                pieces.add(line.substring(cut));
            } else {
                pieces.add(line);
            }
        }
        return pieces;
    }
}
