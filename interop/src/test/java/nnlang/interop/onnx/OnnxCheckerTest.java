package nnlang.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import nnlang.interop.Examples;
import nnlang.interop.OutputFiles;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.testing.RandomNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX's own checker, {@code onnx.checker.check_model(model, full_check=True)} (which includes strict
 * shape inference), passes every example's export and 60 random networks'. Runs where a Python has
 * the {@code onnx} package (Debian's {@code python3-onnx} provides it for {@code /usr/bin/python3}),
 * and says so when it skips; ONNX Runtime's validation on load runs in every build.
 */
class OnnxCheckerTest {

    private static final String CHECK = """
            import glob, sys, onnx
            files = sorted(glob.glob("*.onnx"))
            for f in files:
                onnx.checker.check_model(onnx.load(f), full_check=True)
            print("checked", len(files))
            """;

    @TempDir
    Path dir;

    @Test
    void onnxsCheckerAcceptsEveryExport() throws Exception {
        Optional<String> python = pythonWithOnnx();
        if (python.isEmpty()) {
            System.out.println("OnnxCheckerTest skipped: neither python3 nor /usr/bin/python3 can import onnx here");
        }
        assumeTrue(python.isPresent(), "no Python with the onnx package");
        int count = 0;
        for (Examples.Example e : Examples.all()) {
            OutputFiles.write(dir.resolve(e.name() + ".onnx"), OnnxExport.model(e.model(), e.parameters()));
            count++;
        }
        for (long seed = 0; seed < 60; seed++) {
            NetworkModel model = RandomNetworks.network(seed, RandomNetworks.ALL);
            OutputFiles.write(dir.resolve(model.name() + ".onnx"), OnnxExport.model(model, Initializer.initialParameters(model)));
            count++;
        }
        Files.writeString(dir.resolve("check.py"), CHECK);
        assertEquals("checked " + count, run(python.get(), "check.py").strip());
    }

    private Optional<String> pythonWithOnnx() throws Exception {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                run(python, "-c", "import onnx");
                return Optional.of(python);
            } catch (IOException | AssertionError e) {
                // try the next
            }
        }
        return Optional.empty();
    }

    /** The output of a successful run; an AssertionError with the output otherwise. */
    private String run(String... command) throws Exception {
        Path output = Files.createTempFile(dir, "python", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
        }
        String text = Files.readString(output);
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + text);
        }
        return text;
    }
}
