package nnlang.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.runtime.Network;
import nnlang.runtime.ParameterFile;
import nnlang.testing.ModelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class written by {@link NetworkCompiler#write} runs in a plain {@code java} process whose class
 * path holds only that class, a small Java program compiled against it, and the runtime: no ASM, no
 * compiler. The program uses it as Java source would, {@code new Xor()} and {@code Xor.trained()}.
 */
class WrittenClassRunsInPlainJvmTest {

    @Test
    void writtenXorPredictsInAChildJvmAsItDoesInProcess(@TempDir Path dir) throws Exception {
        NetworkModel model = ModelBuilder.xor(7);
        double[] parameters = Initializer.initialParameters(model);
        Path classFile = NetworkCompiler.write(model, "org.example", dir);
        assertEquals(dir.resolve("org/example/Xor.class").toAbsolutePath(), classFile);
        ParameterFile.write(dir.resolve("org/example/Xor.nnp"), nnlang.runtime.ParameterLayout.of(model), parameters);

        Path main = dir.resolve("UseXor.java");
        Files.writeString(main, String.join("\n",
                "import org.example.Xor;",
                "public class UseXor {",
                "    public static void main(String[] args) {",
                "        Xor net = new Xor();",
                "        net.setParameters(new double[] {" + join(parameters) + "});",
                "        System.out.println(net.predict(new double[] {0, 1})[0]);",
                "        System.out.println(Xor.trained().predict(new double[] {1, 1})[0]);",
                "    }",
                "}"));
        String classPath = dir + File.pathSeparator + location(Network.class);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-cp", classPath, "-d", dir.toString(), main.toString()));

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", classPath, "UseXor").redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), output);

        Network inProcess = NetworkCompiler.load(model);
        inProcess.setParameters(parameters);
        List<String> expected = List.of(Double.toString(inProcess.predict(new double[] {0, 1})[0]),
                Double.toString(inProcess.predict(new double[] {1, 1})[0]));
        assertEquals(expected, output.lines().toList());
    }

    /** Java literals that read back as exactly these doubles. */
    private static String join(double[] values) {
        return String.join(", ", Arrays.stream(values).mapToObj(Double::toString).toList());
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
