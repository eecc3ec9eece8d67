package nnlang.model;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A group of {@code size} neurons that share an activation and read the same input vector: the
 * concatenation of {@code sources} in order, {@code fanIn} elements long. Each neuron j has a
 * weight per input element and a bias: z_j = Σ_i w_ji x_i + b_j, a_j = f(z_j) (softmax: over the
 * whole node). A {@code dense} layer is a node of its declared size; a single {@code neuron} is a
 * node of size 1 whose sources are the inputs it names.
 *
 * <p>{@code presetWeights} (row-major, size × fanIn) and {@code presetBiases} (size) hold values the
 * source gives explicitly; empty entries are drawn by the initialiser of the train block.
 *
 * @param index position in {@link NetworkModel#nodes()}; sources only name nodes with a smaller index
 */
public record Node(
        int index,
        String name,
        Kind kind,
        int size,
        Activation activation,
        List<Source> sources,
        List<OptionalDouble> presetWeights,
        List<OptionalDouble> presetBiases,
        SourcePos pos) {

    /** How the node was declared. */
    public enum Kind {
        LAYER,
        NEURON
    }

    public Node {
        sources = List.copyOf(sources);
        presetWeights = List.copyOf(presetWeights);
        presetBiases = List.copyOf(presetBiases);
        int fanIn = sources.stream().mapToInt(Source::length).sum();
        if (size < 1 || presetWeights.size() != size * fanIn || presetBiases.size() != size) {
            throw new IllegalArgumentException("inconsistent node " + name);
        }
        for (Source s : sources) {
            if (s.node() >= index) {
                throw new IllegalArgumentException("node " + name + " reads a later node " + s.node());
            }
        }
    }

    /** Number of input elements: the sum of the sources' lengths. */
    public int fanIn() {
        return presetWeights.size() / size;
    }

    /** Number of parameters: size × fanIn weights and size biases. */
    public int parameterCount() {
        return size * fanIn() + size;
    }

    /** Whether every weight and bias has a value in the source. */
    public boolean isFullyPreset() {
        return presetWeights.stream().allMatch(OptionalDouble::isPresent)
                && presetBiases.stream().allMatch(OptionalDouble::isPresent);
    }
}
