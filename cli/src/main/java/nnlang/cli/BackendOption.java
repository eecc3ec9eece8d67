package nnlang.cli;

import nnlang.model.NetworkModel;
import nnlang.runtime.Network;
import picocli.CommandLine.Option;

/** {@code --backend compiled|interpreted}, shared by the commands that run a network. */
final class BackendOption {

    @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "compiled",
            converter = BackendConverter.class,
            description = "compiled (default) or interpreted: both give the same bits.")
    Backend choice;

    Network create(NetworkModel model) {
        return choice.create(model);
    }

    String label() {
        return choice.label();
    }
}
