package nnlang.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nnlang.model.NetworkModel;
import nnlang.testing.ModelBuilder;
import org.junit.jupiter.api.Test;

/** The registry of back ends as the runtime alone has it: the interpreter (the compiler's tests add theirs). */
class BackEndsTest {

    @Test
    void theInterpreterIsAlwaysThereByName() {
        BackEnd interpreted = BackEnds.named("interpreted");
        assertEquals("interpreted", interpreted.name());
        assertSame(interpreted, BackEnds.named(" Interpreted "));
        assertTrue(BackEnds.all().contains(interpreted));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackEnds.named("gpu"));
        assertEquals("expected " + BackEnds.names() + ", found 'gpu'", e.getMessage());
        assertTrue(BackEnds.names().contains("interpreted"), BackEnds.names());
    }

    @Test
    void aCreatedNetworkHoldsItsInitialParameters() {
        NetworkModel xor = ModelBuilder.xor(11);
        assertArrayEquals(Initializer.initialParameters(xor), BackEnds.named("interpreted").create(xor).parameters());
        double[] given = new double[xor.parameterCount()];
        given[3] = 0.5;
        assertArrayEquals(given, BackEnds.named("interpreted").create(xor, given).parameters());
    }
}
