package nnlang.model;

import java.util.List;

/**
 * One node of a network's graph: a declared {@code layer} or {@code neuron}, what it computes
 * ({@link #layer()}, a layer kind with its parameters) and the input vector it reads, the
 * concatenation of {@code sources} in order.
 *
 * @param index position in {@link NetworkModel#nodes()}; sources only name nodes with a smaller index
 * @param name  as declared, or qualified by the parts it was expanded from: {@code first.a.out} is
 *              node {@code out} of part {@code a} of part {@code first}
 * @param kind  how the node was declared
 * @param fixed whether training leaves the node's parameters as they are: its gradient is computed
 *              and flows through it to the nodes it reads, but no update is applied to it
 */
public record Node(int index, String name, Kind kind, Layer layer, List<Source> sources, SourcePos pos,
                   boolean fixed) {

    /** How the node was declared. */
    public enum Kind {
        LAYER,
        NEURON
    }

    public Node {
        sources = List.copyOf(sources);
        int inputs = sources.stream().mapToInt(Source::length).sum();
        if (inputs != layer.inputShape().size()) {
            throw new IllegalArgumentException("node " + name + " reads " + inputs + " values, but its "
                    + layer.keyword() + " layer takes " + layer.inputShape());
        }
        for (Source s : sources) {
            if (s.node() >= index) {
                throw new IllegalArgumentException("node " + name + " reads a later node " + s.node());
            }
        }
    }

    /** A node that training updates. */
    public Node(int index, String name, Kind kind, Layer layer, List<Source> sources, SourcePos pos) {
        this(index, name, kind, layer, sources, pos, false);
    }

    /** The number of activations: the size of the layer's output shape. */
    public int size() {
        return layer.outputShape().size();
    }

    /** The length of the input vector: the sum of the sources' lengths. */
    public int inputSize() {
        return layer.inputShape().size();
    }

    public Activation activation() {
        return layer.activation();
    }

    public List<ParameterBlock> parameterBlocks() {
        return layer.parameterBlocks();
    }

    public int parameterCount() {
        return layer.parameterCount();
    }

    /** Whether every parameter has a value in the source. */
    public boolean isFullyPreset() {
        return layer.isFullyPreset();
    }
}
