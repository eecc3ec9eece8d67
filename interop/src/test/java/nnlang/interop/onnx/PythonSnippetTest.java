package nnlang.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import nnlang.interop.Examples;
import nnlang.interop.OutputFiles;
import nnlang.runtime.Interpreter;
import nnlang.runtime.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python snippet of the root README ("Using a trained network elsewhere"), run as written with
 * {@code python3} and its {@code onnxruntime} on the exported book network: it predicts the digit
 * nnlang predicts for every one of the 10,000 test images. Runs only where
 * {@code python3 -c "import onnxruntime"} works, and says so when it skips; the Java ONNX Runtime
 * tests always run.
 */
class PythonSnippetTest {

    @TempDir
    Path dir;

    @Test
    void theReadmesPythonSnippetPredictsNnlangsDigits() throws Exception {
        boolean available = python("-c", "import onnxruntime, numpy").status() == 0;
        if (!available) {
            System.out.println("PythonSnippetTest skipped: python3 -c \"import onnxruntime, numpy\" fails on this machine,"
                    + " so the README's Python snippet is not run here");
        }
        assumeTrue(available, "python3 has no onnxruntime here");
        Examples.Example mnist = Examples.mnist().stream().filter(e -> e.name().equals("Mnist")).findFirst().orElseThrow();
        OutputFiles.write(dir.resolve("Mnist.onnx"), OnnxExport.model(mnist.model(), mnist.parameters()));
        Files.copy(Examples.MNIST.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-images-idx3-ubyte.gz"));
        Path script = dir.resolve("snippet.py");
        Files.writeString(script, snippet() + "\nprint(\" \".join(str(int(v)) for v in label))\n");
        Result run = python(script.toString());
        assertEquals(0, run.status(), run.output());
        String[] lines = run.output().strip().split("\\R");
        String[] digits = lines[lines.length - 1].split(" ");
        Samples test = mnist.test().orElseThrow();
        assertEquals(test.size(), digits.length);
        Interpreter nnlang = new Interpreter(mnist.model());
        nnlang.setParameters(mnist.parameters());
        double[] x = new double[784];
        for (int i = 0; i < test.size(); i++) {
            test.input(i, x);
            assertEquals(ExamplesInOnnxRuntimeTest.argmax(nnlang.predict(x)), Integer.parseInt(digits[i]), "test image " + i);
        }
    }

    /** The first Python code block of the README's section on using a trained network elsewhere. */
    static String snippet() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int section = readme.indexOf("## Using a trained network elsewhere");
        assertTrue(section >= 0, "the README has no section \"Using a trained network elsewhere\"");
        int start = readme.indexOf("```python\n", section);
        int end = readme.indexOf("```", start + 10);
        assertTrue(start > 0 && end > start, "the section has no Python code block");
        return readme.substring(start + "```python\n".length(), end);
    }

    /** What a python3 run printed (standard output and error) and its exit status; 127 when there is no python3. */
    record Result(int status, String output) {}

    private Result python(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "python3";
        System.arraycopy(args, 0, command, 1, args.length);
        Path output = Files.createTempFile(dir, "python", ".txt");
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("python3 " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        return new Result(p.exitValue(), Files.readString(output));
    }
}
