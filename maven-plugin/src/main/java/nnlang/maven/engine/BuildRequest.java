package nnlang.maven.engine;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import nnlang.model.NetworkModel;
import nnlang.runtime.BackEnd;

/**
 * Everything one build of a project's networks needs, as the Maven goals read it from the
 * configuration. Immutable; paths are made absolute and normalised.
 *
 * @param sourceDirectory    the folder searched, recursively, for {@code .nn} files
 * @param outputDirectory    where trained parameter files go, below their package folders (the
 *                           classes folder); the status files record outputs relative to it
 * @param generatedSources   where each network's facade, {@code <Network>.java}, goes (a source root)
 * @param generatedResources where each network's compiled class, {@code <Network>$Compiled.class}, and
 *                           the parameters of a network the source fully presets go (a resource root)
 * @param statusDirectory    where the incremental build keeps its status files
 * @param javaPackage        the package of every generated class; empty to take each source's package
 *                           from its folder below {@code sourceDirectory}
 * @param backend            the back end that trains the networks
 * @param pluginVersion      recorded in the status so that a new plugin rebuilds everything
 * @param onnx               whether each network is also exported as {@code <Network>.onnx} beside its
 *                           parameters
 * @param reportDirectory    where training writes each network's report, into {@code <Network>/}
 *                           below it; empty for none
 * @param checkpointEvery    training saves a checkpoint under the status folder after every this many
 *                           epochs, from which an interrupted build's next build continues; 0 for none
 * @param threads            the threads training uses instead of each train block's {@code threads}
 *                           (0: one per processor); empty to follow the train blocks
 */
public record BuildRequest(
        Path sourceDirectory,
        Path outputDirectory,
        Path generatedSources,
        Path generatedResources,
        Path statusDirectory,
        String javaPackage,
        BackEnd backend,
        String pluginVersion,
        boolean onnx,
        Optional<Path> reportDirectory,
        int checkpointEvery,
        java.util.OptionalInt threads) {

    public BuildRequest {
        sourceDirectory = sourceDirectory.toAbsolutePath().normalize();
        outputDirectory = outputDirectory.toAbsolutePath().normalize();
        generatedSources = generatedSources.toAbsolutePath().normalize();
        generatedResources = generatedResources.toAbsolutePath().normalize();
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
    public BuildRequest(Path sourceDirectory, Path outputDirectory, Path generatedSources, Path generatedResources,
                        Path statusDirectory, String javaPackage, BackEnd backend, String pluginVersion, boolean onnx,
                        Optional<Path> reportDirectory) {
        this(sourceDirectory, outputDirectory, generatedSources, generatedResources, statusDirectory, javaPackage,
                backend, pluginVersion, onnx, reportDirectory, 1, java.util.OptionalInt.empty());
    }

    /** A request whose networks train on the threads their train blocks say. */
    public BuildRequest(Path sourceDirectory, Path outputDirectory, Path generatedSources, Path generatedResources,
                        Path statusDirectory, String javaPackage, BackEnd backend, String pluginVersion, boolean onnx,
                        Optional<Path> reportDirectory, int checkpointEvery) {
        this(sourceDirectory, outputDirectory, generatedSources, generatedResources, statusDirectory, javaPackage,
                backend, pluginVersion, onnx, reportDirectory, checkpointEvery, java.util.OptionalInt.empty());
    }

    /** The same request, with training saving a checkpoint after every {@code epochs} epochs (0: none). */
    public BuildRequest withCheckpointEvery(int epochs) {
        return new BuildRequest(sourceDirectory, outputDirectory, generatedSources, generatedResources, statusDirectory,
                javaPackage, backend, pluginVersion, onnx, reportDirectory, epochs, threads);
    }

    /** The same request, with training on {@code threads} threads instead of the train blocks' (empty: theirs). */
    public BuildRequest withThreads(java.util.OptionalInt threads) {
        return new BuildRequest(sourceDirectory, outputDirectory, generatedSources, generatedResources, statusDirectory,
                javaPackage, backend, pluginVersion, onnx, reportDirectory, checkpointEvery, threads);
    }

    /** A request that writes no ONNX models and no training reports. */
    public BuildRequest(Path sourceDirectory, Path outputDirectory, Path generatedSources, Path generatedResources,
                        Path statusDirectory, String javaPackage, BackEnd backend, String pluginVersion) {
        this(sourceDirectory, outputDirectory, generatedSources, generatedResources, statusDirectory, javaPackage,
                backend, pluginVersion, false, Optional.empty(), 1, java.util.OptionalInt.empty());
    }

    /** Where training keeps the checkpoint of network {@code network} while it trains. */
    public Path checkpoint(String network) {
        return statusDirectory.resolve("checkpoints").resolve(network + ".checkpoint" + nnlang.runtime.ParameterFile.EXTENSION);
    }

    /**
     * The package of the classes generated from {@code source} (a path below the source folder,
     * relative or absolute): the configured package, or, when none is configured, the source's
     * folder below the source folder with {@code .} for {@code /}, as antlr4-maven-plugin does
     * ({@code org/example/xor.nn} gives {@code org.example}; a source directly in the source folder
     * gives the unnamed package). A folder that is not a Java name gives a package the compiler
     * rejects, with the network's position.
     */
    public String javaPackageOf(Path source) {
        if (!javaPackage.isEmpty()) {
            return javaPackage;
        }
        Path folder = sourceDirectory.relativize(sourceDirectory.resolve(source).normalize()).getParent();
        return folder == null ? "" : folder.toString().replace('\\', '/').replace('/', '.');
    }

    /** The package of {@code model}'s classes: {@link #javaPackageOf(Path)} of the file it was read from. */
    public String javaPackageOf(NetworkModel model) {
        return javaPackageOf(Path.of(model.sourceFile()));
    }

    /** {@code name} in {@code javaPackage}: {@code org.example.Xor}, or {@code Xor} in the unnamed package. */
    static String qualified(String javaPackage, String name) {
        return javaPackage.isEmpty() ? name : javaPackage + "." + name;
    }
}
