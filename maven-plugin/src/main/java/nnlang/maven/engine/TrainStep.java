package nnlang.maven.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import nnlang.frontend.CheckOptions;
import nnlang.frontend.CheckResult;
import nnlang.model.DataSpec;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.runtime.Network;
import nnlang.runtime.ProgressFormat;
import nnlang.runtime.Trainer;
import nnlang.runtime.TrainingDivergedException;
import nnlang.runtime.TrainingResult;
import nnlang.runtime.data.DataException;
import nnlang.runtime.data.DataSets;
import nnlang.runtime.data.TrainingData;

/**
 * Trains every network of a source that has a {@code train} block, on the configured back end, and
 * writes its parameters as {@code <Network>.nnp} into the package folder below the output folder,
 * beside the class the compile step put there. A network without a train block that uses a trained
 * network as a part gets its {@code <Network>.nnp} here too, with that network's trained parameters,
 * read from the package folder (where this build trained it) or from beside its source. Other
 * networks without a train block are the compile step's.
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
                + "\nbackend=" + request.backend().label();
    }

    @Override
    public CheckOptions checkOptions(BuildRequest request) {
        return new CheckOptions(true, List.of(request.packageDirectory()));
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
                        .collect(java.util.stream.Collectors.joining(", ")));
                networks.add(model.name());
                outputs.add(ParameterOutput.write(model, Initializer.initialParameters(model), request));
                continue;
            }
            if (model.train().isEmpty()) {
                continue;
            }
            log.info("nnlang: training " + model.name() + " from " + relativeName + " (" + reason + "), "
                    + request.backend().label() + " back end");
            data.addAll(fingerprintData(model));
            Optional<Path> written = train(model, request, log);
            if (written.isPresent()) {
                networks.add(model.name());
                outputs.add(written.get());
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
     * Trains one network and writes its parameters; logs one line per reported epoch and a summary.
     * Returns the parameter file, or empty when the data are wrong, training diverged or the
     * expectation is not met (each logged as an error with its position).
     */
    private static Optional<Path> train(NetworkModel model, BuildRequest request, BuildLog log) throws IOException {
        TrainingData data;
        try {
            data = DataSets.load(model);
        } catch (DataException e) {
            log.error(e.getMessage());
            return Optional.empty();
        }
        Network network = request.backend().create(model);
        network.setParameters(Initializer.initialParameters(model));
        Trainer trainer = new Trainer(model);
        TrainingResult result;
        try {
            result = trainer.train(network, data, report -> log.info("nnlang: " + model.name() + " "
                    + ProgressFormat.line(report)));
        } catch (TrainingDivergedException e) {
            log.error(e.getMessage());
            return Optional.empty();
        }
        for (String line : ProgressFormat.summary(result).split("\\R")) {
            log.info("nnlang: " + model.name() + " " + line);
        }
        Optional<String> unmet = trainer.unmetExpectation(result);
        if (unmet.isPresent()) {
            log.error(unmet.get());
            return Optional.empty();
        }
        return Optional.of(ParameterOutput.write(model, result.parameters(), request));
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
