package nnlang.model;

import java.util.List;
import java.util.Optional;

/**
 * A checked network: the single boundary between the front end and everything after it. Nothing
 * downstream sees the parse tree; everything downstream may assume what the front end checked:
 * names resolve, nodes are in topological order, sizes fit, hyper-parameters are in range.
 *
 * <h2>Parameter order</h2>
 * Parameters are one flat vector: for each node in {@link #nodes()} order, the blocks of its layer
 * ({@link Layer#parameterBlocks()}) in order, each block's values in row-major order of its shape.
 * For a dense layer that is its weights row by row (w_00, w_01, ..., w_0(fanIn-1), w_10, ...), then
 * its biases b_0 ... b_(size-1). Parameter files, initialisation, an optimizer's state and
 * {@code Network.getParameters} all use this order.
 *
 * @param sourceFile the file as the user named it (used in messages)
 * @param output     the output vector; when the source has no {@code output} line, the last node
 * @param parts      the parts the network is built of, each before its own parts, in declaration
 *                   order: their nodes are among {@code nodes}, named after them
 */
public record NetworkModel(
        String name,
        String sourceFile,
        List<Input> inputs,
        List<Node> nodes,
        Output output,
        Optional<TrainSpec> train,
        SourcePos pos,
        List<Part> parts) {

    public NetworkModel {
        inputs = List.copyOf(inputs);
        nodes = List.copyOf(nodes);
        parts = List.copyOf(parts);
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).index() != i) {
                throw new IllegalArgumentException("node " + nodes.get(i).name() + " has index "
                        + nodes.get(i).index() + " at position " + i);
            }
        }
    }

    /** A network made of no parts. */
    public NetworkModel(String name, String sourceFile, List<Input> inputs, List<Node> nodes, Output output,
                        Optional<TrainSpec> train, SourcePos pos) {
        this(name, sourceFile, inputs, nodes, output, train, pos, List.of());
    }

    public int inputSize() {
        return inputs.stream().mapToInt(Input::size).sum();
    }

    public int outputSize() {
        return output.size();
    }

    public int parameterCount() {
        return nodes.stream().mapToInt(Node::parameterCount).sum();
    }

    /** Offset of node {@code index}'s first weight in the flat parameter vector. */
    public int parameterOffset(int index) {
        int offset = 0;
        for (int i = 0; i < index; i++) {
            offset += nodes.get(i).parameterCount();
        }
        return offset;
    }

    /** The length of the value vector a source refers to: the input size or a node's size. */
    public int sizeOf(int node) {
        return node == Source.INPUT ? inputSize() : nodes.get(node).size();
    }

    /** Whether every parameter has a value in the source, so the network runs without training. */
    public boolean isFullyPreset() {
        return nodes.stream().allMatch(Node::isFullyPreset);
    }

    /**
     * Whether the output is exactly one whole softmax node, so that cross-entropy takes its
     * log-likelihood form (see {@link Cost#value}).
     */
    public boolean hasSoftmaxOutput() {
        if (output.sources().size() != 1 || output.sources().get(0).isInput()) {
            return false;
        }
        Source source = output.sources().get(0);
        return nodes.get(source.node()).activation() == Activation.SOFTMAX
                && source.offset() == 0 && source.length() == sizeOf(source.node());
    }

    /**
     * Whether node {@code index} is read by a later node (its gradient then has contributions other
     * than the cost's).
     */
    public boolean isConsumed(int index) {
        for (Node n : nodes) {
            for (Source s : n.sources()) {
                if (s.node() == index) {
                    return true;
                }
            }
        }
        return false;
    }
}
