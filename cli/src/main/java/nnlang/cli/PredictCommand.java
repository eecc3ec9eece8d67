package nnlang.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import nnlang.interop.batch.BatchPrediction;
import nnlang.interop.batch.CsvRows;
import nnlang.interop.batch.IdxImageRows;
import nnlang.interop.batch.InputRows;
import nnlang.interop.batch.SampleRows;
import nnlang.model.NetworkModel;
import nnlang.runtime.Network;
import nnlang.runtime.Samples;
import nnlang.runtime.data.DataException;
import nnlang.runtime.data.DataSets;
import nnlang.runtime.data.TrainingData;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nnlang predict FILE --data INPUTS [--out F] [--json]}: runs a trained network over a CSV
 * file or an IDX image file, or over a split of the data its train block names, one line per row.
 * The summary (rows, time, and the accuracy when the rows have targets) goes to the standard error
 * when the predictions go to the standard output, else to the standard output.
 */
@Command(name = "predict", description = "Run a trained network over a file of inputs, one line of outputs per row.")
final class PredictCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @ArgGroup(multiplicity = "1")
    Data data;

    static final class Data {
        @Option(names = "--data", required = true, paramLabel = "FILE",
                description = "A CSV file (inputs, optionally followed by targets, per line) or an IDX image file, gzip or raw.")
        Path file;

        @Option(names = "--split", required = true, paramLabel = "SPLIT",
                description = "train, validation or test: a split of the data the train block names.")
        String split;
    }

    @Option(names = "--header", description = "The CSV file's first line is a header.")
    boolean header;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write the predictions (default: the standard output).")
    Path out;

    @Option(names = "--json", description = "Write JSON Lines instead of CSV.")
    boolean json;

    @Option(names = "--params", paramLabel = "FILE",
            description = "Parameters, .nnp or safetensors (default: the ones `train` wrote beside the source).")
    Path params;

    @Mixin
    BackendOption backend;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<NetworkModel> models = source.networks(source.check());
        if (models.size() > 1) {
            throw new CommandFailure(source.file + " has " + models.size() + " networks; choose one with --network");
        }
        NetworkModel model = models.get(0);
        Network network = backend.choice.create(model, ParameterSource.forRun(model, source.file, params));
        PrintWriter stdout = spec.commandLine().getOut();
        BatchPrediction.Summary summary;
        try (InputRows rows = open(model)) {
            if (out == null) {
                summary = new BatchPrediction(model, network, json).run(rows, stdout);
            } else {
                try (Writer writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out),
                        StandardCharsets.UTF_8), 1 << 16)) {
                    summary = new BatchPrediction(model, network, json).run(rows, writer);
                }
            }
            PrintWriter report = out == null ? spec.commandLine().getErr() : stdout;
            report.println(summary(summary, rows.describe()));
        } catch (DataException e) {
            throw new CommandFailure(e.getMessage());
        }
        return 0;
    }

    private InputRows open(NetworkModel model) throws DataException, IOException {
        if (data.split != null) {
            TrainingData all = DataSets.load(model);
            Optional<Samples> samples = switch (data.split.toLowerCase(Locale.ROOT)) {
                case "train" -> Optional.of(all.train());
                case "validation" -> all.validation();
                case "test" -> all.test();
                default -> throw new CommandFailure("--split: expected train, validation or test, found '" + data.split + "'");
            };
            return new SampleRows(samples.orElseThrow(() -> new CommandFailure(source.file + ": the data of network "
                    + model.name() + " have no " + data.split + " split")), "the " + data.split + " split");
        }
        if (Files.isRegularFile(data.file) && IdxImageRows.looksLikeIdx(data.file)) {
            return IdxImageRows.open(data.file, model.inputSize());
        }
        return CsvRows.open(data.file, model.inputSize(), model.outputSize(), model.output().isClassifier(), header);
    }

    private static String summary(BatchPrediction.Summary s, String what) {
        String rate = s.seconds() > 0 ? String.format(Locale.ROOT, ", %,.0f rows per second", s.rows() / s.seconds()) : "";
        String accuracy = s.counted() ? String.format(Locale.ROOT, "; accuracy %.2f%% (%d of %d)", 100 * s.accuracy(),
                s.right(), s.rows()) : "";
        return String.format(Locale.ROOT, "predicted %s of %s in %.2f s (%.2f s of CPU time)%s%s",
                Describe.plural(s.rows(), "row"), what, s.seconds(), s.cpuSeconds(), rate, accuracy);
    }
}
