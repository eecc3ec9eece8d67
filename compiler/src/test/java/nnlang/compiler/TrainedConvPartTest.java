package nnlang.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.runtime.Interpreter;
import nnlang.runtime.Network;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterLayout;
import nnlang.runtime.Samples;
import nnlang.testing.ArraySamples;
import nnlang.testing.BackEndConformance;
import nnlang.testing.MiniBatches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trained network with a convolution used as a part of another: its kernels and biases come from
 * its parameter file, stay as they are while the network that uses it trains (a fixed part) or
 * train further from there (a trainable one), on both back ends with the same bits.
 */
class TrainedConvPartTest {

    private static final String SEEING = """
            network Seeing {
                input image[4 x 4]
                layer c   = conv(2, 3 x 3, tanh)
                layer p   = maxpool(2 x 2)
                layer out = dense(2, sigmoid)
                train { data csv("seeing.csv") cost quadratic optimizer sgd(rate: 0.5, batch: 2) epochs 2 seed 3 }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aFixedConvPartKeepsItsTrainedKernelsWhileTheRestTrains() throws IOException {
        double[] trained = writeSeeing();
        NetworkModel looks = looks("fixed");
        assertEquals(trained.length, 2 * 9 + 2 + 2 * 2 + 2);
        double[] initial = Initializer.initialParameters(looks);
        assertArrayEquals(trained, Arrays.copyOf(initial, trained.length), "the part starts from the file's values");

        for (Network network : new Network[] {new Interpreter(looks), NetworkCompiler.load(looks)}) {
            network.setParameters(initial);
            Samples data = ArraySamples.of(looks);
            MiniBatches.train(network, looks.train().orElseThrow().optimizer(), data, 5, 3);
            double[] after = network.parameters();
            assertArrayEquals(trained, Arrays.copyOf(after, trained.length), network + ": the fixed part is unchanged");
            assertFalse(Arrays.equals(initial, after), network + ": the layer after the part trained");
        }
        BackEndConformance.assertSameAs(Interpreter::new, looks, CodeShapes.backEnds().get(0), 2);
    }

    @Test
    void aTrainableConvPartTrainsOnFromItsKernelsWithTheSameBitsOnBothBackEnds() throws IOException {
        double[] trained = writeSeeing();
        NetworkModel looks = looks("trainable");
        assertArrayEquals(trained, Arrays.copyOf(Initializer.initialParameters(looks), trained.length));
        for (int k = 0; k < CodeShapes.backEnds().size(); k++) {
            BackEndConformance.assertSameAs(Interpreter::new, looks, CodeShapes.backEnds().get(k), k);
        }
    }

    /** Writes Seeing's source and a parameter file of made-up trained values; returns them. */
    private double[] writeSeeing() throws IOException {
        Files.writeString(dir.resolve("seeing.nn"), SEEING);
        CheckResult seeing = FrontEnd.check(dir.resolve("seeing.nn"));
        NetworkModel model = seeing.networks().get(0);
        double[] values = new double[model.parameterCount()];
        Random random = new Random(5);
        Arrays.setAll(values, k -> random.nextGaussian() * 0.5);
        ParameterFile.write(dir.resolve("Seeing.nnp"), ParameterLayout.of(model), values);
        return values;
    }

    /** Looks: Seeing as a {@code kind} part, then a layer of its own, trained on a table of eight images. */
    private NetworkModel looks(String kind) throws IOException {
        StringBuilder table = new StringBuilder();
        Random random = new Random(11);
        for (int s = 0; s < 8; s++) {
            double[] x = new double[16];
            Arrays.setAll(x, i -> Math.round(random.nextDouble() * 100) / 100.0);
            table.append("            ").append(Arrays.toString(x)).append(" -> [").append(s % 2).append("]\n");
        }
        String source = "import \"seeing.nn\"\n"
                + "network Looks {\n"
                + "    input image[4 x 4]\n"
                + "    " + kind + " part s = Seeing(image)\n"
                + "    layer out = dense(1, sigmoid) from s\n"
                + "    train {\n"
                + "        data table {\n" + table + "        }\n"
                + "        cost      quadratic\n"
                + "        optimizer adam(rate: 0.05, batch: 3)\n"
                + "        epochs    4\n"
                + "        seed      2\n"
                + "    }\n"
                + "}\n";
        Files.writeString(dir.resolve("looks.nn"), source);
        CheckResult result = FrontEnd.check(dir.resolve("looks.nn"));
        assertEquals("", result.formatDiagnostics(), source);
        return result.networks().get(0);
    }
}
