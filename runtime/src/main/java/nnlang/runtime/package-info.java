/**
 * What a trained or compiled network needs at run time: the {@link nnlang.runtime.Network}
 * contract, the EJML interpreter, the trainer, data sources and parameter files. This module depends
 * on EJML only; it never sees ANTLR or ASM.
 *
 * <h2>The canonical operation order</h2>
 * Floating-point addition is not associative, and SGD amplifies every rounding difference, so both
 * back ends perform exactly the following operations in exactly this order. Any change here is a
 * change to both back ends at once. All arithmetic is {@code double}; {@code exp} is
 * {@link java.lang.Math#exp}; no fused multiply-add.
 *
 * <p><b>Forward</b>, per sample, for each node in index order: its input x is the concatenation of
 * its sources in order. For each neuron j: z_j = 0.0, then z_j += w_ji · x_i for ascending i, then
 * z_j += b_j; a_j = f(z_j) as in {@link nnlang.model.Activation} (softmax: max, then exponentials
 * and their sum in ascending j, then division).
 *
 * <p><b>Backward</b>, per sample:
 * <ol>
 *   <li>For every node, a gradient gA with respect to its activations, all 0.0.
 *   <li>Cost: for each output element k in ascending order, which is element e of node n: with the
 *       quadratic cost, gA_n[e] += a_k - y_k; with cross-entropy (sigmoid or softmax outputs only)
 *       the cost is fused into step 4 instead.
 *   <li>Nodes in descending index order. For node n:
 *   <li>dZ: for an element-wise activation, dZ_j = gA_j · f'(z_j, a_j); for softmax,
 *       {@link nnlang.model.Activation#softmaxBackward}. With cross-entropy, for an output element
 *       (a_k - y_k) is fused: dZ_j = (a_j - y_j) when the node is read by no other node, else
 *       dZ_j = (a_j - y_j) + gA_j · f'(z_j, a_j) (softmax: + the Jacobian term).
 *   <li>Gradients: gW_ji += dZ_j · x_i and gb_j += dZ_j, accumulated over the samples of the
 *       batch in batch order, each accumulator starting at 0.0.
 *   <li>Propagation, only to sources that are nodes (never to the network input): dX_i = 0.0, then
 *       dX_i += dZ_j · w_ji for ascending j; then for each source in order, its slice of dX is added
 *       element by element to the source node's gA.
 * </ol>
 *
 * <p><b>Update</b>, after the whole batch, with c = -(rate / m) computed once: for each node in
 * index order, each weight w = decay · w + c · gW (decay skipped when exactly 1.0), then each bias
 * b = b + c · gb.
 */
package nnlang.runtime;
