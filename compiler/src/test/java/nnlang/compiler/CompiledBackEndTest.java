package nnlang.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.function.Supplier;
import nnlang.model.NetworkModel;
import nnlang.runtime.BackEnd;
import nnlang.runtime.BackEnds;
import nnlang.runtime.Initializer;
import nnlang.runtime.Network;
import nnlang.testing.ModelBuilder;
import org.junit.jupiter.api.Test;

/**
 * The compiled back end reaches the runtime's registry through ServiceLoader, starts where the
 * interpreter does, and makes many instances of one network from one generated class.
 */
class CompiledBackEndTest {

    @Test
    void theRegistryOffersBothBackEndsByName() {
        assertEquals(List.of("compiled", "interpreted"), BackEnds.all().stream().map(BackEnd::name).toList());
        assertEquals("compiled or interpreted", BackEnds.names());
        assertEquals(CompiledBackEnd.class, BackEnds.named("compiled").getClass());
    }

    @Test
    void everyBackEndCreatesANetworkHoldingTheSameInitialParameters() {
        NetworkModel xor = ModelBuilder.xor(5);
        double[] initial = Initializer.initialParameters(xor);
        for (BackEnd b : BackEnds.all()) {
            assertArrayEquals(initial, b.create(xor).parameters(), b.name());
            assertArrayEquals(b.create(xor).predict(new double[] {1, 0}),
                    BackEnds.named("interpreted").create(xor).predict(new double[] {1, 0}), b.name());
        }
    }

    @Test
    void theInstancesOfANetworkShareOneGeneratedClassAndHoldTheirOwnParameters() {
        NetworkModel xor = ModelBuilder.xor(7);
        Supplier<Network> instances = BackEnds.named("compiled").instances(xor);
        Network first = instances.get();
        Network second = instances.get();
        assertNotSame(first, second);
        assertSame(first.getClass(), second.getClass(), "the class is generated once");
        assertNotSame(first.getClass(), BackEnds.named("compiled").instantiate(xor).getClass(),
                "each instantiation generates its own");
        double[] initial = Initializer.initialParameters(xor);
        first.setParameters(initial);
        second.setParameters(new double[xor.parameterCount()]);
        assertArrayEquals(initial, first.parameters());
        assertArrayEquals(new double[xor.parameterCount()], second.parameters());
        assertArrayEquals(BackEnds.named("interpreted").create(xor).predict(new double[] {0, 1}),
                first.predict(new double[] {0, 1}));
    }
}
