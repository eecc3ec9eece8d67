package nnlang.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterFileException;
import nnlang.runtime.ParameterLayout;

/**
 * Where a network's parameters come from for {@code run} and {@code draw}: a file given with
 * {@code --params}, else the file {@code train} wrote beside the source, else (for networks whose
 * source gives every weight and bias, like the perceptrons) the source itself.
 */
final class ParameterSource {
    private ParameterSource() {}

    static double[] forRun(NetworkModel model, Path source, Path explicit) {
        Path file = explicit != null ? explicit : ParameterFile.besideSource(source, model.name());
        if (explicit != null || Files.exists(file)) {
            try {
                return ParameterFile.read(file, ParameterLayout.of(model));
            } catch (ParameterFileException e) {
                throw new CommandFailure(e.getMessage());
            }
        }
        if (model.isFullyPreset()) {
            return Initializer.initialParameters(model);
        }
        throw new CommandFailure(source + ": network " + model.name() + " is not trained yet (no "
                + file + ")\n  hint: train it first with: ./nnlang train " + source);
    }

    /** The parameters to show in a diagram, as for {@link #forRun}, or empty when the network is not trained yet. */
    static Optional<double[]> forDrawing(NetworkModel model, Path source, Path explicit) {
        Path file = explicit != null ? explicit : ParameterFile.besideSource(source, model.name());
        if (explicit == null && !Files.exists(file) && !model.isFullyPreset()) {
            return Optional.empty();
        }
        return Optional.of(forRun(model, source, explicit));
    }
}
