package nnlang.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.LongSupplier;
import nnlang.compiler.NetworkCompiler;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.runtime.Interpreter;
import nnlang.runtime.Network;

/**
 * What networks made of parts cost. The front end: checking {@code examples/adder/adder.nn} (its
 * 4-bit adder is 52 NAND parts, through two imports), a chain of 20 files each importing the next
 * and using its network as a part, and a chain of parts 1,000 deep in one file, each the median
 * wall time of 21 checks after 10 warm-up checks. The back ends: one {@code predict} of the 4-bit
 * adder composed from parts against the same 52 perceptrons written out by hand
 * ({@code adder4-by-hand.nn}), compiled and interpreted, the median of 11 rounds of CPU time after 5
 * warm-up rounds, the two networks' rounds interleaved.
 *
 * <p>Run: {@code mvn -q -B -Pbench -pl benchmarks -am test-compile exec:exec
 * -Dbench.main=nnlang.benchmarks.PartsBenchmark}
 */
public final class PartsBenchmark {
    private static final java.lang.management.ThreadMXBean THREAD =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private PartsBenchmark() {}

    /** Runs in the benchmarks folder, beside the repository's examples. */
    public static void main(String[] args) throws IOException {
        Path adder = Path.of("../examples/adder/adder.nn");
        Path chain = importChain(Files.createTempDirectory("nnlang-imports"), 20);
        String deep = deepChain(1000);
        System.out.printf("%-62s %8.2f ms%n", "check adder.nn (Adder4: 52 NAND parts, 2 imports)",
                checkMillis(() -> FrontEnd.check(adder)));
        System.out.printf("%-62s %8.2f ms%n", "check a chain of 20 imports, a part in each",
                checkMillis(() -> FrontEnd.check(chain)));
        System.out.printf("%-62s %8.2f ms%n", "check a chain of parts 1,000 deep in one file",
                checkMillis(() -> FrontEnd.check("deep.nn", deep, Path.of("."))));

        NetworkModel composed = network(FrontEnd.check(adder), "Adder4");
        NetworkModel byHand = network(FrontEnd.check("adder4-by-hand.nn", resource("adder4-by-hand.nn"), Path.of(".")),
                "Adder4ByHand");
        compare("compiled", NetworkCompiler.load(composed), NetworkCompiler.load(byHand), composed);
        compare("interpreted", new Interpreter(composed), new Interpreter(byHand), composed);
    }

    private static NetworkModel network(CheckResult result, String name) {
        if (result.hasErrors()) {
            throw new IllegalStateException(result.formatDiagnostics());
        }
        return result.networks().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    /** The median wall time of 21 checks after 10 warm-up checks, in ms; each check must succeed. */
    private static double checkMillis(java.util.function.Supplier<CheckResult> check) {
        double[] times = new double[21];
        for (int r = -10; r < times.length; r++) {
            long start = System.nanoTime();
            CheckResult result = check.get();
            long elapsed = System.nanoTime() - start;
            if (result.hasErrors()) {
                throw new IllegalStateException(result.formatDiagnostics());
            }
            if (r >= 0) {
                times[r] = elapsed / 1e6;
            }
        }
        return median(times);
    }

    /** Files f0.nn ... f{n}.nn in {@code dir}, each importing the next and using its network as a part. */
    private static Path importChain(Path dir, int n) throws IOException {
        Files.writeString(dir.resolve("f" + n + ".nn"), "network N" + n + " { input x neuron out = linear(x: 1, bias: 0) }\n");
        for (int i = n - 1; i >= 0; i--) {
            Files.writeString(dir.resolve("f" + i + ".nn"), "import \"f" + (i + 1) + ".nn\"\nnetwork N" + i
                    + " { input x part p = N" + (i + 1) + "(x) }\n");
        }
        return dir.resolve("f0.nn");
    }

    /** Networks N0 ... N{depth}, each but the last a part of the one before. */
    private static String deepChain(int depth) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            text.append("network N").append(i).append(" { input x part p = N").append(i + 1).append("(x) }\n");
        }
        return text.append("network N").append(depth).append(" { input x neuron out = linear(x: 2, bias: 1) }\n")
                .toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PartsBenchmark.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * One predict of each network on the 512 inputs in turn: 5 warm-up and 11 timed rounds of 200,000
     * calls, the two networks' rounds interleaved. Prints the medians in ns and their ratio.
     */
    private static void compare(String backEnd, Network composed, Network byHand, NetworkModel model) {
        double[] parameters = Initializer.initialParameters(model);
        composed.setParameters(parameters);
        byHand.setParameters(parameters);
        double[][] inputs = new double[512][9];
        for (int k = 0; k < inputs.length; k++) {
            for (int bit = 0; bit < 9; bit++) {
                inputs[k][bit] = (k >> bit) & 1;
            }
        }
        Network[] nets = {composed, byHand};
        double[][] times = new double[2][11];
        int calls = 200_000;
        for (int r = -5; r < 11; r++) {
            for (int k = 0; k < 2; k++) {
                Network net = nets[r % 2 == 0 ? k : 1 - k];
                double[] out = new double[5];
                double t = time(calls, () -> {
                    long sink = 0;
                    for (int c = 0; c < calls; c++) {
                        net.predict(inputs[c & 511], out);
                        sink += (long) out[4];
                    }
                    return sink;
                });
                if (r >= 0) {
                    times[net == composed ? 0 : 1][r] = t;
                }
            }
        }
        System.out.printf("%-62s composed %7.1f ns  by hand %7.1f ns  composed/by hand %5.3f%n",
                "4-bit adder, one predict, " + backEnd, median(times[0]), median(times[1]),
                median(times[0]) / median(times[1]));
    }

    /** CPU time of {@code body} per call, in ns. */
    private static double time(int calls, LongSupplier body) {
        long start = THREAD.getCurrentThreadCpuTime();
        long sink = body.getAsLong();
        long elapsed = THREAD.getCurrentThreadCpuTime() - start;
        if (sink == 42) {
            System.out.println();
        }
        return (double) elapsed / calls;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
