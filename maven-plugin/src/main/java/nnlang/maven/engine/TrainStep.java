package nnlang.maven.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nnlang.frontend.CheckResult;
import nnlang.model.DataSpec;
import nnlang.model.NetworkModel;
import nnlang.pictures.TrainingReport;
import nnlang.runtime.EpochReport;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterFileException;
import nnlang.runtime.ProgressFormat;
import nnlang.runtime.TrainingResult;
import nnlang.runtime.TrainingRun;

/**
 * Trains every network of a source that has a {@code train} block, on the configured back end, and
 * writes its parameters as {@code <Network>.nnp} into the package folder below the output folder,
 * beside the class the compile step put there, and its report (metrics and pictures) into
 * {@code <reportDirectory>/<Network>/} when the request has a report folder. Networks without a
 * train block are the compile step's.
 */
final class TrainStep implements BuildStep {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String upToDateQualifier() {
        return "trained ";
    }

    @Override
    public String done() {
        return "trained";
    }

    @Override
    public String configuration(BuildRequest request) {
        return "package=" + request.javaPackage() + "\noutput=" + request.outputDirectory()
                + "\nbackend=" + request.backend().name()
                + "\nreport=" + request.reportDirectory().map(Path::toString).orElse("none")
                + ParameterOutput.configuration(request);
    }

    @Override
    public Product build(String relativeName, CheckResult checked, String reason, BuildRequest request,
                         BuildLog log) throws BuildInputException, IOException {
        List<String> networks = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        List<BuildStatus.DataFile> data = new ArrayList<>();
        int failures = 0;
        for (NetworkModel model : checked.networks()) {
            if (model.train().isEmpty()) {
                continue;
            }
            log.info("nnlang: training " + model.name() + " from " + relativeName + " (" + reason + "), "
                    + request.backend().name() + " back end");
            data.addAll(fingerprintData(model));
            Optional<List<Path>> written = train(model, request, log);
            if (written.isPresent()) {
                networks.add(model.name());
                outputs.addAll(written.get());
            } else {
                failures++;
            }
        }
        if (failures > 0) {
            throw new BuildInputException(NetworkBuilder.count(failures, "network") + " of " + relativeName
                    + " failed to train");
        }
        return new Product(networks, outputs, data);
    }

    /**
     * Trains one network ({@link TrainingRun}) and writes its parameters, its ONNX model and its report
     * when the request asks for them; logs the plan, one line per reported epoch and a summary.
     * Returns the files written, or empty when the data are wrong, training diverged or the
     * expectation is not met (each logged as an error with its position; then no parameters are
     * written).
     */
    private static Optional<List<Path>> train(NetworkModel model, BuildRequest request, BuildLog log)
            throws BuildInputException, IOException {
        TrainingRun run = new TrainingRun(model, request.backend());
        log.info("nnlang: " + model.name() + " " + run.plan());
        String prefix = "nnlang: " + model.name() + " ";
        List<TrainingRun.Listener> listeners = new ArrayList<>();
        listeners.add(new TrainingRun.Listener() {
            @Override
            public void epoch(EpochReport report) {
                log.info(prefix + ProgressFormat.line(report));
            }

            @Override
            public void finished(TrainingResult result) {
                for (String line : ProgressFormat.summary(result).split("\\R")) {
                    log.info(prefix + line);
                }
            }
        });
        Optional<Path> reportFolder = request.reportDirectory().map(d -> d.resolve(model.name()));
        Optional<TrainingReport> report = reportFolder.map(folder -> new TrainingReport(model, folder));
        report.ifPresent(listeners::add);
        String javaPackage = request.javaPackageOf(model);
        Path file = ParameterOutput.file(model, request.outputDirectory(), javaPackage, ParameterFile.EXTENSION);
        TrainingRun.Outcome outcome;
        try {
            outcome = run.run(file, TrainingRun.BelowExpectation.DISCARD, TrainingRun.Listener.all(listeners));
        } catch (ParameterFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (outcome instanceof TrainingRun.Outcome.Failed failed) {
            log.error(failed.message());
            return Optional.empty();
        }
        TrainingRun.Outcome.Trained trained = (TrainingRun.Outcome.Trained) outcome;
        if (report.isPresent()) {
            List<Path> written = report.get().write(trained.result());
            log.info(prefix + "report in " + reportFolder.get() + ": " + written.stream()
                    .map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")));
        }
        if (trained.unmetExpectation().isPresent()) {
            log.error(trained.unmetExpectation().get());
            return Optional.empty();
        }
        List<Path> files = new ArrayList<>();
        files.add(trained.saved().orElseThrow());
        files.addAll(ParameterOutput.writeOnnx(model, trained.result().parameters(), request.outputDirectory(),
                javaPackage, request, log));
        return Optional.of(files);
    }

    /**
     * The files a network trains on, fingerprinted now, before they are read: a CSV file, or every
     * file directly in an MNIST folder. Inline tables have none.
     */
    private static List<BuildStatus.DataFile> fingerprintData(NetworkModel model) throws IOException {
        DataSpec spec = model.train().orElseThrow().data();
        List<Path> files = new ArrayList<>();
        if (spec instanceof DataSpec.Csv csv) {
            files.add(csv.path());
        } else if (spec instanceof DataSpec.Mnist mnist && Files.isDirectory(mnist.folder())) {
            try (Stream<Path> list = Files.list(mnist.folder())) {
                list.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        List<BuildStatus.DataFile> data = new ArrayList<>();
        for (Path f : files) {
            Path absolute = f.toAbsolutePath().normalize();
            String sha = Sha256.ofFile(absolute);
            if (sha != null) {
                data.add(new BuildStatus.DataFile(absolute, sha));
            }
        }
        return data;
    }
}
