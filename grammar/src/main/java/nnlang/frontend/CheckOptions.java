package nnlang.frontend;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the front end may read besides the sources: the trained parameters of networks that other
 * networks use as parts; and where the text of an imported file comes from.
 *
 * @param trainedValues     whether a part that uses a trained network (one with a train block) gets
 *                          that network's trained parameters, read from {@code <Network>.nnp}: the
 *                          checked model then holds them, and a missing or outdated file is a
 *                          diagnostic. Without, the model has the network's structure only, its
 *                          values are not read and the model is for compiling, not for running.
 * @param parameterFolders  folders searched for {@code <Network>.nnp}, in order, before the folder of
 *                          the network's source (a build's output folder)
 * @param sources           texts to use instead of what the files hold, by absolute, normalised path:
 *                          an editor's unsaved changes to the files a source imports
 */
public record CheckOptions(boolean trainedValues, List<Path> parameterFolders, Map<Path, String> sources) {

    /** Trained parameters from beside their sources. */
    public static final CheckOptions DEFAULT = new CheckOptions(true, List.of());

    /** Structure only: nothing is read but the sources. */
    public static final CheckOptions STRUCTURE = new CheckOptions(false, List.of());

    public CheckOptions {
        parameterFolders = List.copyOf(parameterFolders);
        sources = Map.copyOf(sources);
    }

    /** Every imported file read from disk. */
    public CheckOptions(boolean trainedValues, List<Path> parameterFolders) {
        this(trainedValues, parameterFolders, Map.of());
    }

    /** The same options, with {@code sources} read instead of the files at their paths. */
    public CheckOptions withSources(Map<Path, String> sources) {
        return new CheckOptions(trainedValues, parameterFolders, sources);
    }
}
