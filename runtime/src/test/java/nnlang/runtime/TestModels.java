package nnlang.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import nnlang.model.Dense;
import nnlang.model.Optimizer;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.DataSpec;
import nnlang.model.Init;
import nnlang.model.Input;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Output;
import nnlang.model.Source;
import nnlang.model.SourcePos;
import nnlang.model.TrainSpec;

/** Checked models built in code, as the front end would build them, for tests of later stages. */
public final class TestModels {

    public static final SourcePos DATA_POS = new SourcePos("net.nn", 7, 19, 4);
    public static final SourcePos RATE_POS = new SourcePos("net.nn", 9, 19, 3);
    public static final SourcePos EXPECT_POS = new SourcePos("net.nn", 12, 9, 6);

    private TestModels() {}

    /**
     * A stack of dense layers named {@code l0, l1, ...} over one input vector of {@code inputSize},
     * the last layer being the output; a classifier when {@code classifier}.
     */
    public static NetworkModel dense(String name, int inputSize, int[] sizes, Activation[] activations,
            boolean classifier, Optional<TrainSpec> train) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            int fanIn = i == 0 ? inputSize : sizes[i - 1];
            Source source = new Source(i == 0 ? Source.INPUT : i - 1, 0, fanIn);
            nodes.add(new Node(i, "l" + i, Node.Kind.LAYER, Dense.unset(sizes[i], fanIn, activations[i]),
                    List.of(source), SourcePos.NONE));
        }
        int last = sizes.length - 1;
        Optional<List<String>> classes = classifier
                ? Optional.of(IntStream.range(0, sizes[last]).mapToObj(Integer::toString).toList())
                : Optional.empty();
        Output output = new Output(List.of(new Source(last, 0, sizes[last])), classes, SourcePos.NONE);
        return new NetworkModel(name, "net.nn", List.of(new Input("x", 0, List.of(inputSize), SourcePos.NONE)),
                nodes, output, train, SourcePos.NONE);
    }

    /** A train block with the given data and hyper-parameters, seed 7, init N(0, 1). */
    public static TrainSpec train(DataSpec data, Cost cost, double rate, int batch, double l2, int epochs,
            int reportEvery, Optional<Double> expect) {
        return new TrainSpec(data, cost, new Optimizer.Sgd(rate, batch, l2, RATE_POS), Optional.empty(), epochs,
                new Init.Gaussian(0, 1, false, SourcePos.NONE), 7, reportEvery,
                expect.map(e -> new TrainSpec.Expectation(e, EXPECT_POS)), SourcePos.NONE);
    }

    public static DataSpec.Csv csv(Path file, boolean header) {
        return new DataSpec.Csv(file.getFileName().toString(), file, header, DATA_POS);
    }

    public static DataSpec.Mnist mnist(Path folder, int train, int validation) {
        return new DataSpec.Mnist(folder.toString(), folder, train, validation, DATA_POS);
    }

    public static DataSpec.Table table(double[][] inputs, double[][] targets) {
        return new DataSpec.Table(rows(inputs), rows(targets), DATA_POS);
    }

    private static List<List<Double>> rows(double[][] values) {
        List<List<Double>> rows = new ArrayList<>();
        for (double[] row : values) {
            List<Double> r = new ArrayList<>();
            for (double v : row) {
                r.add(v);
            }
            rows.add(r);
        }
        return rows;
    }
}
