package nnlang.compiler;

import java.util.List;
import java.util.stream.LongStream;
import nnlang.model.NetworkModel;
import nnlang.testing.BackEnd;
import nnlang.testing.BackEndConformance;

/** The code shapes every test runs under, and the networks they run on. None may change a result. */
final class CodeShapes {
    private CodeShapes() {}

    /** Unrolled where small (the default). */
    static final CompilerOptions DEFAULT = CompilerOptions.DEFAULT;
    private static final int NEVER = Integer.MAX_VALUE;
    /** Every node a loop by rows, forward in blocks of 4 rows, one sample at a time; divided by samples, every node chained. */
    static final CompilerOptions LOOPS = new CompilerOptions(0, 0, 4, 0, NEVER, 1, 1, 1, 1, true, 0, NEVER, 1, NEVER, 0);
    /**
     * Every node a loop by rows, forward in blocks of 3 rows, so that most sizes leave a tail block; a
     * class divided by samples replicates every node.
     */
    static final CompilerOptions LOOPS_BY_3 = new CompilerOptions(0, 0, 3, 0, NEVER, 1, 1, 1, 1, true, 0, NEVER, 1, 0, 0);
    /**
     * Every node a loop, by columns from 3 neurons (so by rows below), the batch phase by phase in
     * blocks of 3 samples, so that most batches leave single samples, three columns per sweep (one
     * for a single sample), so that most fan-ins leave a last column or two; every input term
     * computed, zero or not; a class divided by samples replicates the nodes that do at most half of
     * its multiply-adds.
     */
    static final CompilerOptions COLUMNS = new CompilerOptions(0, 0, 4, 0, 3, 3, 3, 1, 1, false, 0, 0, 1, 2, 4);
    /**
     * Tiny nodes straight-line code in place, the others by columns from 3 neurons, in blocks of 2
     * samples, one column per sweep (three for a single sample); a network of tiny nodes only keeps
     * its values in arrays, sample by sample; a class divided by samples replicates every node.
     */
    static final CompilerOptions COLUMNS_AND_INLINED = new CompilerOptions(64, 32, 4, 64, 3, 2, 1, 3, 0, true, 0, NEVER, 1, 0, 0);
    /** Every node of a random network straight-line code, in methods of its own, replicated when divided by samples. */
    static final CompilerOptions UNROLLED = new CompilerOptions(NEVER, NEVER, 4, 0, NEVER, 1, 1, 1, 1, true, 0, NEVER, 1, 0, NEVER);
    /**
     * Every node of a random network straight-line code, emitted in place in the phase methods; a
     * network small enough trains in locals in blocks of 3 samples, so that most batches leave single
     * samples; divided by samples, every node chained.
     */
    static final CompilerOptions INLINED = new CompilerOptions(NEVER, NEVER, 4, NEVER, NEVER, 1, 1, 1, 3, true, 0, NEVER, 1, NEVER, 0);

    /**
     * The default shape, but every class trained phase by phase divides a mini-batch between threads
     * (the default divides only those whose work reuses each parameter enough to pay for it).
     */
    static final CompilerOptions DEFAULT_DIVIDING = new CompilerOptions(256, 32, 6, 64, 16, 5, 2, 4, 4, true, 0, 0, 1, 8, 4);

    /** Shapes that fit any network (unrolling MNIST-sized nodes would exceed the method size limit). */
    static final List<CompilerOptions> FOR_ANY = List.of(DEFAULT, LOOPS, LOOPS_BY_3, COLUMNS, COLUMNS_AND_INLINED);
    /** Shapes for networks small enough to unroll completely. */
    static final List<CompilerOptions> FOR_SMALL =
            List.of(DEFAULT, LOOPS, LOOPS_BY_3, COLUMNS, COLUMNS_AND_INLINED, UNROLLED, INLINED);

    /**
     * The shapes for {@code model}: every shape when each of its nodes is small enough to unroll (at
     * most {@link #UNROLLABLE} weights), else those that fit any network. A dense layer reading a
     * convolution can be too large to unroll.
     */
    static List<CompilerOptions> shapesFor(NetworkModel model) {
        return model.nodes().stream().allMatch(n -> n.parameterCount() <= UNROLLABLE) ? FOR_SMALL : FOR_ANY;
    }

    /** The most parameters of a node that the unrolling shapes take. */
    static final int UNROLLABLE = 300;

    /** Random network seeds: even ones are layered networks, odd ones neuron-level DAGs. */
    static LongStream seeds() {
        return LongStream.range(0, 120);
    }

    /** The random network of {@code seed}: every third one may use the step activation. */
    static NetworkModel random(long seed) {
        return BackEndConformance.random(seed);
    }

    /** Each shape as a back end of the conformance suite: the compiled class under that shape. */
    static List<BackEnd> backEnds() {
        String[] names = {"default", "loops", "loops by 3", "columns", "columns and inlined", "unrolled", "inlined"};
        List<BackEnd> backEnds = new java.util.ArrayList<>();
        for (int k = 0; k < FOR_SMALL.size(); k++) {
            CompilerOptions shape = FOR_SMALL.get(k);
            backEnds.add(new BackEnd("compiled, " + names[k], model -> NetworkCompiler.load(model, shape),
                    !FOR_ANY.contains(shape)));
        }
        return List.copyOf(backEnds);
    }
}
