package nnlang.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nnlang} command. Each subcommand is one class; they share {@link SourceOptions} for
 * reading a {@code .nn} file and choosing a network in it. Every command has {@code -h/--help} and
 * {@code -V/--version} (inherited from here); the version is the project's, from the jar's manifest.
 *
 * <p>Exit status: {@value #OK} on success (and for help and version), {@value #INPUT_ERROR} when a
 * source has errors or a run fails (bad data, a diverged or unmet {@code expect}), {@value #USAGE}
 * for a wrong command line.
 */
@Command(
        name = "nnlang",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Main.Version.class,
        description = "Check, run, train, draw, compile, export, inspect and format neural networks written in .nn files.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "1:errors in the input: a source, data or parameter file, a failed or unmet training run",
            "2:a wrong command line"
        },
        subcommands = {
            CheckCommand.class,
            RunCommand.class,
            TrainCommand.class,
            DrawCommand.class,
            CompileCommand.class,
            ExportCommand.class,
            PredictCommand.class,
            ShowCommand.class,
            CompletionCommand.class,
            FormatCommand.class,
            LspCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    /** The exit status of a command that did what it was asked. */
    public static final int OK = 0;
    /** The exit status when a source, data or parameter file is wrong, or training failed or fell short. */
    public static final int INPUT_ERROR = 1;
    /** The exit status of a wrong command line. */
    public static final int USAGE = 2;

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
                return INPUT_ERROR;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /**
     * {@code nnlang 0.1.0}: the {@code Implementation-Version} that the build writes into the jar's
     * manifest; classes run from a build folder have no manifest and say so.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"nnlang " + (v == null ? "(not run from a jar: no version in a manifest)" : v)};
        }
    }
}
