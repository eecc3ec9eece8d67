package nnlang.cli;

import nnlang.runtime.BackEnd;
import picocli.CommandLine.Option;

/** {@code --backend compiled|interpreted}, shared by the commands that run a network. */
final class BackendOption {

    @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "compiled",
            converter = BackendConverter.class, completionCandidates = BackendConverter.Names.class,
            description = "compiled (default) or interpreted: both give the same bits.")
    BackEnd choice;
}
