package nnlang.maven.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nnlang.interop.ExportException;
import nnlang.interop.OutputFiles;
import nnlang.interop.onnx.OnnxExport;
import nnlang.model.NetworkModel;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterFileException;
import nnlang.runtime.ParameterLayout;

/**
 * Writes a network's parameters as {@code <Network>.nnp} in its package folder, where the facade's
 * {@code trained()} finds them beside its class once the build has put everything into the classes
 * folder; and, when the request asks for it, the network as an ONNX model, {@code <Network>.onnx},
 * beside them.
 */
final class ParameterOutput {
    private ParameterOutput() {}

    /** Where {@code model}'s file {@code <Network><extension>} goes: its package folder below {@code root}. */
    static Path file(NetworkModel model, Path root, String javaPackage, String extension) {
        return GeneratedFiles.inPackage(root, javaPackage, model.name() + extension);
    }

    /**
     * Writes {@code parameters} (in the order of {@link NetworkModel}, not modified) for {@code model}
     * into the folder of {@code javaPackage} below {@code root}, with its ONNX model when the request
     * asks for one, and returns the files written.
     *
     * @throws BuildInputException when the network cannot be exported to ONNX (logged first)
     * @throws IOException         when the folder or a file cannot be written
     */
    static List<Path> write(NetworkModel model, double[] parameters, Path root, String javaPackage,
            BuildRequest request, BuildLog log) throws BuildInputException, IOException {
        Path file = file(model, root, javaPackage, ParameterFile.EXTENSION);
        Files.createDirectories(file.getParent());
        try {
            ParameterFile.write(file, ParameterLayout.of(model), parameters);
        } catch (ParameterFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        List<Path> files = new ArrayList<>();
        files.add(file);
        files.addAll(writeOnnx(model, parameters, root, javaPackage, request, log));
        return files;
    }

    /**
     * When the request asks for it, the network with {@code parameters} as {@code <Network>.onnx} in the
     * folder of {@code javaPackage} below {@code root}; returns the file written, or none.
     *
     * @throws BuildInputException when the network cannot be exported to ONNX (logged first)
     * @throws IOException         when the file cannot be written
     */
    static List<Path> writeOnnx(NetworkModel model, double[] parameters, Path root, String javaPackage,
            BuildRequest request, BuildLog log) throws BuildInputException, IOException {
        if (!request.onnx()) {
            return List.of();
        }
        Path onnx = file(model, root, javaPackage, ".onnx");
        Files.createDirectories(onnx.getParent());
        try {
            OutputFiles.write(onnx, OnnxExport.model(model, parameters));
        } catch (ExportException e) {
            log.error(e.getMessage());
            throw new BuildInputException("network " + model.name() + " cannot be exported to ONNX");
        }
        return List.of(onnx);
    }

    /** What the ONNX option adds to a step's configuration, so that switching it rebuilds. */
    static String configuration(BuildRequest request) {
        return request.onnx() ? "\nonnx=true" : "";
    }
}
