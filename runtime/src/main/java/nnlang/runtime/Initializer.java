package nnlang.runtime;

import java.util.OptionalDouble;
import java.util.Random;
import nnlang.model.Init;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.ParameterBlock;
import nnlang.model.TrainSpec;

/**
 * The parameters a network starts from, in the parameter order of {@link NetworkModel}: the same
 * model gives the same bits on every JDK and for either back end.
 */
public final class Initializer {

    private Initializer() {}

    /**
     * With a train block: one {@code new java.util.Random(seed)}, and for every parameter in
     * parameter order one draw g = {@code nextGaussian()}. A parameter preset in the source keeps
     * its value (its draw is consumed and discarded, so presets never shift the other values); any
     * other takes mean + sd'·g, where for {@link Init.Gaussian} sd' = sd for a bias block and for a
     * weight block sd' = sd / Math.sqrt(fanIn) (the block's fan-in) when {@code scaled}, else sd (sd'
     * computed once per block).
     *
     * <p>Without a train block every parameter must be preset, and the presets are returned.
     *
     * @return a new array of {@code model.parameterCount()} values
     * @throws IllegalArgumentException naming the node and its position when a parameter has no
     *     value and there is no train block to draw one
     */
    public static double[] initialParameters(NetworkModel model) {
        double[] parameters = new double[model.parameterCount()];
        int offset = 0;
        if (model.train().isPresent()) {
            TrainSpec train = model.train().get();
            Random random = new Random(train.seed());
            for (Node node : model.nodes()) {
                offset = drawNode(node, gaussian(train.init()), random, parameters, offset);
            }
        } else {
            for (Node node : model.nodes()) {
                if (!node.isFullyPreset()) {
                    throw new IllegalArgumentException(node.pos() + ": node " + node.name()
                            + " has parameters without a value, and network " + model.name()
                            + " has no train block to initialise them");
                }
                offset = copyPresets(node, parameters, offset);
            }
        }
        return parameters;
    }

    private static Init.Gaussian gaussian(Init init) {
        if (init instanceof Init.Gaussian g) {
            return g;
        }
        throw new IllegalArgumentException("unsupported initialisation " + init);
    }

    private static int drawNode(Node node, Init.Gaussian init, Random random, double[] dst, int offset) {
        for (ParameterBlock block : node.parameterBlocks()) {
            double sd = init.scaled() && block.role() == ParameterBlock.Role.WEIGHT
                    ? init.sd() / Math.sqrt(block.fanIn()) : init.sd();
            for (OptionalDouble preset : block.presets()) {
                double g = random.nextGaussian();
                dst[offset++] = preset.isPresent() ? preset.getAsDouble() : init.mean() + sd * g;
            }
        }
        return offset;
    }

    private static int copyPresets(Node node, double[] dst, int offset) {
        for (ParameterBlock block : node.parameterBlocks()) {
            for (OptionalDouble preset : block.presets()) {
                dst[offset++] = preset.getAsDouble();
            }
        }
        return offset;
    }
}
