package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.INT;

import org.objectweb.asm.Type;
import org.objectweb.asm.commons.Method;

/**
 * The part of a node's parameters a loop runs over: its weight arrays {@code [rowFrom, rowTo)} (the
 * arrays of {@link NodePlan#weightRows()}: neuron rows, input columns of a column node, a conv's
 * filters), the elements {@code [columnFrom, columnTo)} of each, and its biases
 * {@code [biasFrom, biasTo)}. The whole node has constant bounds, so the code emitted for it is the
 * code of a class that never divides its work; a thread's share of a mini-batch on several threads
 * ({@code package-info}, "Training on N threads") has bounds computed at run time from the share's
 * index: contiguous rows, or for a convolution over several channels ({@link #splitsKernel})
 * contiguous kernel rows of every filter, as large as the balance of the division by samples makes
 * them ({@code ShareBalance.start}); or even ranges of a dense node's neurons ({@link #neurons}).
 */
record Part(Index rowFrom, Index rowTo, Index columnFrom, Index columnTo, Index biasFrom, Index biasTo) {
    private static final Type TRAINING_THREADS = Type.getObjectType("nnlang/runtime/TrainingThreads");
    private static final Method PART_START = Method.getMethod("int partStart(int, int, int)");
    private static final Type SHARE_BALANCE = Type.getObjectType("nnlang/runtime/ShareBalance");
    private static final Method BALANCED_START = Method.getMethod(
            "int start(nnlang.runtime.CompiledNetwork, int, int, int)");

    /** Every parameter of node {@code p}. */
    static Part whole(NodePlan p) {
        return new Part(Index.constant(0), Index.constant(p.weightRows()), Index.constant(0),
                Index.constant(p.weightRowLength()), Index.constant(0), Index.constant(p.biases));
    }

    /**
     * Whether a share of node {@code p} is a range of kernel rows (channel c, kernel row ky) of every
     * filter rather than a range of filters: for a convolution over more than one channel, whose
     * gradient sums would otherwise need every share to copy the whole input under the kernel at
     * every position (its patches), where a range of kernel rows needs only that range copied.
     */
    static boolean splitsKernel(NodePlan p) {
        return p.image instanceof nnlang.model.Conv conv && conv.channels() > 1;
    }

    /**
     * Share {@code share} of {@code shares} (int locals) of node {@code p}'s parameters: contiguous
     * parts of its weight arrays (or, when {@link #splitsKernel}, of every weight array's kernel rows)
     * and of its biases, each bound computed once into a local here.
     */
    static Part share(MethodEmitter m, NodePlan p, int share, int shares) {
        Index biasFrom = balancedBound(m, "biasFrom", p.biases, share, 0, shares, 1);
        Index biasTo = balancedBound(m, "biasTo", p.biases, share, 1, shares, 1);
        if (splitsKernel(p)) {
            nnlang.model.Conv conv = (nnlang.model.Conv) p.image;
            int kernelRows = conv.channels() * conv.kernelHeight();
            return new Part(Index.constant(0), Index.constant(p.weightRows()),
                    balancedBound(m, "columnFrom", kernelRows, share, 0, shares, conv.kernelWidth()),
                    balancedBound(m, "columnTo", kernelRows, share, 1, shares, conv.kernelWidth()), biasFrom, biasTo);
        }
        return new Part(balancedBound(m, "rowFrom", p.weightRows(), share, 0, shares, 1),
                balancedBound(m, "rowTo", p.weightRows(), share, 1, shares, 1), Index.constant(0),
                Index.constant(p.weightRowLength()), biasFrom, biasTo);
    }

    /**
     * Share {@code share} of {@code shares} (int locals) of column node {@code p}'s neurons: every
     * weight array (input column), its elements (neurons) {@code [from, to)} and those neurons'
     * biases, the bounds computed once into locals here: even shares
     * ({@code TrainingThreads.partStart}), for which a division by neurons has methods of their own.
     */
    static Part neurons(MethodEmitter m, NodePlan p, int share, int shares) {
        return neurons(p, bound(m, "neuronFrom", p.size, share, 0, shares, 1),
                bound(m, "neuronTo", p.size, share, 1, shares, 1));
    }

    /** Neurons {@code [from, to)} of column node {@code p}: every weight array's elements from to to, and their biases. */
    static Part neurons(NodePlan p, Index from, Index to) {
        if (!p.columns) {
            throw new IllegalArgumentException(p.name + " does not store its weights by column");
        }
        return new Part(Index.constant(0), Index.constant(p.weightRows()), from, to, from, to);
    }

    /** Whether the part has every element of its weight arrays (constant column bounds). */
    boolean hasWholeRows() {
        return columnFrom instanceof Index.Constant && columnTo instanceof Index.Constant;
    }

    /**
     * {@code ShareBalance.start(this, length, share + plus, shares) * scale} into a new local called
     * {@code name}: where the share starts by the balance of the division that trains this copy.
     */
    private static Index balancedBound(MethodEmitter m, String name, int length, int share, int plus, int shares,
            int scale) {
        m.g.loadThis();
        return bound(m, name, length, share, plus, shares, scale, SHARE_BALANCE, BALANCED_START);
    }

    /** {@code TrainingThreads.partStart(length, share + plus, shares) * scale} into a new local called {@code name}. */
    private static Index bound(MethodEmitter m, String name, int length, int share, int plus, int shares, int scale) {
        return bound(m, name, length, share, plus, shares, scale, TRAINING_THREADS, PART_START);
    }

    /** {@code owner.start(…, length, share + plus, shares) * scale} into a new local; the stack may hold the first arguments. */
    private static Index bound(MethodEmitter m, String name, int length, int share, int plus, int shares, int scale,
            Type owner, Method start) {
        m.g.push(length);
        m.g.loadLocal(share);
        if (plus != 0) {
            m.g.push(plus);
            m.g.math(org.objectweb.asm.commons.GeneratorAdapter.ADD, INT);
        }
        m.g.loadLocal(shares);
        m.g.invokeStatic(owner, start);
        if (scale != 1) {
            m.g.push(scale);
            m.g.math(org.objectweb.asm.commons.GeneratorAdapter.MUL, INT);
        }
        return Index.local(m.storeNew(name, INT));
    }
}
