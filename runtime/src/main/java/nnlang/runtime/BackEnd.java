package nnlang.runtime;

import java.util.function.Supplier;
import nnlang.model.NetworkModel;

/**
 * A way to run checked networks. Every back end follows the canonical operation order of this
 * package, so the same model, parameters and data give the same bits on each. {@link BackEnds} is
 * the registry the command line and the Maven plugin choose from by {@link #name()}: it holds the
 * {@link Interpreter} ({@code interpreted}) and every implementation registered with
 * {@link java.util.ServiceLoader} in {@code META-INF/services/nnlang.runtime.BackEnd} (the compiler
 * module registers {@code compiled}). An implementation needs a public no-argument constructor.
 *
 * <p>A back end only has to make an instance of a network ({@link #instantiate}). The starting
 * parameters are set by {@link #create(NetworkModel)}, the same way for every back end; providers
 * do not override it.
 */
public interface BackEnd {

    /** The name users choose it by, in lower case: {@code compiled}, {@code interpreted}. */
    String name();

    /**
     * A new instance of {@code model} on this back end, with parameters not yet set (any values).
     *
     * @throws IllegalArgumentException when this back end cannot run the model
     */
    Network instantiate(NetworkModel model);

    /**
     * Makes new instances of {@code model} (parameters not yet set), for callers that need several
     * of one network, e.g. one per thread or per task of a cluster's executor. A back end that
     * prepares something per network, such as a generated class, does it once, here, rather than
     * for each instance.
     *
     * @throws IllegalArgumentException when this back end cannot run the model
     */
    default Supplier<Network> instances(NetworkModel model) {
        return () -> instantiate(model);
    }

    /**
     * A new instance of {@code model} holding {@link Initializer#initialParameters}: with a train
     * block the draws from its seed, where training starts; without one the values the source gives.
     *
     * @throws IllegalArgumentException when a parameter has no value and there is no train block
     */
    default Network create(NetworkModel model) {
        return create(model, Initializer.initialParameters(model));
    }

    /** A new instance of {@code model} holding {@code parameters} (in the order of {@link NetworkModel}). */
    default Network create(NetworkModel model, double[] parameters) {
        Network network = instantiate(model);
        network.setParameters(parameters);
        return network;
    }
}
