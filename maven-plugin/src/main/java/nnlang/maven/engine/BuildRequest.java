package nnlang.maven.engine;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import nnlang.runtime.BackEnd;

/**
 * Everything one build of a project's networks needs, as the Maven goals read it from the
 * configuration. Immutable; paths are made absolute and normalised.
 *
 * @param sourceDirectory the folder searched, recursively, for {@code .nn} files
 * @param outputDirectory where classes and parameter files go, below their package folders
 * @param statusDirectory where the incremental build keeps its status files
 * @param javaPackage     the package of the generated classes; empty for the unnamed package
 * @param backend         the back end that trains the networks
 * @param pluginVersion   recorded in the status so that a new plugin rebuilds everything
 * @param onnx            whether each network's parameters are also exported as {@code <Network>.onnx}
 *                        beside its class
 * @param reportDirectory where training writes each network's report, into {@code <Network>/}
 *                        below it; empty for none
 * @param checkpointEvery training saves a checkpoint under the status folder after every this many
 *                        epochs, from which an interrupted build's next build continues; 0 for none
 */
public record BuildRequest(
        Path sourceDirectory,
        Path outputDirectory,
        Path statusDirectory,
        String javaPackage,
        BackEnd backend,
        String pluginVersion,
        boolean onnx,
        Optional<Path> reportDirectory,
        int checkpointEvery) {

    public BuildRequest {
        sourceDirectory = sourceDirectory.toAbsolutePath().normalize();
        outputDirectory = outputDirectory.toAbsolutePath().normalize();
        statusDirectory = statusDirectory.toAbsolutePath().normalize();
        javaPackage = javaPackage == null ? "" : javaPackage.trim();
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(pluginVersion, "pluginVersion");
        reportDirectory = reportDirectory.map(p -> p.toAbsolutePath().normalize());
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("checkpoints every " + checkpointEvery + " epochs");
        }
    }

    /** A request whose training saves a checkpoint after every epoch. */
    public BuildRequest(Path sourceDirectory, Path outputDirectory, Path statusDirectory, String javaPackage,
                        BackEnd backend, String pluginVersion, boolean onnx, Optional<Path> reportDirectory) {
        this(sourceDirectory, outputDirectory, statusDirectory, javaPackage, backend, pluginVersion, onnx,
                reportDirectory, 1);
    }

    /** A request that writes no ONNX models and no training reports. */
    public BuildRequest(Path sourceDirectory, Path outputDirectory, Path statusDirectory, String javaPackage,
                        BackEnd backend, String pluginVersion) {
        this(sourceDirectory, outputDirectory, statusDirectory, javaPackage, backend, pluginVersion, false,
                Optional.empty(), 1);
    }

    /** Where training keeps the checkpoint of network {@code network} while it trains. */
    public Path checkpoint(String network) {
        return statusDirectory.resolve("checkpoints").resolve(network + ".checkpoint" + nnlang.runtime.ParameterFile.EXTENSION);
    }

    /** The folder of the configured package below {@code outputDirectory}. */
    public Path packageDirectory() {
        return javaPackage.isEmpty() ? outputDirectory : outputDirectory.resolve(javaPackage.replace('.', '/'));
    }
}
