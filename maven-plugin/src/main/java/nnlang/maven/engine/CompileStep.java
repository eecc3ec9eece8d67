package nnlang.maven.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nnlang.compiler.NetworkCompiler;
import nnlang.frontend.CheckResult;
import nnlang.model.Diagnostic;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.runtime.NetworkFacade;

/**
 * Compiles every network of a source into two files: its facade {@code <Network>.java} in the
 * generated sources, which javac and IDEs compile with the project's own code, and the class the
 * compiler generated for it, {@code <Network>$Compiled.class}, in the generated resources, which the
 * build copies beside the facade's class. A network without a {@code train} block whose source gives
 * every weight and bias (a perceptron, say) also gets its {@code <Network>.nnp} there, with those
 * values, so that its {@code trained()} works as for a trained network, with or without the train
 * goal.
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
        return "package=" + request.javaPackage() + "\noutput=" + request.outputDirectory()
                + "\nsources=" + request.generatedSources() + "\nresources=" + request.generatedResources()
                + ParameterOutput.configuration(request);
    }

    @Override
    public Product build(String relativeName, CheckResult checked, String reason, BuildRequest request,
                         BuildLog log) throws BuildInputException, IOException {
        log.info("nnlang: compiling " + relativeName + " (" + reason + ")");
        String javaPackage = request.javaPackageOf(Path.of(relativeName));
        int errors = 0;
        for (NetworkModel model : checked.networks()) {
            for (Diagnostic d : NetworkCompiler.check(model, javaPackage)) {
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
            outputs.add(GeneratedFiles.write(
                    GeneratedFiles.inPackage(request.generatedSources(), javaPackage, model.name() + ".java"),
                    FacadeSource.text(model, javaPackage, relativeName)));
            String compiledName = NetworkFacade.compiledClassName(BuildRequest.qualified(javaPackage, model.name()));
            outputs.add(GeneratedFiles.write(
                    GeneratedFiles.inPackage(request.generatedResources(), javaPackage,
                            compiledName.substring(compiledName.lastIndexOf('.') + 1) + ".class"),
                    NetworkCompiler.compile(model, compiledName)));
            if (model.train().isEmpty() && model.isFullyPreset()) {
                outputs.addAll(ParameterOutput.write(model, Initializer.initialParameters(model),
                        request.generatedResources(), javaPackage, request, log));
            }
        }
        return new Product(networks, outputs, List.of());
    }
}
