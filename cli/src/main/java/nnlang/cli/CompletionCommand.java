package nnlang.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nnlang completion}: prints a completion script for bash and zsh (picocli's
 * {@link AutoComplete}), to be sourced: {@code source <(./nnlang completion)}.
 */
@Command(name = "completion",
        description = {"Print a bash/zsh completion script for nnlang.",
            "Use it with: source <(nnlang completion)   (in zsh, after: autoload -U +X bashcompinit && bashcompinit)"})
final class CompletionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        spec.commandLine().getOut().flush();
    }
}
