package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLES;
import static nnlang.compiler.MethodEmitter.ROWS;

import org.objectweb.asm.Type;

/**
 * The arrays a generated class keeps, each a field: the network's sample buffers and, per node,
 * its vectors, parameters, gradient sums and optimizer state. A field is named by its buffer and,
 * for a node's buffers, the node ({@code w_hidden}); every name in the class comes from here.
 *
 * <p>A buffer is <em>per sample</em> when it holds one sample's values; a network trained phase by
 * phase keeps those of the forward pass and the delta ({@link #banked()}) once per sample of the
 * mini-batch, in a field {@code batch_<name>} of type {@code double[][]}.
 */
enum Buffer {
    /** The training sample's input ({@code in}). */
    INPUT("in", DOUBLES, false, true),
    /** The training sample's target ({@code y}). */
    TARGET("y", DOUBLES, false, true),
    /** A sample's outputs gathered for its cost, beyond the outputs costed inline ({@code out}). */
    OUTPUTS("out", DOUBLES, false, false),
    /** A node's pre-activations. */
    Z("z", DOUBLES, true, true),
    /** A node's activations: what its readers read, after dropping out in training. */
    A("a", DOUBLES, true, true),
    /** The activations of a node that drops out, before dropping ({@code u_hidden}). */
    U("u", DOUBLES, true, true),
    /** The dropout mask of a node that drops out: 1/keep or 0.0 per activation ({@code m_hidden}). */
    MASK("m", DOUBLES, true, true),
    /** The cost's gradient with respect to a node's pre-activations. */
    DZ("dZ", DOUBLES, true, true),
    /** A looped node's input gathered from several sources or part of one. */
    X("x", DOUBLES, true, true),
    /** The cost's gradient with respect to a node's activations. */
    GA("gA", DOUBLES, true, false),
    /** The cross-entropy term of a node holding outputs, when it cannot be computed in place. */
    C("c", DOUBLES, true, false),
    /** A looped node's propagated gradient, by rows. */
    DX("dX", DOUBLES, true, false),
    /** A node's weights: one array per neuron row (per input column for a column node). */
    W("w", ROWS, true, false),
    /** A node's biases. */
    B("b", DOUBLES, true, false),
    /** The gradient sums of a node's weights, stored as {@link #W}. */
    GW("gW", ROWS, true, false),
    /** The gradient sums of a node's biases. */
    GB("gb", DOUBLES, true, false),
    /** One slot of the optimizer's state for a node's weights, stored as {@link #W}: {@code s0_hidden}. */
    WEIGHT_STATE("s", ROWS, true, false),
    /** One slot of the optimizer's state for a node's biases: {@code sb0_hidden}. */
    BIAS_STATE("sb", DOUBLES, true, false),
    /** A padded conv's or pool's input inside a border of zeros, C × (H + pt + pb) × (W + pl + pr). */
    PADDED("xpad", DOUBLES, true, false),
    /** A conv's input under each kernel element at every output position: C·kh·kw arrays of OH·OW. */
    VIEW("view", ROWS, true, false),
    /** A conv's sums per filter over the output positions: F arrays of OH·OW. */
    PLANE("plane", ROWS, true, false),
    /** A conv's input under the kernel at each output position: OH·OW arrays of C·kh·kw. */
    PATCH("patch", ROWS, true, false),
    /** The terms t = Σ_f dZ_f · w_f a conv propagates from one output position, C·kh·kw of them. */
    TERMS("t", DOUBLES, true, false),
    /** Where a conv lists the non-zero dZ of a filter or a position: their indices... */
    LIST_INDEX("nz", ImageEmitter.INTS, true, false),
    /** ...and their values. */
    LIST_VALUE("nzv", DOUBLES, true, false),
    /** A padded conv's propagated gradient over its padded input. */
    PADDED_DX("dXpad", DOUBLES, true, false);

    private final String prefix;
    private final Type type;
    private final boolean perNode;
    private final boolean banked;

    Buffer(String prefix, Type type, boolean perNode, boolean banked) {
        this.prefix = prefix;
        this.type = type;
        this.perNode = perNode;
        this.banked = banked;
    }

    /** {@code double[]} or, for matrices, {@code double[][]}. */
    Type type() {
        return type;
    }

    /** Whether a network trained phase by phase keeps one array of it per sample of the mini-batch. */
    boolean banked() {
        return banked;
    }

    /** The field of a network buffer ({@code in}). */
    String field() {
        requireNode(false);
        return prefix;
    }

    /** The field of node {@code p}'s buffer ({@code w_hidden}). */
    String field(NodePlan p) {
        requireNode(true);
        if (this == WEIGHT_STATE || this == BIAS_STATE) {
            throw new IllegalArgumentException(this + " is per slot of the optimizer's state");
        }
        return prefix + "_" + p.id;
    }

    /** The field of slot {@code slot} of node {@code p}'s optimizer state ({@code s0_hidden}). */
    String field(NodePlan p, int slot) {
        if (this != WEIGHT_STATE && this != BIAS_STATE) {
            throw new IllegalArgumentException(this + " has no slots");
        }
        return prefix + slot + "_" + p.id;
    }

    /** The field holding one array per sample of a mini-batch of node {@code p}'s buffer. */
    String batchField(NodePlan p) {
        return "batch_" + field(p);
    }

    /** The field holding one array per sample of a mini-batch of a network buffer. */
    String batchField() {
        return "batch_" + field();
    }

    /** Loads node {@code p}'s field into a new local; returns the local. Stack unchanged. */
    int toLocal(MethodEmitter m, NodePlan p) {
        return m.fieldToLocal(field(p), type);
    }

    /** Loads the network's field into a new local; returns the local. Stack unchanged. */
    int toLocal(MethodEmitter m) {
        return m.fieldToLocal(field(), type);
    }

    private void requireNode(boolean node) {
        if (perNode != node) {
            throw new IllegalArgumentException(this + (perNode ? " belongs to a node" : " belongs to the network"));
        }
    }
}
