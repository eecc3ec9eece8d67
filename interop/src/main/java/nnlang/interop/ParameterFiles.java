package nnlang.interop;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import nnlang.interop.safetensors.SafetensorsParameters;
import nnlang.model.NetworkModel;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterFileException;
import nnlang.runtime.ParameterLayout;

/**
 * Reads a network's parameters from a file of either format nnlang reads them in, told apart by
 * their content, not their name: an nnlang parameter file ({@code .nnp}, which starts with the
 * bytes {@code NNLP}) or a safetensors file.
 */
public final class ParameterFiles {

    private static final byte[] NNP_MAGIC = {'N', 'N', 'L', 'P'};

    private ParameterFiles() {}

    /**
     * The parameters of {@code model} stored in {@code file}, checked against the network's layout.
     *
     * @throws ParameterFileException naming the file (and the tensor or node) when the file is
     *                                missing, damaged, or made for another network
     */
    public static double[] read(Path file, NetworkModel model) {
        String what = file.toString();
        if (Files.isDirectory(file)) {
            throw new ParameterFileException(what, "is a folder, expected a parameter file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ParameterFileException(what, "file not found");
        } catch (IOException e) {
            throw new ParameterFileException(what, "cannot read the file: " + e, e);
        }
        ParameterLayout layout = ParameterLayout.of(model);
        if (isNnp(bytes)) {
            return ParameterFile.read(new ByteArrayInputStream(bytes), what, layout);
        }
        return SafetensorsParameters.decode(bytes, what, layout);
    }

    /** Whether {@code bytes} start as an nnlang parameter file does. */
    static boolean isNnp(byte[] bytes) {
        return bytes.length >= NNP_MAGIC.length && Arrays.equals(bytes, 0, NNP_MAGIC.length, NNP_MAGIC, 0, NNP_MAGIC.length);
    }
}
