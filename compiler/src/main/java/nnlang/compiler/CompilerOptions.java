package nnlang.compiler;

import nnlang.model.Node;

/**
 * How the generator shapes code; none of it changes a single bit of any result.
 *
 * @param unrollMaxWeights a node with at most this many weights is emitted as straight-line code...
 * @param unrollMaxChain   ...when neither its fan-in nor its size exceeds this: each neuron's sum
 *                         (fan-in terms) and each propagated sum (size terms) is one dependent chain,
 *                         and C2 gives up on long chains
 * @param rowBlock         how many neuron rows a looped forward pass interleaves per sweep over the
 *                         input (independent sums that hide the latency of each other's additions)
 */
record CompilerOptions(int unrollMaxWeights, int unrollMaxChain, int rowBlock, int inlineMaxWeights) {

    /** Unrolls XOR- and half-adder-sized nodes, loops over anything MNIST-sized, six rows per sweep. */
    static final CompilerOptions DEFAULT = new CompilerOptions(256, 32, 6, 64);

    CompilerOptions {
        if (unrollMaxWeights < 0 || unrollMaxChain < 0 || rowBlock < 1 || inlineMaxWeights < 0) {
            throw new IllegalArgumentException("bad compiler options");
        }
    }

    /** Whether {@code node} is emitted as straight-line code. */
    boolean unrolls(Node node) {
        return (long) node.size() * node.fanIn() <= unrollMaxWeights
                && node.fanIn() <= unrollMaxChain
                && node.size() <= unrollMaxChain;
    }
}
