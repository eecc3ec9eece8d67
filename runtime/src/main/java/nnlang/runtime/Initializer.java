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
     * parameter order one draw of the kind its node's initialisation ({@link TrainSpec#initOf}) takes:
     * g = {@code nextGaussian()} for {@link Init.Gaussian} and the normal {@link Init.Xavier} and
     * {@link Init.He}, u = {@code nextDouble()} for {@link Init.Uniform} and the uniform ones. A
     * parameter preset in the source keeps its value (its draw is consumed and discarded, so presets
     * never shift the other values); any other takes, with each block's constants computed once:
     * <ul>
     *   <li>gaussian: mean + sd'·g, where sd' = sd for a bias block and for a weight block
     *       sd / Math.sqrt(fanIn) when {@code scaled}, else sd;
     *   <li>xavier: a weight sd·g with sd = Math.sqrt(2.0 / (fanIn + fanOut)), or l·(2.0·u − 1.0)
     *       with l = Math.sqrt(6.0 / (fanIn + fanOut)); a bias 0.0;
     *   <li>he: likewise with sd = Math.sqrt(2.0 / fanIn) and l = Math.sqrt(6.0 / fanIn);
     *   <li>uniform(a, b): a + (b − a)·u, weights and biases alike.
     * </ul>
     * A block's fanIn is {@link ParameterBlock#fanIn}, its fanOut its size divided by fanIn (a dense
     * layer's size).
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
                offset = drawNode(node, train.initOf(node.index()), random, parameters, offset);
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

    private static int drawNode(Node node, Init init, Random random, double[] dst, int offset) {
        for (ParameterBlock block : node.parameterBlocks()) {
            Values values = values(init, block);
            for (OptionalDouble preset : block.presets()) {
                double draw = values.gaussian ? random.nextGaussian() : random.nextDouble();
                dst[offset++] = preset.isPresent() ? preset.getAsDouble() : values.of(draw);
            }
        }
        return offset;
    }

    /** How a block's values follow from their draws: the shape of the formula, and its two constants. */
    private enum Form { SHIFTED, SCALED, SYMMETRIC, ZERO }

    private record Values(boolean gaussian, Form form, double offset, double factor) {
        double of(double draw) {
            return switch (form) {
                case SHIFTED -> offset + factor * draw;
                case SCALED -> factor * draw;
                case SYMMETRIC -> factor * (2.0 * draw - 1.0);
                case ZERO -> 0.0;
            };
        }
    }

    private static Values values(Init init, ParameterBlock block) {
        boolean weight = block.role() == ParameterBlock.Role.WEIGHT;
        int fanIn = block.fanIn();
        int fanOut = block.size() / fanIn;
        if (init instanceof Init.Gaussian g) {
            double sd = g.scaled() && weight ? g.sd() / Math.sqrt(fanIn) : g.sd();
            return new Values(true, Form.SHIFTED, g.mean(), sd);
        }
        if (init instanceof Init.Uniform u) {
            return new Values(false, Form.SHIFTED, u.low(), u.high() - u.low());
        }
        double spread;
        boolean normal;
        if (init instanceof Init.Xavier x) {
            normal = x.distribution() == Init.Distribution.NORMAL;
            spread = (normal ? 2.0 : 6.0) / (fanIn + fanOut);
        } else {
            normal = ((Init.He) init).distribution() == Init.Distribution.NORMAL;
            spread = (normal ? 2.0 : 6.0) / fanIn;
        }
        Form form = !weight ? Form.ZERO : normal ? Form.SCALED : Form.SYMMETRIC;
        return new Values(normal, form, 0.0, Math.sqrt(spread));
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
