package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.INT;

import org.objectweb.asm.Type;
import org.objectweb.asm.commons.Method;

/**
 * The part of a node's parameters a loop runs over: its weight arrays {@code [rowFrom, rowTo)} (the
 * arrays of {@link NodePlan#weightRows()}: neuron rows, input columns of a column node, a conv's
 * filters) and its biases {@code [biasFrom, biasTo)}. The whole node has constant bounds, so the code
 * emitted for it is the code of a class that never divides its work; a thread's share of a
 * mini-batch on several threads ({@code package-info}, "Training on N threads") has bounds computed
 * at run time from the share's index by {@code TrainingThreads.partStart}.
 */
record Part(Index rowFrom, Index rowTo, Index biasFrom, Index biasTo) {
    private static final Type TRAINING_THREADS = Type.getObjectType("nnlang/runtime/TrainingThreads");
    private static final Method PART_START = Method.getMethod("int partStart(int, int, int)");

    /** Every parameter of node {@code p}. */
    static Part whole(NodePlan p) {
        return new Part(Index.constant(0), Index.constant(p.weightRows()), Index.constant(0), Index.constant(p.biases));
    }

    /**
     * Share {@code share} of {@code shares} (int locals) of node {@code p}'s parameters: contiguous
     * parts of its weight arrays and of its biases, each bound computed once into a local here.
     */
    static Part share(MethodEmitter m, NodePlan p, int share, int shares) {
        return new Part(bound(m, "rowFrom", p.weightRows(), share, 0, shares),
                bound(m, "rowTo", p.weightRows(), share, 1, shares),
                bound(m, "biasFrom", p.biases, share, 0, shares),
                bound(m, "biasTo", p.biases, share, 1, shares));
    }

    /** {@code partStart(length, share + plus, shares)} into a new local called {@code name}. */
    private static Index bound(MethodEmitter m, String name, int length, int share, int plus, int shares) {
        m.g.push(length);
        m.g.loadLocal(share);
        if (plus != 0) {
            m.g.push(plus);
            m.g.math(org.objectweb.asm.commons.GeneratorAdapter.ADD, INT);
        }
        m.g.loadLocal(shares);
        m.g.invokeStatic(TRAINING_THREADS, PART_START);
        return Index.local(m.storeNew(name, INT));
    }
}
