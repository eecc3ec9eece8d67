package nnlang.benchmarks;

import java.nio.file.Path;
import java.util.Random;
import nnlang.compiler.NetworkCompiler;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.runtime.Interpreter;
import nnlang.runtime.Network;
import nnlang.runtime.Samples;
import nnlang.runtime.data.DataException;
import nnlang.runtime.data.DataSets;
import nnlang.runtime.data.TrainingData;

/**
 * The network of the PyTorch peer script ({@code pytorch_conv.py} beside the MNIST data): conv(20,
 * 5 x 5, relu), maxpool(2 x 2), conv(40, 5 x 5, relu), maxpool(2 x 2), dense(100, relu),
 * dense(10, softmax), cross-entropy, plain SGD at rate 0.03 in batches of 10 ({@code single}: without
 * the second conv and pool), trained as the script trains it: each epoch the 50,000 training images
 * in a new random order. Prints each epoch's wall and thread CPU time, then the test accuracy, in the
 * script's form, so that the two can be run one after the other in one session and compared.
 *
 * <p>Arguments: the MNIST folder, {@code two} or {@code single}, the number of epochs, and
 * optionally {@code interpreted}.
 */
public final class ConvEpoch {
    private static final java.lang.management.ThreadMXBean THREAD =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private ConvEpoch() {}

    /** The source of the peer's network, one or two convolutions. */
    static String source(boolean single) {
        return "network Peer {\n"
                + "    input image[1 x 28 x 28]\n"
                + "    layer c1    = conv(20, 5 x 5, relu)\n"
                + "    layer p1    = maxpool(2 x 2)\n"
                + (single ? "" : "    layer c2    = conv(40, 5 x 5, relu)\n    layer p2    = maxpool(2 x 2)\n")
                + "    layer h     = dense(100, relu)\n"
                + "    layer digit = dense(10, softmax)\n"
                + "    output digit as class(0..9)\n"
                + "    train {\n"
                + "        data      mnist(\"data\") split(train: 50000, validation: 10000)\n"
                + "        cost      cross_entropy\n"
                + "        optimizer sgd(rate: 0.03, batch: 10)\n"
                + "        epochs    1\n"
                + "        init      gaussian(0, 1) scaled\n"
                + "        seed      1\n"
                + "    }\n"
                + "}\n";
    }

    /** The peer's network as a checked model. */
    static NetworkModel model(boolean single) {
        CheckResult result = FrontEnd.check("peer.nn", source(single), Path.of("."));
        if (result.hasErrors()) {
            throw new IllegalStateException(result.formatDiagnostics());
        }
        return result.networks().get(0);
    }

    public static void main(String[] args) throws DataException {
        boolean single = args.length > 1 && args[1].equals("single");
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        boolean interpreted = args.length > 3 && args[3].equals("interpreted");
        NetworkModel model = model(single);
        TrainingData data = DataSets.mnist(Path.of(args[0]), 50_000, 10_000);
        Network net = interpreted ? new Interpreter(model) : NetworkCompiler.load(model);
        net.setParameters(Initializer.initialParameters(model));
        Samples train = data.train();
        int[] order = new int[train.size()];
        java.util.Arrays.setAll(order, i -> i);
        Random random = new Random(1);
        for (int e = 1; e <= epochs; e++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            long wall = System.nanoTime();
            long cpu = THREAD.getCurrentThreadCpuTime();
            for (int from = 0; from < order.length; from += 10) {
                net.trainBatch(train, order, from, Math.min(order.length, from + 10), 0.03, 1.0);
            }
            System.out.printf("nnlang %s, %s, float64: epoch %d: train %.2f s (thread CPU %.2f s), test accuracy %.2f%%%n",
                    single ? "one conv" : "two convs", interpreted ? "interpreted" : "compiled", e,
                    (System.nanoTime() - wall) / 1e9, (THREAD.getCurrentThreadCpuTime() - cpu) / 1e9,
                    100 * accuracy(net, data.test().orElseThrow()));
        }
    }

    private static double accuracy(Network net, Samples test) {
        double[] x = new double[test.inputSize()];
        double[] y = new double[test.targetSize()];
        double[] out = new double[net.outputSize()];
        int right = 0;
        for (int s = 0; s < test.size(); s++) {
            test.input(s, x);
            test.target(s, y);
            net.predict(x, out);
            right += argmax(out) == argmax(y) ? 1 : 0;
        }
        return (double) right / test.size();
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            best = v[k] > v[best] ? k : best;
        }
        return best;
    }
}
