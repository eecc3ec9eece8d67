package nnlang.lsp;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nnlang.frontend.FrontEnd;
import nnlang.frontend.parser.SourceParser;
import java.nio.file.Path;

/**
 * How long the server takes to re-check a 1,000-line file after an edit, measured, not asserted (run:
 * {@code mvn -q -B -Pbench -pl lsp -am test-compile exec:exec}). Prints the median and 90th
 * percentile, after warm-up, of: the analysis of one version (front-end check, tokens, index) and
 * its parts; and the time from sending {@code didChange} over a real JSON-RPC session to receiving
 * that version's diagnostics, without the debounce delay.
 */
public final class RecheckBenchmark {
    private static final int WARM_UP = 200;
    private static final int RUNS = 300;

    private RecheckBenchmark() {}

    public static void main(String[] args) {
        String text = thousandLines();
        String broken = text.replace("neuron n3_17 = sigmoid(", "neuron n3_17 = sigmod(");
        System.out.printf("a file of %d lines, %d characters, 5 networks; load average %.1f on %d processors%n",
                text.split("\n").length, text.length(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        report("front-end check", () -> FrontEnd.check("big.nn", text, Path.of(".")));
        report("tokens", () -> SourceParser.tokens(text));
        List<nnlang.frontend.syntax.SourceToken> tokens = SourceParser.tokens(text);
        report("symbol index", () -> new SymbolIndex(tokens));
        report("analysis of a version that checks", () -> Analysis.of("file:///big.nn", 1, text, null, java.util.Map.of()));
        report("analysis of a version with a typo", () -> Analysis.of("file:///big.nn", 1, broken, null, java.util.Map.of()));
        report("formatting", () -> Formatter.format(text));

        try (LspSession session = new LspSession(0)) {
            String uri = session.open("file:///tmp/big.nn", text);
            session.diagnostics(uri);
            int[] version = {1};
            report("didChange to published diagnostics, over JSON-RPC", () -> {
                String next = version[0]++ % 2 == 0 ? text : broken;
                session.change(uri, next);
                session.diagnostics(uri);
            });
            session.shutdown();
        }
    }

    /** Medians of wall time and of the calling thread's CPU time (which other work on the machine does not inflate). */
    private static void report(String what, Runnable task) {
        for (int i = 0; i < WARM_UP; i++) {
            task.run();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[RUNS];
        double[] cpu = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long startCpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            task.run();
            wall[i] = (System.nanoTime() - start) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - startCpu) / 1e6;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("%-52s wall: median %6.2f ms, 90th percentile %6.2f ms   this thread's CPU: median %6.2f ms%n",
                what, wall[RUNS / 2], wall[RUNS * 9 / 10], cpu[RUNS / 2]);
    }

    /** Five networks of 200 lines: inputs, formula activations, 150 neurons, layers, a train block with a table. */
    static String thousandLines() {
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            lines.add("// network " + n + " of the benchmark file");
            lines.add("network Big" + n + " {");
            lines.add("    input x1, x2, x3, x4");
            lines.add("    activation softsign(z) = z / (1 + abs(z))");
            lines.add("    activation swish(z) = z * sigmoid(z)");
            for (int i = 0; i < 150; i++) {
                String a = i == 0 ? "x1" : "n" + n + "_" + (i - 1);
                String b = i < 2 ? "x2" : "n" + n + "_" + (i - 2);
                String act = i % 3 == 0 ? "sigmoid" : i % 3 == 1 ? "softsign" : "swish";
                lines.add("    neuron n" + n + "_" + i + " = " + act + "(" + a + ": 0.5, " + b + ": -0.25, x3, bias: 0.1)");
            }
            lines.add("    layer h = dense(16, tanh) from n" + n + "_149, n" + n + "_148, x4");
            lines.add("    layer out = dense(2, sigmoid)");
            lines.add("    output out");
            lines.add("");
            lines.add("    train {");
            lines.add("        data      table {");
            for (int r = 0; r < 32; r++) {
                lines.add("                      [" + (r % 2) + ", " + (r % 3) + ", 0.5, " + (r % 5) + "] -> [" + (r % 2)
                        + ", " + ((r + 1) % 2) + "]");
            }
            lines.add("                  }");
            lines.add("        cost      quadratic");
            lines.add("        optimizer sgd(rate: 0.5, batch: 3)");
            lines.add("        epochs    10");
            lines.add("        seed      1");
            lines.add("    }");
            lines.add("}");
        }
        return String.join("\n", lines) + "\n";
    }
}
