package nnlang.lsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files the tests run on: the examples, the front end's golden cases and its fuzz findings. */
final class Sources {
    static final Path EXAMPLES = Path.of("../examples");
    static final Path GOLDEN = Path.of("../grammar/src/test/resources/golden");
    static final Path FUZZ_INPUTS = Path.of("../grammar/src/test/resources/nnlang/frontend/FrontEndFuzzTestInputs");

    private Sources() {}

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".nn")).sorted().toList();
        }
    }

    static List<Path> goldenCases() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            return files.filter(p -> p.toString().endsWith(".nn")).sorted().toList();
        }
    }

    static List<Path> examplesAndGoldenCases() throws IOException {
        return Stream.concat(examples().stream(), goldenCases().stream()).toList();
    }

    /** Every input the front end's fuzz test replays. */
    static List<Path> fuzzInputs() throws IOException {
        try (Stream<Path> files = Files.walk(FUZZ_INPUTS)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
