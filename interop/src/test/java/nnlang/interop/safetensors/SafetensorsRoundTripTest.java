package nnlang.interop.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nnlang.interop.Examples;
import nnlang.interop.OutputFiles;
import nnlang.interop.ParameterFiles;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterLayout;
import nnlang.testing.RandomNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .nnp} → safetensors → {@code .nnp} gives the same bytes, and safetensors → {@code .nnp} →
 * safetensors too, on every example and 200 random networks, with −0.0, a NaN payload, a subnormal
 * and infinities among the parameters.
 */
class SafetensorsRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void parameterFilesSurviveBothRoundTripsByteForByte() throws Exception {
        List<NetworkModel> models = new ArrayList<>();
        List<double[]> parameters = new ArrayList<>();
        for (Examples.Example e : Examples.all()) {
            models.add(e.model());
            parameters.add(e.parameters());
        }
        for (long seed = 0; seed < 200; seed++) {
            NetworkModel model = RandomNetworks.network(seed, RandomNetworks.ALL);
            double[] p = Initializer.initialParameters(model);
            double[] special = {-0.0, Double.longBitsToDouble(0x7FF0_0000_0000_0ABCL), Double.MIN_VALUE,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (int k = 0; k < special.length && k < p.length; k++) {
                p[(int) ((seed + 7L * k) % p.length)] = special[k];
            }
            models.add(model);
            parameters.add(p);
        }
        for (int i = 0; i < models.size(); i++) {
            NetworkModel model = models.get(i);
            ParameterLayout layout = ParameterLayout.of(model);
            Path nnp = dir.resolve(model.name() + ".nnp");
            ParameterFile.write(nnp, layout, parameters.get(i));
            byte[] nnpBytes = Files.readAllBytes(nnp);

            Path safetensors = dir.resolve(model.name() + ".safetensors");
            OutputFiles.write(safetensors, SafetensorsParameters.encode(layout, ParameterFiles.read(nnp, model)));
            byte[] safetensorsBytes = Files.readAllBytes(safetensors);

            Path back = dir.resolve(model.name() + "-back.nnp");
            ParameterFile.write(back, layout, ParameterFiles.read(safetensors, model));
            assertArrayEquals(nnpBytes, Files.readAllBytes(back), model.name() + ": .nnp -> safetensors -> .nnp");
            assertArrayEquals(safetensorsBytes, SafetensorsParameters.encode(layout, ParameterFiles.read(back, model)),
                    model.name() + ": safetensors -> .nnp -> safetensors");
            assertEquals(0, safetensorsBytes.length % 8, "header and data keep 8-byte alignment");
        }
    }
}
