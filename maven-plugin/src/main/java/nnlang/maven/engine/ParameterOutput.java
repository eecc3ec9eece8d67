package nnlang.maven.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nnlang.model.NetworkModel;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterFileException;
import nnlang.runtime.ParameterLayout;

/**
 * Writes a network's parameters as {@code <Network>.nnp} in the package folder below the output
 * folder: beside {@code <Network>.class}, where the generated {@code trained()} loads them.
 */
final class ParameterOutput {
    private ParameterOutput() {}

    /**
     * Writes {@code parameters} (in the order of {@link NetworkModel}, not modified) for {@code model}
     * and returns the file.
     *
     * @throws IOException when the folder or the file cannot be written
     */
    static Path write(NetworkModel model, double[] parameters, BuildRequest request) throws IOException {
        Path file = request.packageDirectory().resolve(model.name() + ParameterFile.EXTENSION);
        Files.createDirectories(file.getParent());
        try {
            ParameterFile.write(file, ParameterLayout.of(model), parameters);
        } catch (ParameterFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        return file;
    }
}
