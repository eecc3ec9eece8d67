package nnlang.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import nnlang.lsp.NnLanguageServer;
import picocli.CommandLine.Command;

/**
 * {@code nnlang lsp}: the language server, speaking the Language Server Protocol over standard input
 * and output until the editor ends the session. Standard output belongs to the protocol, so anything
 * else printed goes to standard error.
 */
@Command(name = "lsp", description = "Serve the Language Server Protocol over standard input and output, for editors.")
final class LspCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        PrintStream protocol = System.out;
        System.setOut(System.err);
        return NnLanguageServer.run(System.in, protocol);
    }
}
