package nnlang.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.model.NetworkModel;

/**
 * A network as its {@code .nn} source gives it: what the driver sends to the executors, which check
 * it and build their networks from it once per JVM ({@link ExecutorNetworks}). Paths in its train
 * block are never read on Spark: the data come from a Dataset.
 *
 * @param fileName the file as the user named it, for positions in messages
 * @param text     the source text
 * @param network  the network's name
 */
record NetworkSource(String fileName, String text, String network) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The network of {@code file} to train: the one called {@code network}, or with {@code network}
     * null the only network with a train block.
     *
     * @throws IllegalArgumentException with the diagnostics or what is missing, when there is no such
     *                                  network or the file has errors
     */
    static NetworkSource read(Path file, String network) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": error: cannot read the file: " + e.getMessage(), e);
        }
        return of(file.toString(), text, network);
    }

    /** {@link #read} of source text already in memory. */
    static NetworkSource of(String fileName, String text, String network) {
        List<NetworkModel> trainable = check(fileName, text).networks().stream()
                .filter(m -> m.train().isPresent()).toList();
        List<NetworkModel> chosen = network == null ? trainable
                : trainable.stream().filter(m -> m.name().equals(network)).toList();
        if (chosen.size() != 1) {
            String names = trainable.stream().map(NetworkModel::name).collect(Collectors.joining(", "));
            throw new IllegalArgumentException(fileName + ": error: " + (trainable.isEmpty()
                    ? "no network to train: a network needs a train block"
                    : network != null ? "no network named " + network + " with a train block; the file has " + names
                    : "the file has several networks to train (" + names + "); choose one"));
        }
        return new NetworkSource(fileName, text, chosen.get(0).name());
    }

    /** The checked network; the same model on every JVM. */
    NetworkModel model() {
        return check(fileName, text).networks().stream().filter(m -> m.name().equals(network)).findFirst()
                .orElseThrow(() -> new IllegalStateException(fileName + " no longer declares " + network));
    }

    private static CheckResult check(String fileName, String text) {
        Path base = Path.of(fileName).toAbsolutePath().getParent();
        CheckResult result = FrontEnd.check(fileName, text, base);
        if (result.hasErrors()) {
            int n = result.diagnostics().size();
            throw new IllegalArgumentException(result.formatDiagnostics() + "\n" + n + (n == 1 ? " error" : " errors"));
        }
        return result;
    }
}
