package nnlang.compiler;

import java.util.List;
import java.util.stream.LongStream;
import nnlang.model.NetworkModel;
import nnlang.testing.RandomNetworks;

/** The code shapes every test runs under, and the networks they run on. None may change a result. */
final class CodeShapes {
    private CodeShapes() {}

    /** Unrolled where small (the default). */
    static final CompilerOptions DEFAULT = CompilerOptions.DEFAULT;
    /** Every node a loop, forward in blocks of 4 rows. */
    static final CompilerOptions LOOPS = new CompilerOptions(0, 0, 4, 0);
    /** Every node a loop, forward in blocks of 3 rows, so that most sizes leave a tail block. */
    static final CompilerOptions LOOPS_BY_3 = new CompilerOptions(0, 0, 3, 0);
    /** Every node of a random network straight-line code, in methods of its own. */
    static final CompilerOptions UNROLLED = new CompilerOptions(Integer.MAX_VALUE, Integer.MAX_VALUE, 4, 0);
    /** Every node of a random network straight-line code, emitted in place in the phase methods. */
    static final CompilerOptions INLINED =
            new CompilerOptions(Integer.MAX_VALUE, Integer.MAX_VALUE, 4, Integer.MAX_VALUE);

    /** Shapes that fit any network (unrolling MNIST-sized nodes would exceed the method size limit). */
    static final List<CompilerOptions> FOR_ANY = List.of(DEFAULT, LOOPS, LOOPS_BY_3);
    /** Shapes for networks small enough to unroll completely. */
    static final List<CompilerOptions> FOR_SMALL = List.of(DEFAULT, LOOPS, LOOPS_BY_3, UNROLLED, INLINED);

    /** Random network seeds: even ones are layered networks, odd ones neuron-level DAGs. */
    static LongStream seeds() {
        return LongStream.range(0, 120);
    }

    /** The random network of {@code seed}: every third one may use the step activation. */
    static NetworkModel random(long seed) {
        return RandomNetworks.network(seed, seed % 3 == 0 ? RandomNetworks.ALL : RandomNetworks.DIFFERENTIABLE);
    }
}
