package nnlang.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import nnlang.model.NetworkModel;
import nnlang.runtime.BackEnd;
import nnlang.runtime.BackEnds;
import nnlang.runtime.Initializer;
import nnlang.testing.ModelBuilder;
import org.junit.jupiter.api.Test;

/** The compiled back end reaches the runtime's registry through ServiceLoader, and starts where the interpreter does. */
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
}
