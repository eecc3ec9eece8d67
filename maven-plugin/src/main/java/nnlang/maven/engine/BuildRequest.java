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
 */
public record BuildRequest(
        Path sourceDirectory,
        Path outputDirectory,
        Path statusDirectory,
        String javaPackage,
        BackEnd backend,
        String pluginVersion,
        boolean onnx,
        Optional<Path> reportDirectory) {

    public BuildRequest {
        sourceDirectory = sourceDirectory.toAbsolutePath().normalize();
        outputDirectory = outputDirectory.toAbsolutePath().normalize();
        statusDirectory = statusDirectory.toAbsolutePath().normalize();
        javaPackage = javaPackage == null ? "" : javaPackage.trim();
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(pluginVersion, "pluginVersion");
        reportDirectory = reportDirectory.map(p -> p.toAbsolutePath().normalize());
    }

    /** A request that writes no ONNX models and no training reports. */
    public BuildRequest(Path sourceDirectory, Path outputDirectory, Path statusDirectory, String javaPackage,
                        BackEnd backend, String pluginVersion) {
        this(sourceDirectory, outputDirectory, statusDirectory, javaPackage, backend, pluginVersion, false,
                Optional.empty());
    }

    /** The folder of the configured package below {@code outputDirectory}. */
    public Path packageDirectory() {
        return javaPackage.isEmpty() ? outputDirectory : outputDirectory.resolve(javaPackage.replace('.', '/'));
    }
}
