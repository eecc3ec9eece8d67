package nnlang.compiler;

import java.util.function.Supplier;
import nnlang.model.NetworkModel;
import nnlang.runtime.BackEnd;
import nnlang.runtime.Network;

/**
 * The {@code compiled} back end: the class {@link NetworkCompiler} generates for the network, loaded
 * in a class loader of its own. Registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services/nnlang.runtime.BackEnd}, so that {@code nnlang.runtime.BackEnds} offers it
 * wherever this module is on the class path, while the runtime does not depend on the compiler.
 */
public final class CompiledBackEnd implements BackEnd {

    /** The name users choose it by. */
    public static final String NAME = "compiled";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Network instantiate(NetworkModel model) {
        return NetworkCompiler.load(model);
    }

    /** The class is generated and defined once; each instance is a new object of it. */
    @Override
    public Supplier<Network> instances(NetworkModel model) {
        return NetworkCompiler.instances(model);
    }
}
