package nnlang.testing;

import java.util.function.Function;
import nnlang.model.NetworkModel;
import nnlang.runtime.Network;

/**
 * A back end under test: what {@link BackEndConformance} runs, by name.
 *
 * @param create    a new network of the model, its parameters as the back end sets them initially
 * @param smallOnly whether it only fits networks small enough to unroll (a code shape that makes every
 *                  node straight-line code would pass the JIT's method size limit on MNIST's)
 */
public record BackEnd(String name, Function<NetworkModel, Network> create, boolean smallOnly) {

    @Override
    public String toString() {
        return name;
    }
}
