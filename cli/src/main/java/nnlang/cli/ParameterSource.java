package nnlang.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import nnlang.interop.ParameterFiles;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterFileException;

/**
 * Where a network's parameters come from for {@code run}, {@code draw}, {@code predict},
 * {@code export} and {@code show}: a file given with {@code --params} (an {@code .nnp} or a
 * safetensors file, told apart by content), else the file {@code train} wrote beside the source, else
 * (for networks whose source gives every weight and bias, like the perceptrons) the source itself;
 * see {@link #find}.
 */
final class ParameterSource {
    private ParameterSource() {}

    /** Parameters and where they came from: a file's name, or {@code written in the source}. */
    record Found(double[] values, String origin) {}

    static double[] forRun(NetworkModel model, Path source, Path explicit) {
        return find(model, source, explicit).map(Found::values).orElseThrow(() -> new CommandFailure(source + ": network " + model.name()
                + " is not trained yet (no " + ParameterFile.besideSource(source, model.name()) + ")\n  hint: train it first with: ./nnlang train "
                + source));
    }

    /**
     * The parameters, or empty when the network is not trained and its source does not give them all.
     * A network without a train block whose source gives every parameter (a perceptron, or a trained
     * network written out by {@code export --format nn}) takes them from the source even when a file
     * of its name lies beside it: no {@code train} wrote that file for it.
     */
    static Optional<Found> find(NetworkModel model, Path source, Path explicit) {
        Found presets = model.isFullyPreset() ? new Found(Initializer.initialParameters(model), "written in the source") : null;
        if (explicit == null && model.train().isEmpty() && presets != null) {
            return Optional.of(presets);
        }
        Path file = explicit != null ? explicit : ParameterFile.besideSource(source, model.name());
        if (explicit != null || Files.exists(file)) {
            return Optional.of(new Found(read(file, model), file.toString()));
        }
        if (presets != null) {
            return Optional.of(presets);
        }
        return Optional.empty();
    }

    /** The parameters in {@code file}, either format, checked against the network. */
    static double[] read(Path file, NetworkModel model) {
        try {
            return ParameterFiles.read(file, model);
        } catch (ParameterFileException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    /** The parameters to show in a diagram, as for {@link #forRun}, or empty when the network is not trained yet. */
    static Optional<double[]> forDrawing(NetworkModel model, Path source, Path explicit) {
        return find(model, source, explicit).map(Found::values);
    }
}
