package nnlang.model;

import java.util.List;

/**
 * What a {@link Node} computes from its input vector (the concatenation of its sources): a layer
 * kind with its input and output shape and its parameter blocks. Each kind is one record; the front
 * end builds them from declarations, and the parameter order, the initialiser, the parameter files
 * and both back ends read a layer through this interface or by its kind.
 *
 * <p>Kinds: {@link Dense} (a {@code layer … = dense(…)} or a single {@code neuron}), {@link Conv}
 * ({@code conv(…)}) and {@link Pool} ({@code maxpool(…)}, {@code avgpool(…)}). A dense layer's input
 * is flat; a convolution and a pool read an image (channels × rows × columns) and give one. A shaped
 * vector is stored flat, channel by channel and row by row, so a dense layer reading one reads it in
 * that order.
 */
public sealed interface Layer permits Dense, Conv, Pool {

    /** The kind as the language names it ({@code dense}, {@code conv}, {@code maxpool}, {@code avgpool}). */
    String keyword();

    /**
     * The layer as a source declares it: {@code dense(100, relu)}, {@code conv(20, 5 x 5, relu)} (with
     * {@code stride} and {@code padding} when they are not the defaults), {@code maxpool(2 x 2)}.
     */
    String declaration();

    /** How the layer reads its input vector; its size is the node's input length. */
    Shape inputShape();

    /** The shape of the layer's activations; its size is the node's size. */
    Shape outputShape();

    /** The activation applied to each output (or, for softmax, to the whole output vector). */
    Activation activation();

    /** The layer's parameters, in the order they take in the flat parameter vector. */
    List<ParameterBlock> parameterBlocks();

    default int parameterCount() {
        return parameterBlocks().stream().mapToInt(ParameterBlock::size).sum();
    }

    /** Whether every parameter has a value in the source. */
    default boolean isFullyPreset() {
        return parameterBlocks().stream().allMatch(ParameterBlock::isFullyPreset);
    }
}
