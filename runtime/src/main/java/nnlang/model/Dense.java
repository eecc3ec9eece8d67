package nnlang.model;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A fully connected layer of {@code size} neurons over an input vector of {@code fanIn} elements:
 * z_j = Σ_i w_ji x_i + b_j, a_j = f(z_j) (softmax: over the whole layer). A {@code dense} layer is
 * one of its declared size; a single {@code neuron} is one of size 1 whose input is the sources it
 * names.
 *
 * <p>Parameter blocks: {@code weight}, size × fanIn (row j holds neuron j's weights), then
 * {@code bias}, size.
 *
 * @param presetWeights row-major, size × fanIn: the values the source gives, or empty
 * @param presetBiases  size entries
 */
public record Dense(int size, int fanIn, Activation activation, List<OptionalDouble> presetWeights,
                    List<OptionalDouble> presetBiases) implements Layer {

    public static final String KEYWORD = "dense";

    public Dense {
        presetWeights = List.copyOf(presetWeights);
        presetBiases = List.copyOf(presetBiases);
        if (size < 1 || fanIn < 1 || presetWeights.size() != size * fanIn || presetBiases.size() != size) {
            throw new IllegalArgumentException("inconsistent dense layer of " + size + " x " + fanIn);
        }
    }

    /** A layer whose parameters all come from the initialiser. */
    public static Dense unset(int size, int fanIn, Activation activation) {
        return new Dense(size, fanIn, activation, java.util.Collections.nCopies(size * fanIn, OptionalDouble.empty()),
                java.util.Collections.nCopies(size, OptionalDouble.empty()));
    }

    @Override
    public String keyword() {
        return KEYWORD;
    }

    @Override
    public String declaration() {
        return KEYWORD + "(" + size + ", " + activation.keyword() + ")";
    }

    @Override
    public Shape inputShape() {
        return Shape.of(fanIn);
    }

    @Override
    public Shape outputShape() {
        return Shape.of(size);
    }

    @Override
    public List<ParameterBlock> parameterBlocks() {
        return List.of(new ParameterBlock("weight", ParameterBlock.Role.WEIGHT, Shape.of(size, fanIn), fanIn, presetWeights),
                new ParameterBlock("bias", ParameterBlock.Role.BIAS, Shape.of(size), 1, presetBiases));
    }

    @Override
    public int parameterCount() {
        return size * fanIn + size;
    }
}
