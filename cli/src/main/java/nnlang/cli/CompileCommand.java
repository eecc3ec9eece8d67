package nnlang.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nnlang.compiler.NetworkCompiler;
import nnlang.frontend.CheckOptions;
import nnlang.frontend.CheckResult;
import nnlang.model.Diagnostic;
import nnlang.model.NetworkModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nnlang compile FILE -d DIR [--package P]}: writes one class per network. A class holds no
 * parameter values, so the source is checked for structure only: a trained network used as a part
 * need not be trained yet.
 */
@Command(name = "compile", description = "Compile networks into JVM class files.")
final class CompileCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = {"-d", "--directory"}, required = true, paramLabel = "DIR",
            description = "Output folder; classes go into package subfolders below it.")
    Path directory;

    @Option(names = {"-p", "--package"}, paramLabel = "PACKAGE", defaultValue = "",
            description = "Java package of the generated classes (default: none).")
    String javaPackage;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CheckResult result = source.check(CheckOptions.STRUCTURE);
        List<NetworkModel> models = source.networks(result);
        StringBuilder problems = new StringBuilder();
        for (NetworkModel model : models) {
            for (Diagnostic d : NetworkCompiler.check(model, javaPackage)) {
                problems.append(problems.length() == 0 ? "" : "\n").append(d.format(result.sourceLines()));
            }
        }
        if (problems.length() > 0) {
            throw new CommandFailure(problems.toString());
        }
        for (NetworkModel model : models) {
            Path written = NetworkCompiler.write(model, javaPackage, directory);
            spec.commandLine().getOut().println("wrote " + written);
        }
        return 0;
    }
}
