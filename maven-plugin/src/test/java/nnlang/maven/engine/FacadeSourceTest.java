package nnlang.maven.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import nnlang.compiler.NetworkCompiler;
import nnlang.frontend.FrontEnd;
import nnlang.model.NetworkModel;
import nnlang.runtime.BackEnds;
import nnlang.runtime.Network;
import nnlang.runtime.NetworkFacade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facades the compile step writes are Java that javac compiles against the runtime alone (with
 * Javadoc checked by {@code -Xdoclint}), and once beside their compiled classes they compute what
 * the compiled class computes, take inputs by name and classify by the largest output.
 */
class FacadeSourceTest {

    static final String CLASSIFIER = """
            network Picker {
                input class, image[2 x 2]
                layer h     = dense(3, tanh)
                layer guess = dense(3, softmax)
                output guess as class(cat, dog, bird)
                train {
                    data      table { [1, 0, 0, 0, 0] -> cat; [0, 1, 0, 0, 0] -> dog; [0, 0, 1, 0, 0] -> bird }
                    cost      cross_entropy
                    optimizer sgd(rate: 0.5, batch: 3)
                    epochs    10
                    init      gaussian(0, 1)
                    seed      1
                }
            }
            """;

    static final String HALF_ADDER = """
            network HalfAdder {
                input x1, x2
                neuron a     = perceptron(x1: -2, x2: -2, bias: 3)
                neuron b     = perceptron(x1: -2, a: -2, bias: 3)
                neuron c     = perceptron(a: -2, x2: -2, bias: 3)
                neuron sum   = perceptron(b: -2, c: -2, bias: 3)
                neuron carry = perceptron(a: -4, bias: 3)
                output sum, carry
            }
            """;

    @TempDir
    Path project;

    /** Compiles {@code text} as {@code org/example/<file>} with the plugin, then its facades with javac; returns the loader. */
    private URLClassLoader build(String file, String text) throws Exception {
        Path sources = Files.createDirectories(project.resolve("src/main/nn/org/example"));
        Files.writeString(sources.resolve(file), text);
        Path javaSources = project.resolve("target/generated-sources/nnlang");
        Path resources = project.resolve("target/generated-resources/nnlang");
        Path classes = project.resolve("target/classes");
        NetworkBuilderTest.RecordingLog log = new NetworkBuilderTest.RecordingLog();
        try {
            NetworkBuilder.compile(new BuildRequest(project.resolve("src/main/nn"), classes, javaSources, resources,
                    project.resolve("target/nnlang"), "", BackEnds.named("compiled"), "1.0"), log);
        } catch (BuildInputException e) {
            throw new AssertionError(String.join("\n", log.lines), e);
        }
        javac(javaSources, classes);
        copyTree(resources, classes);
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    }

    private static void javac(Path sourceRoot, Path classes) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new java.util.ArrayList<>(List.of("-Xdoclint:all", "-Werror", "-d", classes.toString(),
                "-cp", Path.of(codeLocation(NetworkFacade.class)).toString()));
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, args.toArray(String[]::new));
        assertEquals(0, status, messages.toString(StandardCharsets.UTF_8));
    }

    private static java.net.URI codeLocation(Class<?> c) throws Exception {
        return c.getProtectionDomain().getCodeSource().getLocation().toURI();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
    }

    @Test
    void facadeTakesInputsByNameAndComputesWhatTheCompiledClassComputes() throws Exception {
        try (URLClassLoader loader = build("xor.nn", NetworkBuilderTest.XOR)) {
            Class<?> xor = loader.loadClass("org.example.Xor");
            Network facade = assertInstanceOf(Network.class, xor.getConstructor().newInstance());
            NetworkModel model = FrontEnd.check(project.resolve("src/main/nn/org/example/xor.nn")).networks().get(0);
            Network reference = NetworkCompiler.load(model);
            double[] params = {0.5, -1.5, 2.0, 0.25, -0.75, 1.0, 3.0, -2.0, 0.1};
            facade.setParameters(params);
            reference.setParameters(params);
            Method named = xor.getMethod("predict", double.class, double.class);
            for (double[] x : new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}) {
                assertArrayEquals(reference.predict(x), facade.predict(x));
                assertArrayEquals(reference.predict(x), (double[]) named.invoke(facade, x[0], x[1]));
            }
        }
    }

    @Test
    void presetNetworkIsTrainedWithTheValuesOfItsSource() throws Exception {
        try (URLClassLoader loader = build("half-adder.nn", HALF_ADDER)) {
            Object adder = loader.loadClass("org.example.HalfAdder").getMethod("trained").invoke(null);
            Method predict = adder.getClass().getMethod("predict", double.class, double.class);
            assertArrayEquals(new double[] {1, 0}, (double[]) predict.invoke(adder, 1.0, 0.0));
            assertArrayEquals(new double[] {0, 1}, (double[]) predict.invoke(adder, 1.0, 1.0));
        }
    }

    @Test
    void classifierGivesTheLabelOfTheLargestOutputWithInputsByName() throws Exception {
        try (URLClassLoader loader = build("picker.nn", CLASSIFIER)) {
            Class<?> picker = loader.loadClass("org.example.Picker");
            Network net = (Network) picker.getConstructor().newInstance();
            double[] params = new double[net.parameterCount()];
            for (int i = 0; i < params.length; i++) {
                params[i] = Math.sin(i + 1);
            }
            net.setParameters(params);
            double[] image = {0.1, 0.9, 0.4, 0.3};
            double[] input = {0.7, 0.1, 0.9, 0.4, 0.3};
            double[] out = net.predict(input);
            int best = 0;
            for (int k = 1; k < out.length; k++) {
                best = out[k] > out[best] ? k : best;
            }
            String expected = List.of("cat", "dog", "bird").get(best);
            assertEquals(expected, picker.getMethod("classify", double[].class).invoke(net, (Object) input));
            assertEquals(expected, picker.getMethod("classify", double.class, double[].class).invoke(net, 0.7, image));
            assertArrayEquals(out, (double[]) picker.getMethod("predict", double.class, double[].class)
                    .invoke(net, 0.7, image));
            assertEquals(List.of("cat", "dog", "bird"), picker.getMethod("labels").invoke(null));
        }
    }

    @Test
    void namesThatJavaAlreadyUsesDoNotChangeWhatTheFacadeMeans() throws Exception {
        String text = CLASSIFIER.replace("network Picker", "network String").replace("class, image", "LABELS, values")
                .replace("[2 x 2]", "[4]");
        try (URLClassLoader loader = build("string.nn", text)) {
            Class<?> facade = loader.loadClass("org.example.String");
            Network net = (Network) facade.getConstructor().newInstance();
            Object label = facade.getMethod("classify", double.class, double[].class)
                    .invoke(net, 0.5, new double[] {0.1, 0.2, 0.3, 0.4});
            assertTrue(List.of("cat", "dog", "bird").contains(label), String.valueOf(label));
        }
    }

    @Test
    void javadocNamesEachInputAndOutputWithItsPlace() throws Exception {
        Path file = project.resolve("picker.nn");
        Files.writeString(file, CLASSIFIER);
        nnlang.frontend.CheckResult checked = FrontEnd.check(file);
        assertEquals(List.of(), checked.diagnostics());
        String text = FacadeSource.text(checked.networks().get(0), "org.example", "org/example/picker.nn");
        assertTrue(text.contains(" * <li>{@code class}: element 0</li>"), text);
        assertTrue(text.contains(" * <li>{@code image} (2 x 2): elements 1 to 4</li>"), text);
        assertTrue(text.contains(" * <li>{@code guess}: elements 0 to 2</li>"), text);
        assertTrue(text.contains("A classifier of 3 classes (cat, dog, bird)"), text);
        assertTrue(text.contains("public double[] predict(double class_, double[] image)"), text);
    }

    @Test
    void textInCommentsCannotEndTheCommentOrEscape() {
        assertEquals("a*&#47;b &#92;u000a &lt;i&gt; &#64;see &#233;", FacadeSource.comment("a*/b \\u000a <i> @see \u00e9"));
        assertEquals("\"a\\\"b\\\\c\\012\"", FacadeSource.stringLiteral("a\"b\\c\n"));
    }
}
