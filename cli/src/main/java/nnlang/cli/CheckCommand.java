package nnlang.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nnlang.compiler.NetworkCompiler;
import nnlang.frontend.CheckOptions;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FormulaText;
import nnlang.frontend.FrontEnd;
import nnlang.model.Diagnostic;
import nnlang.model.FormulaActivation;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nnlang check FILE...}: reports every problem in each file, or one line per network; with
 * {@code --explain}, also each node's input and output shapes and parameter count, and each formula
 * activation the network uses with the derivative derived for it. The sources are checked for
 * structure: a trained network used as a part need not be trained yet ({@code run} and {@code train}
 * read its parameters).
 */
@Command(name = "check", description = "Check .nn files and report every problem with its position.")
final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .nn source files.")
    List<Path> files;

    @Option(names = "--explain", description = "Also print each node's shapes and parameters, and each formula activation with its derived derivative.")
    boolean explain;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int errors = 0;
        for (Path file : files) {
            CheckResult result = FrontEnd.check(file, CheckOptions.STRUCTURE);
            List<Diagnostic> problems = result.diagnostics();
            if (!result.hasErrors()) {
                for (NetworkModel model : result.networks()) {
                    problems = NetworkCompiler.check(model, "");
                    if (!problems.isEmpty()) {
                        break;
                    }
                }
            }
            if (!problems.isEmpty()) {
                for (Diagnostic d : problems) {
                    spec.commandLine().getErr().println(d.format(result.sourceLines()));
                }
                errors += problems.size();
                continue;
            }
            for (NetworkModel model : result.networks()) {
                spec.commandLine().getOut().println(file + ": ok: " + Describe.network(model));
                if (explain) {
                    explain(model);
                }
            }
        }
        if (errors > 0) {
            spec.commandLine().getErr().println(errors + (errors == 1 ? " error" : " errors"));
            return 1;
        }
        return 0;
    }

    /**
     * A table of the nodes, each with what it reads and gives and its parameter count, then two lines
     * per formula activation, in the order the nodes first use them.
     */
    private void explain(NetworkModel model) {
        Describe.layers(model).forEach(line -> spec.commandLine().getOut().println("  " + line));
        model.nodes().stream().map(Node::activation).distinct().forEach(f -> {
            if (f instanceof FormulaActivation formula) {
                FormulaText.explain(formula).forEach(line -> spec.commandLine().getOut().println("  " + line));
            }
        });
    }
}
