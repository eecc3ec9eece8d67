package nnlang.compiler;

import java.util.ArrayList;
import java.util.List;
import nnlang.model.Activation;
import nnlang.model.Conv;
import nnlang.model.Cost;
import nnlang.model.Dense;
import nnlang.model.Layer;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Source;

/**
 * What the generator needs to know about one node, derived once from the model: where each input
 * element comes from, how its cost gradient arrives, and which buffers it needs.
 */
final class NodePlan {

    /** Element {@code index} of node {@code node}'s activations, or of the input when node is {@link Source#INPUT}. */
    record Element(int node, int index) {
        boolean isInput() {
            return node == Source.INPUT;
        }
    }

    /** A source with its offset in the node's input vector x. */
    record Slice(Source source, int xOffset) {}

    /** A run of this node's elements read by the output: elements {@code [element, +length)} are outputs {@code [output, +length)}. */
    record OutputRun(int element, int output, int length) {}

    final Node node;
    /** The node's layer when it is a convolution or a pool (an image layer, {@link ImageEmitter}), else null. */
    final Layer image;
    final String name;
    /** The node's name as its fields and methods carry it ({@link JavaNames#member}). */
    final String id;
    final int size;
    final int fanIn;
    final Activation activation;
    final boolean unrolled;
    /**
     * A looped node whose weights and their gradient sums are stored by input column,
     * {@code w[i][j]} = w_ji, so that its forward pass adds x_i's terms to every neuron's sum in one
     * loop over j and its gradient pass adds x_i's products to a whole column in one loop over j.
     */
    final boolean columns;
    /** x_i for i in [0, fanIn). */
    final List<Element> x;
    final List<Slice> slices;
    /** The one source when it is a whole vector (so it can serve as x without a copy), else null. */
    final Source wholeSource;
    /** Whether a later node reads this node. */
    final boolean consumed;
    final List<OutputRun> outputRuns;
    /** Each element appears exactly once in the output. */
    final boolean plainOutput;
    /**
     * dZ comes straight from the cost, with no activation gradient buffer: a node no other node reads
     * that holds output elements, under cross-entropy (dZ = c, the summed a - y terms), or that is
     * exactly one run of outputs with an element-wise activation under the quadratic cost
     * (dZ = (0.0 + (a - y)) f').
     */
    final boolean fusedCost;
    /** Under cross-entropy, holds output elements, whose cost term c = 0.0 + sum of (a - y) enters dZ. */
    final boolean crossEntropyTerm;
    /** Propagates to at least one source that is a node. */
    final boolean propagates;
    /** The share of its activations the node drops in training, 0.0 for none (a node that drops out holds no output). */
    final double dropout;
    /** The number of biases: the size of a dense node, a conv's filters, none for a pool. */
    final int biases;

    NodePlan(NetworkModel model, Node node, Cost cost, CompilerOptions options) {
        this.node = node;
        this.image = node.layer() instanceof Dense ? null : node.layer();
        this.biases = image == null ? node.size() : image instanceof Conv conv ? conv.filters() : 0;
        this.name = node.name();
        this.id = JavaNames.member(node.name());
        this.size = node.size();
        this.fanIn = node.inputSize();
        this.activation = node.activation();
        this.unrolled = options.unrolls(node);
        this.columns = options.columns(node);
        List<Element> xs = new ArrayList<>();
        List<Slice> ss = new ArrayList<>();
        boolean anyNode = false;
        for (Source s : node.sources()) {
            ss.add(new Slice(s, xs.size()));
            for (int t = 0; t < s.length(); t++) {
                xs.add(new Element(s.node(), s.offset() + t));
            }
            anyNode |= !s.isInput();
        }
        this.x = List.copyOf(xs);
        this.slices = List.copyOf(ss);
        this.propagates = anyNode;
        Source only = node.sources().size() == 1 ? node.sources().get(0) : null;
        this.wholeSource = only != null && only.offset() == 0 && only.length() == model.sizeOf(only.node())
                ? only : null;
        this.consumed = model.isConsumed(node.index());
        List<OutputRun> runs = new ArrayList<>();
        int[] times = new int[size];
        int k = 0;
        for (Source s : model.output().sources()) {
            if (s.node() == node.index()) {
                runs.add(new OutputRun(s.offset(), k, s.length()));
                for (int t = 0; t < s.length(); t++) {
                    times[s.offset() + t]++;
                }
            }
            k += s.length();
        }
        this.outputRuns = List.copyOf(runs);
        boolean once = true;
        for (int t : times) {
            once &= t == 1;
        }
        this.plainOutput = once;
        this.crossEntropyTerm = cost == Cost.CROSS_ENTROPY && !runs.isEmpty();
        this.fusedCost = !consumed
                && (crossEntropyTerm || (cost == Cost.QUADRATIC && once && activation.isElementwise()));
        this.dropout = model.train().map(t -> t.dropout(node.index())).orElse(0.0);
        if (dropout > 0.0 && !runs.isEmpty()) {
            throw new IllegalArgumentException("node " + name + " holds outputs and cannot drop out");
        }
    }

    /** Whether the node drops out in training: its readers then read u · m, its delta reads u. */
    boolean dropsOut() {
        return dropout > 0.0;
    }

    /** Whether the delta needs the cross-entropy term buffer c: a node that is read by another node and whose elements are not each exactly one output. */
    boolean needsCostTermBuffer() {
        return crossEntropyTerm && consumed && !plainOutput;
    }

    /** Whether the node keeps gA, the cost gradient with respect to its activations, per sample. */
    boolean needsActivationGradient() {
        return !fusedCost;
    }

    /**
     * How many arrays hold the weights (and their gradient sums): fan-in for a column node, a conv's
     * filters (one row of C·kh·kw each), none for a pool, else size.
     */
    int weightRows() {
        if (image != null) {
            return biases;
        }
        return columns ? fanIn : size;
    }

    /** The length of each array of {@link #weightRows()}. */
    int weightRowLength() {
        if (image != null) {
            return image instanceof Conv conv ? conv.fanIn() : 0;
        }
        return columns ? size : fanIn;
    }

    /** Whether a looped node copies its sources into its own x buffer (several sources or a part of one). */
    boolean gathers() {
        return !unrolled && wholeSource == null;
    }

    /** Whether a looped node by rows sums propagated gradients in its own dX buffer. */
    boolean hasPropagationBuffer() {
        return !unrolled && !columns && propagates;
    }

    /** The name of this node's method for {@code phase}, e.g. {@code forward_hidden}. */
    String method(String phase) {
        return phase + "_" + id;
    }
}
