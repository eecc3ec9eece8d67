package nnlang.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nnlang.compiler.NetworkCompiler;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.runtime.Network;
import nnlang.runtime.Samples;
import nnlang.runtime.Trainer;
import nnlang.runtime.TrainingDivergedException;
import nnlang.runtime.data.DataException;
import nnlang.runtime.data.DataSets;
import nnlang.runtime.data.TrainingData;

/**
 * Every network of every example under {@code ../examples}, with parameters: the source's own for
 * the perceptrons, trained as the train block says for XOR, and for the three MNIST networks one epoch
 * on 10,000 training images (so that the tests stay quick; the exports do not care how well a
 * network is trained). Trained once per test run, with the compiled back end.
 */
public final class Examples {

    /** Where CI and developers keep the four MNIST IDX files: {@code shared/data/mnist} beside the repository. */
    public static final Path MNIST = Path.of("../../shared/data/mnist").toAbsolutePath().normalize();

    /** One network of an example, its source file and its parameters. */
    public record Example(String name, Path source, NetworkModel model, double[] parameters, Optional<Samples> test) {}

    private static List<Example> all;

    private Examples() {}

    /** The examples without MNIST data, or all when the MNIST files are beside the repository. */
    public static synchronized List<Example> all() {
        if (all == null) {
            List<Example> examples = new ArrayList<>();
            for (String file : List.of("nand/nand.nn", "half-adder/half-adder.nn", "cheese/cheese.nn", "xor/xor.nn",
                    "xor/xor-softsign.nn")) {
                Path source = Path.of("../examples").resolve(file);
                for (NetworkModel model : check(source).networks()) {
                    examples.add(new Example(model.name(), source, model, train(model), Optional.empty()));
                }
            }
            if (Files.isDirectory(MNIST)) {
                examples.add(mnist("mnist.nn"));
                examples.add(mnist("mnist-better.nn"));
                examples.add(mnist("mnist-conv.nn"));
            }
            all = List.copyOf(examples);
        }
        return all;
    }

    /** The two MNIST networks; skips the calling test when the MNIST files are not there. */
    public static List<Example> mnist() {
        assumeTrue(Files.isDirectory(MNIST), "no MNIST files at " + MNIST);
        return all().stream().filter(e -> e.test().isPresent()).toList();
    }

    public static CheckResult check(Path source) {
        CheckResult result = FrontEnd.check(source);
        if (result.hasErrors()) {
            throw new AssertionError(result.formatDiagnostics());
        }
        return result;
    }

    private static Example mnist(String file) {
        Path original = Path.of("../examples/mnist").resolve(file);
        try {
            String text = Files.readString(original)
                    .replaceFirst("mnist\\(\"data\"\\) split\\([^)]*\\)",
                            java.util.regex.Matcher.quoteReplacement("mnist(\"" + MNIST + "\") split(train: 10000, validation: 0)"))
                    .replaceFirst("epochs    \\d+", "epochs    1");
            if (!text.contains("epochs    1") || !text.contains(MNIST.toString())) {
                throw new AssertionError(original + " no longer has the lines this test rewrites");
            }
            Path copy = Files.createTempDirectory("nnlang-example").resolve(file);
            Files.writeString(copy, text);
            NetworkModel model = check(copy).networks().get(0);
            TrainingData data = DataSets.load(model);
            return new Example(model.name(), original, model, train(model, data), data.test());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DataException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static double[] train(NetworkModel model) {
        if (model.train().isEmpty()) {
            return Initializer.initialParameters(model);
        }
        try {
            return train(model, DataSets.load(model));
        } catch (DataException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static double[] train(NetworkModel model, TrainingData data) {
        Network net = NetworkCompiler.load(model);
        net.setParameters(Initializer.initialParameters(model));
        try {
            return new Trainer(model).train(net, data, report -> { }).parameters();
        } catch (TrainingDivergedException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
