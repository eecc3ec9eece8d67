package nnlang.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nnlang.frontend.CheckResult;
import nnlang.model.Activation;
import nnlang.model.NetworkModel;
import nnlang.model.Source;
import nnlang.runtime.Network;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nnlang run FILE --table | --input X,Y,...}: runs the forward pass of a network. */
@Command(name = "run", description = "Run a network on given inputs, or print its truth table.")
final class RunCommand implements Callable<Integer> {

    /** Truth tables enumerate 2^n rows; beyond this many inputs that is not a table anyone reads. */
    static final int MAX_TABLE_INPUTS = 12;

    @Mixin
    SourceOptions source;

    @ArgGroup(multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--table", required = true,
                description = "Print the output for every combination of 0/1 inputs.")
        boolean table;

        @Option(names = "--input", required = true, split = ",", paramLabel = "X",
                description = "Comma-separated input values for one forward pass.")
        double[] input;
    }

    @Option(names = "--params", paramLabel = "FILE",
            description = "Parameter file to use (default: the one `train` wrote beside the source).")
    Path params;

    @Mixin
    BackendOption backend;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CheckResult result = source.check();
        PrintWriter out = spec.commandLine().getOut();
        List<NetworkModel> models = source.networks(result);
        for (NetworkModel model : models) {
            Network net = backend.choice.create(model, ParameterSource.forRun(model, source.file, params));
            if (models.size() > 1) {
                out.println(model.name() + ":");
            }
            if (what.table) {
                printTable(model, net, out);
            } else {
                if (what.input.length != model.inputSize()) {
                    throw new CommandFailure("--input has " + what.input.length + " values, but network "
                            + model.name() + " has " + Describe.plural(model.inputSize(), "input"));
                }
                out.println(row(model, what.input, net.predict(what.input)));
            }
        }
        return 0;
    }

    private static void printTable(NetworkModel model, Network net, PrintWriter out) {
        int n = model.inputSize();
        if (n > MAX_TABLE_INPUTS) {
            throw new CommandFailure("--table enumerates every 0/1 input, but network " + model.name()
                    + " has " + n + " inputs (at most " + MAX_TABLE_INPUTS + "); use --input instead");
        }
        double[] x = new double[n];
        for (int combination = 0; combination < (1 << n); combination++) {
            for (int i = 0; i < n; i++) {
                x[i] = (combination >> (n - 1 - i)) & 1;
            }
            out.println(row(model, x, net.predict(x)));
        }
    }

    /** {@code 0 1 -> 1}: inputs, then outputs (0/1 for step neurons, 4 decimals otherwise). */
    static String row(NetworkModel model, double[] x, double[] y) {
        StringBuilder s = new StringBuilder();
        for (double v : x) {
            s.append(number(v)).append(' ');
        }
        s.append("->");
        int k = 0;
        for (Source src : model.output().sources()) {
            boolean step = !src.isInput() && model.nodes().get(src.node()).activation() == Activation.STEP;
            for (int e = 0; e < src.length(); e++, k++) {
                s.append(' ').append(step ? number(y[k]) : String.format(java.util.Locale.ROOT, "%.4f", y[k]));
            }
        }
        return s.toString();
    }

    /** Integers without a decimal point, other values as Java prints them. */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
