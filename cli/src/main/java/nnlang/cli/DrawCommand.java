package nnlang.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import nnlang.frontend.CheckResult;
import nnlang.model.NetworkModel;
import nnlang.pictures.NetworkDiagram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nnlang draw FILE -o net.svg}: a diagram of a network ({@link NetworkDiagram}), as SVG or
 * PNG by the output's extension, with the weights it has: from {@code --params}, else the file
 * {@code train} wrote beside the source, else the values the source gives; a network that is not
 * trained yet is drawn without them.
 */
@Command(name = "draw", description = "Draw a network as a diagram: an SVG or PNG file.")
final class DrawCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE",
            description = "The picture to write: FILE.svg or FILE.png.")
    Path out;

    @Option(names = "--params", paramLabel = "FILE",
            description = "Parameter file whose weights to show (default: the one `train` wrote beside the source).")
    Path params;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".svg") && !name.endsWith(".png")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--out must name an .svg or .png file, not " + out);
        }
        CheckResult result = source.check();
        List<NetworkModel> models = source.networks(result);
        if (models.size() > 1) {
            throw new CommandFailure("--out names one picture, but " + source.file + " declares "
                    + models.stream().map(NetworkModel::name).collect(Collectors.joining(", "))
                    + "; choose one with --network");
        }
        NetworkModel model = models.get(0);
        Optional<double[]> weights = ParameterSource.forDrawing(model, source.file, params);
        NetworkDiagram diagram = new NetworkDiagram(model, weights);
        if (name.endsWith(".svg")) {
            diagram.writeSvg(out);
        } else {
            diagram.writePng(out, 2.0);
        }
        spec.commandLine().getOut().println("wrote " + out
                + (weights.isPresent() ? "" : " (no weights: not trained yet)"));
        return 0;
    }
}
