package nnlang.maven.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nnlang.model.NetworkModel;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterFileException;
import nnlang.runtime.ParameterLayout;

/**
 * Writes a network's parameters as {@code <Network>.nnp} in its package folder, where the facade's
 * {@code trained()} finds them beside its class once the build has put everything into the classes
 * folder.
 */
final class ParameterOutput {
    private ParameterOutput() {}

    /**
     * Writes {@code parameters} (in the order of {@link NetworkModel}, not modified) for {@code model}
     * into its package folder below the request's output folder, and returns the file.
     *
     * @throws IOException when the folder or the file cannot be written
     */
    static Path write(NetworkModel model, double[] parameters, BuildRequest request) throws IOException {
        return write(model, parameters, request.outputDirectory(), request.javaPackageOf(model));
    }

    /**
     * Writes {@code parameters} for {@code model} into the folder of {@code javaPackage} below
     * {@code root}, and returns the file.
     *
     * @throws IOException when the folder or the file cannot be written
     */
    static Path write(NetworkModel model, double[] parameters, Path root, String javaPackage) throws IOException {
        Path file = GeneratedFiles.inPackage(root, javaPackage, model.name() + ParameterFile.EXTENSION);
        Files.createDirectories(file.getParent());
        try {
            ParameterFile.write(file, ParameterLayout.of(model), parameters);
        } catch (ParameterFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        return file;
    }
}
