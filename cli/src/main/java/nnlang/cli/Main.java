package nnlang.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nnlang} command. Each subcommand is one class; they share {@link SourceOptions} for
 * reading a {@code .nn} file and choosing a network in it.
 *
 * <p>Exit status: 0 on success, 1 when the source has errors or a run fails (bad data, an unmet
 * {@code expect}), 2 for a wrong command line.
 */
@Command(
        name = "nnlang",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Check, run, train, compile and format neural networks written in .nn files.",
        subcommands = {
            CheckCommand.class,
            RunCommand.class,
            TrainCommand.class,
            CompileCommand.class,
            FormatCommand.class,
            LspCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CommandFailure failure) {
                if (!failure.getMessage().isEmpty()) {
                    commandLine.getErr().println(failure.getMessage());
                }
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"nnlang " + (v == null ? "(development build)" : v)};
        }
    }
}
