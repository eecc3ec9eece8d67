package nnlang.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import nnlang.frontend.CheckOptions;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.model.NetworkModel;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code .nn} file a command works on, and which of its networks. */
final class SourceOptions {

    @Parameters(index = "0", paramLabel = "FILE", description = "The .nn source file.")
    Path file;

    @Option(names = {"-n", "--network"}, paramLabel = "NAME",
            description = "The network to use when the file declares several (default: all).")
    String network;

    /**
     * Checks the file, with the trained parameters of the trained networks it uses as parts; on errors
     * prints nothing and throws a failure carrying the diagnostics.
     */
    CheckResult check() {
        return check(CheckOptions.DEFAULT);
    }

    /** Checks the file as {@code options} say; on errors throws a failure carrying the diagnostics. */
    CheckResult check(CheckOptions options) {
        CheckResult result = FrontEnd.check(file, options);
        if (result.hasErrors()) {
            int n = result.diagnostics().size();
            throw new CommandFailure(result.formatDiagnostics() + "\n" + n + (n == 1 ? " error" : " errors"));
        }
        return result;
    }

    /** The selected networks of a checked file: the one named by --network, or all. */
    List<NetworkModel> networks(CheckResult result) {
        if (network == null) {
            return result.networks();
        }
        List<NetworkModel> named = result.networks().stream().filter(m -> m.name().equals(network)).toList();
        if (named.isEmpty()) {
            throw new CommandFailure(file + ": no network named " + network + "; the file declares "
                    + result.networks().stream().map(NetworkModel::name).collect(Collectors.joining(", ")));
        }
        return named;
    }
}
