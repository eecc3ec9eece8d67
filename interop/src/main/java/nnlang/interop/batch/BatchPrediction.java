package nnlang.interop.batch;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import nnlang.interop.Json;
import nnlang.model.Input;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Source;
import nnlang.runtime.Network;
import nnlang.runtime.data.DataException;

/**
 * Runs a network over rows of inputs and writes one line per row, streaming: one chunk of rows in
 * memory at a time, whatever the number of rows, each chunk predicted on every core.
 *
 * <p>CSV: a header line naming the columns, then per row the outputs ({@code digit[0]} …
 * {@code digit[9]}, or {@code sum,carry}) and, for a classifier, {@code label} (the class of the
 * largest output, the first on ties) and {@code score} (that output's value: the label's probability
 * when the output layer is a softmax). JSON Lines: per row {@code {"output": [...], "label": "7",
 * "score": 0.98}}. Numbers are written so that they read back to the same doubles (NaN and
 * infinities as {@code NaN}, {@code Infinity} in CSV and {@code null} in JSON).
 */
public final class BatchPrediction {

    /**
     * What a run did: rows predicted, and, when the rows had targets, how many were right; its wall
     * time and the CPU time of the thread that ran it (reading, writing and its share of predicting), in
     * seconds.
     */
    public record Summary(long rows, long right, boolean counted, double seconds, double cpuSeconds) {
        public double accuracy() {
            return rows == 0 ? 0 : (double) right / rows;
        }
    }

    /** Rows read, predicted and written at a time. */
    static final int CHUNK = 1024;

    private static final java.lang.management.ThreadMXBean THREAD = java.lang.management.ManagementFactory.getThreadMXBean();

    private final NetworkModel model;
    private final Network network;
    private final boolean json;
    private final List<String> columns;

    /** @param network the model's network with its parameters set */
    public BatchPrediction(NetworkModel model, Network network, boolean json) {
        this.model = model;
        this.network = network;
        this.json = json;
        this.columns = columns(model);
    }

    /** The names of the output columns, one per output element. */
    public static List<String> columns(NetworkModel model) {
        List<String> names = new ArrayList<>();
        for (Source s : model.output().sources()) {
            for (int e = s.offset(); e < s.offset() + s.length(); e++) {
                names.add(element(model, s.node(), e));
            }
        }
        return names;
    }

    private static String element(NetworkModel model, int node, int e) {
        if (node != Source.INPUT) {
            Node n = model.nodes().get(node);
            return n.size() == 1 ? n.name() : n.name() + "[" + e + "]";
        }
        for (Input in : model.inputs()) {
            if (e >= in.offset() && e < in.offset() + in.size()) {
                return in.isScalar() ? in.name() : in.name() + "[" + (e - in.offset()) + "]";
            }
        }
        throw new IllegalArgumentException("input element " + e);
    }

    /**
     * Predicts every row of {@code rows} into {@code out} (which is flushed, not closed), a chunk of
     * {@value #CHUNK} rows at a time through {@link Network#predict(double[][])}, which spreads a
     * chunk over the cores; the lines come out in the rows' order.
     *
     * @throws DataException when a row is malformed; the lines before it are written
     */
    public Summary run(InputRows rows, Writer out) throws DataException, IOException {
        long start = System.nanoTime();
        long cpuStart = THREAD.getCurrentThreadCpuTime();
        double[][] inputs = new double[CHUNK][model.inputSize()];
        double[][] targets = new double[CHUNK][model.outputSize()];
        boolean classifier = model.output().isClassifier();
        if (!json) {
            out.write(String.join(",", columns) + (classifier ? ",label,score" : "") + "\n");
        }
        long[] counts = new long[2];
        boolean more = true;
        while (more) {
            int read = 0;
            try {
                while (read < CHUNK && rows.next(inputs[read], targets[read])) {
                    read++;
                }
                more = read == CHUNK;
            } catch (DataException e) {
                write(predict(inputs, read), targets, rows.hasTargets(), out, counts);
                out.flush();
                throw e;
            }
            write(predict(inputs, read), targets, rows.hasTargets(), out, counts);
        }
        out.flush();
        return new Summary(counts[0], counts[1], rows.hasTargets(), (System.nanoTime() - start) / 1e9,
                (THREAD.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    }

    /** The outputs of the first {@code count} inputs. */
    private double[][] predict(double[][] inputs, int count) {
        return network.predict(count == inputs.length ? inputs : java.util.Arrays.copyOf(inputs, count));
    }

    /** One line per output row; counts the rows into {@code counts[0]} and the right ones into {@code counts[1]}. */
    private void write(double[][] outputs, double[][] targets, boolean counted, Writer out, long[] counts)
            throws IOException {
        boolean classifier = model.output().isClassifier();
        List<String> labels = model.output().classes().orElse(List.of());
        StringBuilder line = new StringBuilder();
        for (int r = 0; r < outputs.length; r++) {
            double[] output = outputs[r];
            counts[0]++;
            int best = argmax(output);
            if (counted) {
                counts[1] += (classifier ? best == argmax(targets[r]) : within(output, targets[r])) ? 1 : 0;
            }
            line.setLength(0);
            if (json) {
                line.append("{\"output\":[");
                for (int k = 0; k < output.length; k++) {
                    line.append(k == 0 ? "" : ",").append(jsonNumber(output[k]));
                }
                line.append(']');
                if (classifier) {
                    line.append(",\"label\":").append(Json.quote(labels.get(best))).append(",\"score\":")
                            .append(jsonNumber(output[best]));
                }
                line.append("}\n");
            } else {
                for (int k = 0; k < output.length; k++) {
                    line.append(k == 0 ? "" : ",").append(output[k]);
                }
                if (classifier) {
                    line.append(',').append(labels.get(best)).append(',').append(output[best]);
                }
                line.append('\n');
            }
            out.append(line);
        }
    }

    private static String jsonNumber(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : Double.toString(v);
    }

    /** The index of the largest value, the first on ties, as nnlang counts accuracy. */
    static int argmax(double[] y) {
        int best = 0;
        for (int k = 1; k < y.length; k++) {
            if (y[k] > y[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Whether every output is strictly within 0.5 of its target, as nnlang counts accuracy without classes. */
    private static boolean within(double[] output, double[] target) {
        for (int k = 0; k < output.length; k++) {
            if (!(Math.abs(output[k] - target[k]) < 0.5)) {
                return false;
            }
        }
        return true;
    }
}
