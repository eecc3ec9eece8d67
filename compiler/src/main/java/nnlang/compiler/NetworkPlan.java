package nnlang.compiler;

import java.util.ArrayList;
import java.util.List;
import nnlang.model.Cost;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Source;
import nnlang.model.TrainSpec;
import nnlang.runtime.UpdateRule;

/**
 * What the emitters know of the network whose class is being generated: the model, the code shape,
 * the cost and optimizer rule, one {@link NodePlan} per node, and where each vector lives. Derived
 * once from the model; it emits nothing itself.
 */
final class NetworkPlan {
    final NetworkModel model;
    final CompilerOptions options;
    /** The train block's cost; the quadratic cost for a network without one (only its forward pass is generated). */
    final Cost cost;
    /** Whether the model has a train block, hence a cost and an optimizer. */
    final boolean trainable;
    /** The optimizer's rule, null without a train block. */
    final UpdateRule rule;
    final List<NodePlan> plans;
    /** Whether a node drops out in training (never without a train block). */
    final boolean dropsOut;

    NetworkPlan(NetworkModel model, CompilerOptions options) {
        this.model = model;
        this.options = options;
        this.trainable = model.train().isPresent();
        this.cost = model.train().map(TrainSpec::cost).orElse(Cost.QUADRATIC);
        this.rule = model.train().map(t -> UpdateRule.of(t.optimizer())).orElse(null);
        List<NodePlan> list = new ArrayList<>();
        for (Node n : model.nodes()) {
            list.add(new NodePlan(model, n, cost, options));
        }
        this.plans = List.copyOf(list);
        this.dropsOut = trainable && plans.stream().anyMatch(NodePlan::dropsOut);
    }

    NodePlan plan(int node) {
        return plans.get(node);
    }

    /** Slots of optimizer state per parameter (0 without a train block). */
    int stateSlots() {
        return rule == null ? 0 : rule.stateSlots();
    }

    /** Whether node {@code p} is emitted in place in the phase methods: unrolled and tiny. */
    boolean inPlace(NodePlan p) {
        return p.unrolled && p.size * p.fanIn <= options.inlineMaxWeights();
    }

    /**
     * The multiply-adds of one sample's forward pass: a dense node's weights, a conv's filters times
     * its output positions times its kernel's C·kh·kw; what says how often each parameter is used.
     */
    long multiplyAddsPerSample() {
        return plans.stream().mapToLong(NetworkPlan::multiplyAdds).sum();
    }

    /** Node {@code p}'s multiply-adds in one sample's forward pass (none for a pool). */
    private static long multiplyAdds(NodePlan p) {
        if (p.image instanceof nnlang.model.Conv conv) {
            return (long) conv.filters() * ImageEmitter.Geometry.of(p).positions() * conv.fanIn();
        }
        return p.image == null ? (long) p.size * p.fanIn : 0;
    }

    /**
     * Whether a class dividing its mini-batches by samples ({@link #dividesBatches()}) replicates
     * trained node {@code p}: every thread keeps a copy of its parameters, sums and state of its own,
     * and sums and updates it whole, because the network's multiply-adds per sample are at least
     * {@link CompilerOptions#replicateMinRatio()} times the node's.
     */
    boolean replicates(NodePlan p) {
        return dividesTrained(p) && multiplyAddsPerSample() >= (double) options.replicateMinRatio() * multiplyAdds(p);
    }

    /**
     * Whether a class dividing its mini-batches by samples ({@link #dividesBatches()}) chains trained
     * node {@code p}, which it does not replicate: the threads add their own samples' terms to the
     * node's gradient sums one after the other, in the order of their samples, and the last updates
     * it, because its values per sample are at least {@link CompilerOptions#chainMinRatio()} times
     * its parameters.
     */
    boolean chains(NodePlan p) {
        return dividesTrained(p) && !replicates(p)
                && p.size >= (double) options.chainMinRatio() * p.node.parameterCount();
    }

    /** Whether the class divides its mini-batches by samples and node {@code p} has parameters it trains. */
    private boolean dividesTrained(NodePlan p) {
        return dividesBatches() && !p.node.fixed() && (p.weightRows() > 0 || p.biases > 0);
    }

    /**
     * Whether a class trained phase by phase divides a mini-batch between threads by samples: it does
     * not divide by neurons ({@link #dividesByNeurons()}) and each parameter serves at least
     * {@link CompilerOptions#divideMinReuse()} multiply-adds per sample.
     */
    boolean dividesBatches() {
        return !dividesByNeurons() && multiplyAddsPerSample() >= (long) options.divideMinReuse() * model.parameterCount();
    }

    /**
     * Whether a class trained phase by phase divides a mini-batch between threads by the neurons of its
     * first node rather than as {@link #dividesBatches()} does: the first node is a column node that
     * reads the whole input, has an element-wise activation and does not drop out, no node is a conv
     * or pool, the first node has at least {@link CompilerOptions#neuronDivisionMinRatio()} times as
     * many weights as the rest of the network has parameters, and two threads get at least
     * {@link CompilerOptions#neuronShareMin()} of its neurons each. Each thread then owns a range of
     * the first node's neurons, whose weights no other thread reads, and runs the rest of the network
     * whole.
     */
    boolean dividesByNeurons() {
        NodePlan first = plans.get(0);
        if (!trainable || !first.columns || first.wholeSource == null || !first.wholeSource.isInput()
                || first.size < 2 * options.neuronShareMin()
                || !first.activation.isElementwise() || first.dropsOut()
                || plans.stream().anyMatch(p -> p.image != null)) {
            return false;
        }
        long weights = (long) first.size * first.fanIn;
        long rest = model.parameterCount() - weights - first.biases;
        return weights >= (long) options.neuronDivisionMinRatio() * rest;
    }

    /** The most threads a class divided by neurons trains on: each gets at least {@link CompilerOptions#neuronShareMin()}. */
    int mostNeuronShares() {
        return plans.get(0).size / options.neuronShareMin();
    }

    /** The mini-batch size of the train block (1 without one). */
    int batchSize() {
        return Math.max(1, model.train().map(t -> t.optimizer().batch()).orElse(1));
    }

    /** The field holding a sample's values of {@code source}'s vector: the input, or a node's activations. */
    String field(Source source) {
        return source.isInput() ? Buffer.INPUT.field() : Buffer.A.field(plan(source.node()));
    }

    /** The batch field holding every sample's values of {@code source}'s vector. */
    String batchField(Source source) {
        return source.isInput() ? Buffer.INPUT.batchField() : Buffer.A.batchField(plan(source.node()));
    }

    /** The field a looped node reads its x from: its gathered x, or its one whole source. */
    String inputVectorField(NodePlan p) {
        return p.wholeSource == null ? Buffer.X.field(p) : field(p.wholeSource);
    }

    /** The batch field holding every sample's x of a looped node: its gathered x, or its one whole source. */
    String batchInputVectorField(NodePlan p) {
        return p.wholeSource == null ? Buffer.X.batchField(p) : batchField(p.wholeSource);
    }
}
