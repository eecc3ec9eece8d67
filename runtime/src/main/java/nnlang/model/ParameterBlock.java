package nnlang.model;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One block of a layer's parameters: its name within the layer ({@code weight}, {@code bias}; a
 * block of biases, and only such a block, is named {@code bias}), its role, its shape (the values are stored flat in row-major order, see {@link Shape}) and the values
 * the source gives for some of them.
 *
 * @param fanIn   the number of inputs each value of the block multiplies into one output: the
 *                initialiser's {@code scaled} divides a weight's standard deviation by its square
 *                root. 1 for biases.
 * @param presets one entry per value in flat order: the value written in the source, or empty
 */
public record ParameterBlock(String name, Role role, Shape shape, int fanIn, List<OptionalDouble> presets) {

    /** What a block's values do, which decides how initialisation and weight decay treat them. */
    public enum Role {
        /** Multiplies inputs: drawn with sd/√fanIn when scaled, decayed by L2. */
        WEIGHT,
        /** Added to a sum: drawn with the plain sd, never decayed. */
        BIAS
    }

    public ParameterBlock {
        presets = List.copyOf(presets);
        if (presets.size() != shape.size() || fanIn < 1 || (role == Role.BIAS) != name.equals("bias")) {
            throw new IllegalArgumentException("inconsistent parameter block " + name + " " + shape);
        }
    }

    public int size() {
        return shape.size();
    }

    public boolean isFullyPreset() {
        return presets.stream().allMatch(OptionalDouble::isPresent);
    }
}
