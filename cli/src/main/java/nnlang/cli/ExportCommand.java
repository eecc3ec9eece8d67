package nnlang.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nnlang.interop.ExportException;
import nnlang.interop.OutputFiles;
import nnlang.interop.onnx.OnnxExport;
import nnlang.interop.safetensors.SafetensorsParameters;
import nnlang.interop.source.SourceWriter;
import nnlang.model.NetworkModel;
import nnlang.runtime.ParameterLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nnlang export FILE --format onnx|safetensors|nn [-o OUT]}: writes a trained network in
 * another format, by default {@code <Network>.onnx}, {@code <Network>.safetensors} or
 * {@code <Network>-trained.nn} beside the source.
 */
@Command(name = "export", description = "Write a trained network as ONNX, as safetensors parameters, or as .nn source.")
final class ExportCommand implements Callable<Integer> {

    /** The formats, with the ending of the default output file. */
    enum Format {
        ONNX(".onnx"),
        SAFETENSORS(".safetensors"),
        NN("-trained.nn");

        final String ending;

        Format(String ending) {
            this.ending = ending;
        }
    }

    @Mixin
    SourceOptions source;

    @Option(names = {"-f", "--format"}, required = true, paramLabel = "FORMAT",
            converter = FormatConverter.class,
            description = "onnx (the network, to run elsewhere), safetensors (its parameters) or nn (its source with every weight).")
    Format format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Where to write (default: <Network>.onnx, <Network>.safetensors or <Network>-trained.nn beside the source).")
    Path out;

    @Option(names = "--params", paramLabel = "FILE",
            description = "Parameters to export, .nnp or safetensors (default: the ones `train` wrote beside the source).")
    Path params;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<NetworkModel> models = source.networks(source.check());
        if (out != null && models.size() > 1) {
            throw new CommandFailure("--out names one file, but " + source.file + " has " + models.size()
                    + " networks; choose one with --network");
        }
        for (NetworkModel model : models) {
            double[] parameters = ParameterSource.forRun(model, source.file, params);
            Path file = out != null ? out : source.file.resolveSibling(model.name() + format.ending);
            byte[] bytes;
            try {
                bytes = switch (format) {
                    case ONNX -> OnnxExport.model(model, parameters);
                    case SAFETENSORS -> SafetensorsParameters.encode(ParameterLayout.of(model), parameters);
                    case NN -> SourceWriter.write(model, parameters).getBytes(StandardCharsets.UTF_8);
                };
            } catch (ExportException e) {
                throw new CommandFailure(e.getMessage());
            }
            try {
                OutputFiles.write(file, bytes);
            } catch (IOException e) {
                throw new CommandFailure(file + ": error: cannot write the file: " + e);
            }
            spec.commandLine().getOut().println("wrote " + file);
        }
        return 0;
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected onnx, safetensors or nn, found '" + value + "'");
            }
        }
    }
}
