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
 * @param inlineMaxWeights an unrolled node with at most this many weights is emitted in place in the
 *                         phase methods rather than in methods of its own
 * @param columnMinSize    a looped node with at least this many neurons stores its weights by input
 *                         column and adds each input's terms to all its neurons' sums in one loop over
 *                         the neurons, which C2 vectorises; a network with such a node trains a
 *                         mini-batch phase by phase rather than sample by sample
 * @param sampleBlock      how many samples of a mini-batch a column node's forward pass and a looped
 *                         node's gradient accumulation handle per sweep over the weights
 * @param columnsPerSweep  how many weight columns a column node's forward pass over a block of samples
 *                         adds to the sums per sweep over the neurons (fewer loads and stores of the
 *                         sums; each sum still adds its terms in ascending order)
 * @param columnsPerSingleSweep the same for a single sample (a prediction, or the last samples of a
 *                         mini-batch), which has registers to spare for more columns
 * @param localsSampleBlock a network made only of nodes emitted in place trains with every value in
 *                         locals, reading and running the forward passes of up to this many samples
 *                         per block of straight-line code, node by node and sample after sample, so
 *                         that the samples' activations are independent work the processor overlaps;
 *                         0 keeps such a network's values in its arrays, sample by sample
 * @param skipZeroInputs   a column node adds nothing for input elements that are exactly zero in every
 *                         sample of a sweep (and every column of its group), in its forward sums and
 *                         in its gradient sums: with finite weights and deltas such a term is ±0.0,
 *                         and adding ±0.0 to a sum that started at +0.0 changes no bit of it (such a
 *                         sum is never -0.0); most MNIST pixels are 0
 * @param divideMinReuse   a class trained phase by phase divides a mini-batch between threads only
 *                         when its multiply-adds per sample are at least this many times its
 *                         parameters: dividing moves every parameter between the processors' caches
 *                         once per mini-batch (each thread reads them all for its samples and updates
 *                         a part), which only work that reuses each parameter many times pays for; 0
 *                         divides every such class
 * @param neuronDivisionMinRatio a class trained phase by phase whose first node is a column node
 *                         reading the whole input divides a mini-batch between threads by that
 *                         node's neurons instead ({@link NetworkPlan#dividesByNeurons()}), when its
 *                         weights are at least this many times the parameters of the rest of the
 *                         network, which every thread runs whole; 0 divides every such class, and
 *                         {@link Integer#MAX_VALUE} none
 * @param neuronShareMin   the fewest of the first node's neurons a thread gets when a class divides by
 *                         them: a class divides by neurons only when two threads get at least this
 *                         many, and trains on no more threads than give each this many. A thread's
 *                         loops over its neurons have a fixed cost per input column that does not
 *                         shrink with the share, so short ones gain nothing
 * @param replicateMinRatio a class that divides a mini-batch by samples replicates a node (every
 *                         thread sums and updates a copy of its own whole, {@link
 *                         NetworkPlan#replicates}) when the network's multiply-adds per sample are
 *                         at least this many times the node's: its sums then cost each thread
 *                         little, and its parameters never move between the processors' caches;
 *                         0 replicates every node, {@link Integer#MAX_VALUE} none
 * @param chainMinRatio    a class that divides a mini-batch by samples chains a node it does not
 *                         replicate (each thread adds its own samples' terms to the node's sums and
 *                         hands them to the next, {@link NetworkPlan#chains}) when the node's
 *                         values per sample are at least this many times its parameters: handing
 *                         over its sums then moves less than every thread reading every sample's
 *                         values; 0 chains every node, {@link Integer#MAX_VALUE} none
 */
record CompilerOptions(int unrollMaxWeights, int unrollMaxChain, int rowBlock, int inlineMaxWeights,
        int columnMinSize, int sampleBlock, int columnsPerSweep, int columnsPerSingleSweep, int localsSampleBlock,
        boolean skipZeroInputs, int divideMinReuse, int neuronDivisionMinRatio, int neuronShareMin,
        int replicateMinRatio, int chainMinRatio) {

    /**
     * Unrolls XOR- and half-adder-sized nodes, loops over anything MNIST-sized: by column from 16
     * neurons, five samples and two columns per sweep (four columns for one sample), zero inputs
     * skipped, else six rows per sweep; a network of nodes in place trains in locals, four samples at
     * a time; a mini-batch is divided between threads when each parameter serves at least 4
     * multiply-adds per sample (a network with convolutions; a dense layer serves one per weight):
     * on this project's 2-core machine, the conv example's epoch took 0.56 to 0.81 times as long on 2
     * threads, and the dense MNIST networks' 1.6 to 2.0 times (batches of 10); a dense network whose
     * first layer has at least 8 times the parameters of the rest is divided by that layer's neurons,
     * at least 40 per thread: 784-100-10's epoch took 0.66 to 0.72 of one thread's time on 2 threads of 50
     * neurons, 784-30-10's 1.00 to 1.07 on 2 of 15; a class divided by samples replicates each node that does
     * at most an eighth of the network's multiply-adds: the conv example's dense layers, 4% of its
     * multiply-adds, whose 65,110 parameters then stay on each core (its epoch on 2 threads took
     * 0.61 to 0.64 of one thread's time, against 0.64 to 0.68 without, three runs of both in one JVM).
     */
    static final CompilerOptions DEFAULT = new CompilerOptions(256, 32, 6, 64, 16, 5, 2, 4, 4, true, 4, 8, 40, 8, 4);

    CompilerOptions {
        if (unrollMaxWeights < 0 || unrollMaxChain < 0 || rowBlock < 1 || inlineMaxWeights < 0
                || columnMinSize < 1 || sampleBlock < 1 || columnsPerSweep < 1 || columnsPerSingleSweep < 1
                || localsSampleBlock < 0 || divideMinReuse < 0 || neuronDivisionMinRatio < 0 || neuronShareMin < 1
                || replicateMinRatio < 0 || chainMinRatio < 0) {
            throw new IllegalArgumentException("bad compiler options");
        }
    }

    /** Whether {@code node} is emitted as straight-line code: a small dense node, never a conv or pool. */
    boolean unrolls(Node node) {
        return node.layer() instanceof nnlang.model.Dense
                && (long) node.size() * node.inputSize() <= unrollMaxWeights
                && node.inputSize() <= unrollMaxChain
                && node.size() <= unrollMaxChain;
    }

    /** Whether {@code node} stores its weights by input column: looped and at least {@link #columnMinSize} neurons. */
    boolean columns(Node node) {
        return node.layer() instanceof nnlang.model.Dense && !unrolls(node) && node.size() >= columnMinSize;
    }
}
