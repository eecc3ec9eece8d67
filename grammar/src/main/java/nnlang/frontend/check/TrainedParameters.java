package nnlang.frontend.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.NodeDecl;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterFileException;
import nnlang.runtime.ParameterLayout;

/**
 * The trained parameters a part of a trained network brings: the network's {@code <Network>.nnp},
 * read once per check and checked against the network's layout. Reports {@code untrained-part}
 * (no such file, or one that does not fit) at the part.
 */
final class TrainedParameters implements NetworkChecker.TrainedValues {
    /** Folders searched before the folder of the network's source (a build's output). */
    private final List<Path> folders;
    private final Map<Path, NetworkChecker.Loaded> loaded = new HashMap<>();

    TrainedParameters(List<Path> folders) {
        this.folders = List.copyOf(folders);
    }

    /**
     * The trained parameters of {@code network} for {@code part}: {@code <Network>.nnp} from the
     * first of the option's folders that has one, else from beside the network's source, checked
     * against the network's layout. Each file is read once per check.
     */
    @Override
    public Optional<NetworkChecker.Loaded> load(NodeDecl.Part part, CheckedNetwork network, Reporter reporter) {
        String name = network.model().name();
        String fileName = name + ParameterFile.EXTENSION;
        Path file = null;
        List<Path> looked = new ArrayList<>();
        for (Path folder : folders) {
            Path candidate = folder.resolve(fileName);
            looked.add(candidate);
            if (Files.isRegularFile(candidate)) {
                file = candidate;
                break;
            }
        }
        if (file == null) {
            file = ParameterFile.besideSource(network.sourcePath(), name);
            looked.add(file);
        }
        Path key = file.toAbsolutePath().normalize();
        NetworkChecker.Loaded known = loaded.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        if (!Files.exists(file)) {
            reporter.error("untrained-part", part.network().pos(), "network " + name + " has a train block, so part "
                    + part.name().text() + " uses its trained parameters, but there is no " + fileName + " (looked for "
                    + String.join(", ", looked.stream().map(Path::toString).toList()) + ")",
                    "train it first: nnlang train " + network.model().sourceFile());
            return Optional.empty();
        }
        try {
            double[] values = ParameterFile.read(file, ParameterLayout.of(network.model()));
            NetworkChecker.Loaded result = new NetworkChecker.Loaded(values, key);
            loaded.put(key, result);
            return Optional.of(result);
        } catch (ParameterFileException e) {
            reporter.error("untrained-part", part.network().pos(), "part " + part.name().text() + " cannot use the "
                    + "trained parameters of network " + name + ": " + e.getMessage(),
                    "train it again: nnlang train " + network.model().sourceFile());
            return Optional.empty();
        }
    }
}
