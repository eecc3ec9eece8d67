package nnlang.maven.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nnlang.compiler.NetworkCompiler;
import nnlang.frontend.CheckOptions;
import nnlang.frontend.CheckResult;
import nnlang.model.Diagnostic;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;

/**
 * Compiles every network of a source into a class file below the output folder. A network without a
 * {@code train} block whose source gives every weight and bias (a perceptron, say) also gets its
 * {@code <Network>.nnp} here, with those values, so that its {@code trained()} works as for a
 * trained network, with or without the train goal. A class holds no parameter values, so sources are
 * checked for structure only: a trained network used as a part need not be trained yet (the train
 * step writes the parameter file of a network that uses one).
 */
final class CompileStep implements BuildStep {

    @Override
    public String name() {
        return "compile";
    }

    @Override
    public String upToDateQualifier() {
        return "";
    }

    @Override
    public String done() {
        return "compiled";
    }

    @Override
    public String configuration(BuildRequest request) {
        return "package=" + request.javaPackage() + "\noutput=" + request.outputDirectory();
    }

    @Override
    public CheckOptions checkOptions(BuildRequest request) {
        return CheckOptions.STRUCTURE;
    }

    @Override
    public Product build(String relativeName, CheckResult checked, String reason, BuildRequest request,
                         BuildLog log) throws BuildInputException, IOException {
        log.info("nnlang: compiling " + relativeName + " (" + reason + ")");
        int errors = 0;
        for (NetworkModel model : checked.networks()) {
            for (Diagnostic d : NetworkCompiler.check(model, request.javaPackage())) {
                log.error(d.format(checked.sourceLines()));
                errors++;
            }
        }
        if (errors > 0) {
            throw new BuildInputException(NetworkBuilder.count(errors, "error") + " in " + relativeName);
        }
        List<String> networks = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (NetworkModel model : checked.networks()) {
            networks.add(model.name());
            outputs.add(NetworkCompiler.write(model, request.javaPackage(), request.outputDirectory()));
            if (model.train().isEmpty() && model.isFullyPreset()) {
                outputs.add(ParameterOutput.write(model, Initializer.initialParameters(model), request));
            }
        }
        return new Product(networks, outputs, List.of());
    }
}
