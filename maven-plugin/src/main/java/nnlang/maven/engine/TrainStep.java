package nnlang.maven.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nnlang.frontend.CheckOptions;
import nnlang.frontend.CheckResult;
import nnlang.model.DataSpec;
import nnlang.model.NetworkModel;
import nnlang.pictures.TrainingReport;
import nnlang.runtime.EpochReport;
import nnlang.runtime.Initializer;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterFileException;
import nnlang.runtime.ProgressFormat;
import nnlang.runtime.TrainingResult;
import nnlang.runtime.TrainingRun;

/**
 * Trains every network of a source that has a {@code train} block, on the configured back end, and
 * writes its parameters as {@code <Network>.nnp} into the package folder below the output folder,
 * beside the class the compile step put there, and its report (metrics and pictures) into
 * {@code <reportDirectory>/<Network>/} when the request has a report folder. A network without a
 * train block that uses a trained network as a part gets its {@code <Network>.nnp} here too, with
 * that network's trained parameters, read from the package folder (where this build trained it) or
 * from beside its source. Other networks without a train block are the compile step's.
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

    /**
     * Trained networks used as parts are read from the package folder of the source below the output
     * folder, where this build trains the networks of that package, before beside their sources.
     */
    @Override
    public CheckOptions checkOptions(BuildRequest request, String source) {
        return new CheckOptions(true, List.of(
                GeneratedFiles.packageFolder(request.outputDirectory(), request.javaPackageOf(Path.of(source)))));
    }

    @Override
    public Product build(String relativeName, CheckResult checked, String reason, BuildRequest request,
                         BuildLog log) throws BuildInputException, IOException {
        List<String> networks = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        List<BuildStatus.DataFile> data = new ArrayList<>();
        int failures = 0;
        for (NetworkModel model : checked.networks()) {
            List<Path> trainedParts = checked.parameterFiles().getOrDefault(model.name(), List.of());
            if (model.train().isEmpty() && !trainedParts.isEmpty()) {
                log.info("nnlang: " + model.name() + " from " + relativeName + " (" + reason + ") has the trained "
                        + "parameters of " + trainedParts.stream().map(p -> p.getFileName().toString())
                        .collect(Collectors.joining(", ")));
                networks.add(model.name());
                outputs.addAll(ParameterOutput.write(model, Initializer.initialParameters(model), request.outputDirectory(),
                        request.javaPackageOf(model), request, log));
                continue;
            }
            if (model.train().isEmpty()) {
                continue;
            }
            log.info("nnlang: training " + model.name() + " from " + relativeName + " (" + reason + "), "
                    + request.backend().name() + " back end");
            data.addAll(fingerprintData(model));
            Optional<List<Path>> written = train(model, relativeName, request, log);
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
    private Optional<List<Path>> train(NetworkModel model, String relativeName, BuildRequest request, BuildLog log)
            throws BuildInputException, IOException {
        TrainingRun run = new TrainingRun(model, request.backend());
        if (request.checkpointEvery() > 0) {
            run = run.checkpointing(request.checkpoint(model.name()), fingerprint(model, relativeName, request),
                    request.checkpointEvery(), true);
        }
        if (request.threads().isPresent()) {
            run = run.onThreads(request.threads().getAsInt());
        }
        log.info("nnlang: " + model.name() + " " + run.plan());
        String prefix = "nnlang: " + model.name() + " ";
        List<TrainingRun.Listener> listeners = new ArrayList<>();
        listeners.add(new TrainingRun.Listener() {
            @Override
            public void resumed(int epoch, Path checkpoint) {
                log.info(prefix + "resuming an interrupted build after epoch " + epoch + " from " + checkpoint);
            }

            @Override
            public void startedOver(Path checkpoint, String why) {
                log.info(prefix + "not resuming from " + checkpoint + ": " + why + "; training from the start");
            }

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
     * What identifies a network's run, so that only the same run resumes from its checkpoint: the
     * source's SHA-256, the step's configuration and the network's name.
     */
    private String fingerprint(NetworkModel model, String relativeName, BuildRequest request) throws IOException {
        return "source " + relativeName + " sha256 " + Sha256.ofFile(request.sourceDirectory().resolve(relativeName))
                + ", configuration sha256 " + Sha256.ofText(configuration(request)) + ", network " + model.name();
    }

    /**
     * The files a network trains on, fingerprinted now, before they are read: its CSV files (data,
     * validation, test), or every file directly in an MNIST folder. Inline tables have none.
     */
    private static List<BuildStatus.DataFile> fingerprintData(NetworkModel model) throws IOException {
        DataSpec spec = model.train().orElseThrow().data();
        List<Path> files = new ArrayList<>();
        nnlang.model.TrainSpec.HeldOut heldOut = model.train().orElseThrow().heldOut();
        for (DataSpec held : Stream.of(heldOut.validation(), heldOut.test()).flatMap(Optional::stream).toList()) {
            if (held instanceof DataSpec.Csv csv) {
                files.add(csv.path());
            }
        }
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
