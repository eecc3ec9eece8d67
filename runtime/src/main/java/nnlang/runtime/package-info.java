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
 * <p>Every sum below starts from +0.0 and adds its terms one at a time in the order given, never
 * starting from its first term: the two differ in the sign of a zero result (0.0 + -0.0 is +0.0),
 * and a signed zero can reach the parameters. Products and sums are computed as written; a product
 * with a factor of exactly 0.0 or 1.0 is still computed (-x · 0.0 is -0.0). One exception changes no
 * bit: a term w · x of a weighted sum or of a gradient sum whose x is exactly ±0.0 may be left out.
 * With w finite the term is ±0.0, and a sum that starts at +0.0 is never -0.0 (in round-to-nearest
 * a sum is -0.0 only when both addends are), so adding ±0.0 leaves it exactly as it was. Only a
 * non-finite weight or delta, that is a diverged network, could tell the difference, and the
 * trainer stops at that. The compiled code leaves such terms out where it pays (most MNIST pixels
 * are 0); the interpreter computes them.
 *
 * <p><b>Forward</b>, per sample, for each node in index order: its input x is the concatenation of
 * its sources in order. For each neuron j of a dense node: z_j = 0.0, then z_j += w_ji · x_i for
 * ascending i, then z_j += b_j; a_j = f(z_j) (softmax: max, then exponentials and their sum in
 * ascending j, then division, {@link nnlang.model.BuiltinActivation#softmax}).
 *
 * <p><b>Activations</b>: every element-wise activation, built in ({@link
 * nnlang.model.BuiltinActivation}, a predefined formula) or a formula of the source ({@link
 * nnlang.model.FormulaActivation}), computes f(z) and f'(z, a) as the steps of its {@link
 * nnlang.model.Program}s, in program order: the distinct subexpressions of the (simplified) formula in
 * post-order, operands left to right, each computed once, each one Java operation exactly as {@link
 * nnlang.model.Expression.Op#apply} writes it (the same {@code Math} methods; sigmoid
 * {@code 1.0 / (1.0 + Math.exp(-z))}, relu {@code Math.max(z, 0.0)}, step
 * {@code Math.min((Math.max(z, 0.0) * 0x1p1023) * 0x1p1023, 1.0)}, which is 1.0 above 0, +0.0 at or
 * below and NaN for NaN, as relu passes NaN on; no fused multiply-add). Constants were folded by the front end with
 * the same operations. f' is then used as dZ_j = gA_j · f'(z_j, a_j), the product always taken.
 *
 * <p><b>Backward</b>, per sample:
 * <ol>
 *   <li>For every node, a gradient gA with respect to its activations, all 0.0. With cross-entropy,
 *       also a cost term c, all 0.0, for every node that holds an output element.
 *   <li>Cost: for each output element k in ascending order, which is element e of node n: with the
 *       quadratic cost, gA_n[e] += a_k - y_k; with cross-entropy (sigmoid or softmax outputs only),
 *       c_n[e] += a_k - y_k, to be fused into step 4 ({@link nnlang.model.Cost#outputGradient}).
 *       Output elements that are elements of the network input take no part. The batch's cost is
 *       0.0 plus each sample's {@link nnlang.model.Cost#value} in batch order: 0.0, then each
 *       output's term added in ascending k.
 *   <li>Nodes in descending index order. For node n:
 *   <li>dZ: for an element-wise activation, dZ_j = gA_j · f'(z_j, a_j) (f' as in
 *       {@link nnlang.model.Activation#derivative}, computed first); for softmax,
 *       {@link nnlang.model.BuiltinActivation#softmaxBackward} of gA. With cross-entropy, for a node that
 *       has c: dZ_j = c_j for every j when the node is read by no other node (gA is then not used),
 *       else dZ_j = c_j + t_j, with t_j the element-wise or softmax term just given.
 *   <li>Gradients (of a dense node; a convolution and a pool below): gW_ji += dZ_j · x_i and
 *       gb_j += dZ_j, accumulated over the samples of the batch in batch order, each accumulator
 *       starting at 0.0.
 *   <li>Propagation, only to sources that are nodes (never to the network input): for a dense node
 *       dX_i = 0.0, then dX_i += dZ_j · w_ji for ascending j; then for each source in order, its slice
 *       of dX is added element by element to the source node's gA.
 * </ol>
 *
 * <p><b>Dropout</b>, in training only ({@link nnlang.runtime.Dropout}): a node that drops out at rate r
 * keeps each activation with probability keep = 1.0 - r and scales what it keeps by s = 1.0 / keep
 * (both computed once, in double). Its mask values come from the run's dropout generator: the k-th
 * value drawn (k = 0, 1, … over the whole run, the count being a counter of the network) is
 * u_k = (mix(base + (k + 1) · γ) &gt;&gt;&gt; 11) · 2^-53 in long arithmetic that wraps, with
 * base = seed + {@link nnlang.runtime.Dropout#SEED_OFFSET} (the train block's seed), γ =
 * 0x9E3779B97F4A7C15 and mix SplitMix64's finaliser; its mask value is m = s when u_k &lt; keep, else
 * 0.0. Values are drawn, for each {@code trainBatch} or {@code gradient}, for each sample of the batch
 * in batch order, each node that drops out in index order, each of its elements in ascending order.
 * Forward: after a_j = f(z_j), such a node keeps u_j = a_j and its readers read d_j = u_j · m_j.
 * Backward: for such a node t_j = gA_j · m_j, then dZ_j = t_j · f'(z_j, u_j). A node that drops out
 * holds no output element. {@code predict}, and so every evaluation, never drops: it computes a_j
 * only.
 *
 * <p><b>Images.</b> A vector with a shape C × H × W (channels, rows, columns; an input declared
 * {@code [H x W]} is one channel) is stored flat, channel by channel, each channel row by row: element
 * (c, y, x) is at index (c·H + y)·W + x. That is the order in which a dense layer, a neuron, a slice
 * {@code h[i]} or the output reads a convolution, a pool or a shaped input: flattened, nothing moved. A
 * convolution or a pool reads the concatenation of its sources as C₁ + C₂ + … channels of one H × W
 * (concatenating flat vectors stacks their channels).
 *
 * <p><b>Convolution</b> (a conv node of F filters of kh × kw, strides sy, sx, padding pt, pl at the top
 * and left; weights w[f][c][ky][kx], biases b[f]), per sample. Input position (iy, ix) of output
 * position (oy, ox) and kernel offset (ky, kx) is iy = oy·sy + ky − pt, ix = ox·sx + kx − pl; a
 * position outside the input is padding and gives no term anywhere below.
 * <ol>
 *   <li>Forward, for each output element (f, oy, ox): z = 0.0, then z += w[f][c][ky][kx] · x[c][iy][ix]
 *       for c ascending, then ky ascending, then kx ascending; then z += b[f]; a = f(z) as for any node
 *       (softmax over the whole flat vector).
 *   <li>dZ as for any node.
 *   <li>Gradients, accumulated over the samples of the batch in batch order, each accumulator from 0.0:
 *       within a sample, for output positions (oy, ox) in ascending order (row by row),
 *       gW[f][c][ky][kx] += dZ[f][oy][ox] · x[c][iy][ix] and gb[f] += dZ[f][oy][ox].
 *   <li>Propagation, when a source is a node: dX[c][iy][ix] = 0.0 for every input element; then for each
 *       output position (oy, ox) in ascending order, for each (c, ky, kx) whose input position is
 *       inside: t = 0.0, t += dZ[f][oy][ox] · w[f][c][ky][kx] for f ascending, then
 *       dX[c][iy][ix] += t. dX is then added to the sources' gA as for any node.
 * </ol>
 *
 * <p><b>Pooling</b> (a maxpool or avgpool node of kh × kw windows with strides sy, sx, no padding),
 * per sample and channel c. Window (oy, ox) holds input elements (oy·sy + ky, ox·sx + kx) for ky, kx
 * ascending, row by row. A pool has no parameters; its activation is the identity (a = z, f' = 1.0,
 * so dZ = gA · 1.0).
 * <ul>
 *   <li>maxpool forward: m = the window's first element, then for each following element v in order,
 *       m = v if v &gt; m; z = m. The window's <em>choice</em> is the element m was last taken from:
 *       the first maximum in row-major order.
 *   <li>maxpool propagation: dX = 0.0 for every input element; then for each window (oy, ox) in
 *       ascending order, dX[c][choice] += dZ[c][oy][ox].
 *   <li>avgpool forward: s = 0.0, s += v for each element of the window in order; z = s / (kh·kw).
 *   <li>avgpool propagation: dX = 0.0 for every input element; then for each window (oy, ox) in
 *       ascending order, t = dZ[c][oy][ox] / (kh·kw) and dX[e] += t for each element e of the window
 *       in order.
 * </ul>
 *
 * <p>The exception for zeros above extends to every sum of this section: a term of z, gW, gb or t
 * that is a product with a factor of exactly ±0.0 (an input x or a dZ) or is itself ±0.0 may be left
 * out, and so may adding to dX a t or a pooled term that is exactly ±0.0: each is ±0.0 added to a sum
 * that started at +0.0. Most of an MNIST image is 0, and behind a maxpool most of dZ is.
 *
 * <p><b>Update</b>, after the whole batch: one step of the optimizer ({@link
 * nnlang.runtime.UpdateRule}). The step first computes its scalars, once, from the rate, m (the number
 * of samples in the batch, as a double) and the optimizer's counters; then, for each node in index
 * order, each block of its parameters in order, each parameter p with its gradient sum g, it updates p
 * and the parameter's state. decay is the weight decay of weights ({@link
 * nnlang.model.Optimizer#decay}: 1 - rate·l2/n for L2, 1 - rate·λ for AdamW's decoupled λ) and is not
 * applied (the product not computed) to biases or when it is exactly 1.0. Products and sums are
 * evaluated as parenthesised; a step's scalars and each optimizer's constants (μ, ρ, β1, β2, ε) are
 * doubles:
 * <ul>
 *   <li>SGD: c = -(rate / m); p = decay · p + c · g;
 *   <li>momentum μ: c as SGD; v = μ · v + c · g (μ · v, then c · g, then their sum), then
 *       p = decay · p + v;
 *   <li>Nesterov μ: c as SGD; s = c · g; v = μ · v + s; p = decay · p + (μ · v + s), with the new v;
 *   <li>RMSProp ρ, ε: c = -(rate / m) and k = (1.0 - ρ) / (m · m); v = ρ · v + k · (g · g);
 *       p = decay · p + c · (g / (Math.sqrt(v) + ε)), with the new v;
 *   <li>Adam and AdamW β1, β2, ε: the step count t (a counter) becomes t + 1.0, then
 *       c = -(rate / (1.0 - StrictMath.pow(β1, t))), k1 = (1.0 - β1) / m, k2 = (1.0 - β2) / (m · m) and
 *       b = 1.0 / (1.0 - StrictMath.pow(β2, t)); per parameter, with its first moment u and second
 *       moment v: u = β1 · u + k1 · g; v = β2 · v + k2 · (g · g);
 *       p = decay · p + c · (u / (Math.sqrt(v · b) + ε)), with the new u and v. This is Kingma and
 *       Ba's Algorithm 1 with the mean gradient g/m, its bias corrections folded into c and b, and its
 *       divisions by m into k1 and k2, so that a parameter costs one square root and one division.
 * </ul>
 * {@code Math.sqrt} is correctly rounded, and {@code StrictMath.pow} is the same function on every
 * JVM. An optimizer's state (momentum's and Nesterov's velocities v, RMSProp's mean squares v, Adam's
 * moments u and v) starts at 0.0 and belongs to the network beside its parameters; {@link
 * nnlang.runtime.Network#getOptimizerState} lays it out slot by slot, each slot one value per
 * parameter in parameter order (Adam: all u, then all v), then the network's counters: the step
 * count t of Adam and AdamW, then, when a node drops out, the number of values the dropout generator
 * has drawn. Element by element, the update's order among parameters changes no bit; {@link
 * nnlang.runtime.Network#applyGradient} with a summed gradient gives exactly what {@link
 * nnlang.runtime.Network#trainBatch} gives.
 * A fixed node ({@link nnlang.model.Node#fixed}) is skipped: its parameters and its optimizer state
 * stay as they are, although its gradients were computed and propagated like any other node's.
 *
 * <p><b>Shards</b> ({@code shards S} in the train block, 1 when not written): a mini-batch of m
 * samples, positions {@code from .. from+m} of the epoch's order, is split into S shards of
 * consecutive positions, shard k (from 0) holding q + 1 samples for k &lt; r and q samples for
 * k ≥ r, with q = ⌊m/S⌋ and r = m mod S ({@link nnlang.runtime.Shards}); a shard is empty only when
 * m &lt; S, as the last batch of an epoch may be. Each non-empty shard's gradient sum G_k and cost
 * C_k are computed exactly as the gradient and the cost of a batch made of its samples alone, in
 * their order ({@link nnlang.runtime.Network#gradient}). The batch's gradient sum is then G = 0.0,
 * G += G_k for ascending k, element by element, and its cost 0.0 + C_0 + C_1 + … in the same order;
 * an empty shard adds nothing. The update follows as above with that G and m, the whole batch's
 * size. With S = 1, G = 0.0 + G_0 is G_0 bit for bit (G_0, a sum that starts at +0.0, is never
 * -0.0), so one shard is the unsharded order above and the trainer uses
 * {@link nnlang.runtime.Network#trainBatch}. Shards change which sums are formed on purpose, so a
 * different S gives different bits; where the shards are computed (one machine or several) never
 * does.
 *
 * <h2>Threads: the same operations, the same order</h2>
 * Threads change who computes a quantity, never which operations compute it or the order of the
 * terms of a sum, so every result is the same bits on any number of threads.
 * <ul>
 *   <li><b>Serving</b>: {@link nnlang.runtime.Network#predict} reads the parameters and writes only
 *       scratch buffers of the calling thread (each back end keeps one copy of its per-sample
 *       buffers per thread, sharing the parameters), so a forward pass on any thread is the forward
 *       pass above.
 *   <li><b>A batch of predictions</b> ({@link nnlang.runtime.Network#predict(double[][])}): each
 *       input's outputs are its own forward pass; the inputs are split into contiguous ranges, one
 *       task each, and each output is written to its own row.
 *   <li><b>Evaluation</b> of a data set: each sample's cost ({@link nnlang.model.Cost#value}) and
 *       whether it is right are computed on any thread into that sample's own slot; then one thread
 *       adds the costs to 0.0 in index order, the same sum as on one thread, and counts the right
 *       ones (integers).
 *   <li><b>Training on N threads</b>, one mini-batch in three phases, with a barrier after A and one
 *       after C (the next batch reads every parameter):
 *       <ol>
 *         <li>A, by samples: the batch's samples split into N contiguous ranges; each thread runs
 *             the forward pass, the sample's cost, and for every node the dZ and the propagation of
 *             its samples. When nodes drop out, a thread draws its samples' masks from the
 *             generator's position of its first sample, k + r · D for the batch's first draw k, its
 *             first sample r of the batch and D draws per sample (the sizes of the nodes that drop
 *             out): the draws each sample gets on one thread. All of it belongs to one sample: no sum runs over samples. Each sample's
 *             X and dZ are kept per node, and its cost in its own slot.
 *         <li>B, by parameters: each node's parameters split into N contiguous parts (the
 *             interpreter splits a dense node's weights by input, the rows of the transposed matrix
 *             it stores, and its biases by neuron, and a convolution's kernels and biases by
 *             filter); the thread of a part computes the gradient sums
 *             of its parameters as above, each from 0.0 over all the batch's samples in batch order,
 *             reading the X and dZ phase A kept.
 *         <li>C, by parameters: the same thread then updates its part, element by element as above
 *             (the update of one parameter reads only its own value, gradient and state, so C needs
 *             no barrier after B). The coordinating thread adds the samples' costs to 0.0 in batch
 *             order.
 *       </ol>
 *       No value is written by two threads in a phase, and none is read in a phase by a thread
 *       other than its writer before the barrier that ends the phase that wrote it. Where a range
 *       or part ends is free: it decides which thread computes a quantity, never the operations
 *       or their order. The interpreter cuts them even; a compiled class cuts phase A's ranges and
 *       B's and C's parts in proportion to the threads' measured speeds
 *       ({@link nnlang.runtime.ShareBalance}), so that a slower core gets less. The step's
 *       scalars (c, Adam's counters) are computed once per batch by the coordinating thread. The
 *       interpreter divides a dense node's parameters as said, and a convolution's by filters:
 *       each filter's kernel and bias sums add their terms over the batch's samples in order and,
 *       within a sample, over the positions in ascending order, as on one thread. A compiled class
 *       ({@link nnlang.runtime.CompiledNetwork}, with {@link nnlang.runtime.CompiledShares}) splits a
 *       dense node's weights by the arrays it stores them in (neuron rows, or input columns for a
 *       node stored by column) and its biases by neuron, a convolution's biases by filter and its kernels
 *       by filter over one channel, by kernel rows of every filter over several, and gives a node
 *       small enough to be straight-line code whole to one thread. It may instead
 *       <em>replicate</em> a node whose gradient sums are little work next to the whole network's:
 *       every thread keeps a copy of that node's parameters, gradient sums and state of its own (thread
 *       0's are the network's arrays), runs phase A over its copy, and in B and C computes all of the
 *       node's gradient sums (each from 0.0 over all the batch's samples in batch order) and updates
 *       its copy whole. Every copy goes through the same operations on the same values, so all hold
 *       the bits of one thread, and no parameter of such a node moves between the threads. It may
 *       also <em>chain</em> a node whose values per sample outnumber its parameters: in B, thread 0
 *       adds the gradient terms of its samples to the node's sums (each from 0.0, in batch order),
 *       then thread 1 those of its own samples to the same sums, and so on in the order of the
 *       threads' ranges of samples, so that every sum still adds its terms in batch order; the last
 *       thread then updates the node whole. The sums move between the threads, no sample's values.
 *       By default its classes whose forward pass does at least 4 multiply-adds per parameter
 *       (networks with convolutions) divide so, replicating every node whose multiply-adds per
 *       sample are at most an eighth of the network's (the conv example's dense layers) and chaining
 *       every other node with at least 4 values per sample per parameter (its first convolution);
 *       dense ones may divide by neurons (next); the others train on one thread (the compiler's
 *       README says why). A batch summed in shards trains on one thread.
 *   <li><b>Training on N threads by neurons</b>, for a compiled class whose first node is a dense
 *       layer that reads the whole input and holds most of the parameters
 *       ({@link nnlang.runtime.NeuronShares}): thread t owns neurons ⌊n·t/N⌋ .. ⌊n·(t+1)/N⌋ - 1 of
 *       that node's n, and keeps its own copy of every parameter, gradient sum and value of state
 *       (of the first node, of its neurons only).
 *       One mini-batch in two phases, with a barrier after each:
 *       <ol>
 *         <li>A: every thread reads the whole batch and, when nodes drop out, draws every sample's
 *             masks from the batch's first draw on (the draws each sample gets on one thread); then
 *             computes z_j and a_j of its neurons of the first node for every sample, each sum as
 *             on one thread, and hands them over.
 *         <li>B: every thread runs the rest of the forward pass, each sample's cost and its whole
 *             backward pass (the first node's dZ included), the operations of one thread on the
 *             same values, so every thread holds the same bits; then the gradient sums and update
 *             of its neurons of the first node (each weight's sum over the batch's samples in batch
 *             order) and of every other node whole. The costs are added to 0.0 in batch order from
 *             thread 0's.
 *       </ol>
 *       No thread reads a value another wrote but the first node's z and a after phase A. The
 *       network's own parameters and state, whenever anything reads or changes them, are thread
 *       0's with each thread's neurons of the first node put in: every copy of a parameter that no
 *       thread owns went through the same operations, so they are the bits of one thread.
 * </ul>
 *
 * <h2>How the interpreter follows it</h2>
 * The {@link nnlang.runtime.Interpreter} runs each step for the whole mini-batch at once, one row
 * per sample. A formula activation's program runs step by step over the whole batch's
 * array, each step a loop over every element, which computes per element exactly what the
 * program's order says. That changes nothing: every quantity above belongs to one sample except gW and gb,
 * and those it sums over the rows in ascending order, which is batch order. Its matrix products use
 * EJML's {@code multAddTransB}, {@code multAddTransA} and {@code multAdd} into outputs filled with
 * 0.0, rather than {@code multTransB}, {@code multTransA} and {@code mult}: EJML 0.46.1 sums each
 * element in ascending index order, but its matrix-vector kernels (a node of size 1, or of fan-in
 * 1) and its "reorder" kernels (15 columns or more) start from the first product, which gives -0.0
 * where the order above gives +0.0. Adding into +0.0 restores the canonical sums exactly.
 */
package nnlang.runtime;
