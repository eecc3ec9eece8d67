package org.example.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.example.Quadrant;
import org.example.gates.Nand;
import org.junit.jupiter.api.Test;

class AdvisorTest {

    private final Advisor advisor = new Advisor();

    @Test
    void trainedXorDecidesExactlyOne() {
        assertFalse(advisor.exactlyOne(false, false));
        assertTrue(advisor.exactlyOne(false, true));
        assertTrue(advisor.exactlyOne(true, false));
        assertFalse(advisor.exactlyOne(true, true));
    }

    @Test
    void classifierNamesTheQuadrant() {
        assertEquals("northeast", advisor.quadrantOf(0.9, 0.8));
        assertEquals("southwest", advisor.quadrantOf(-0.8, -0.6));
        assertEquals(List.of("northeast", "northwest", "southwest", "southeast"), Quadrant.labels());
    }

    @Test
    void facadeIsANetworkWithTheSizesOfItsSource() {
        assertEquals(2, advisor.xorNetwork().inputSize());
        assertEquals(9, advisor.xorNetwork().parameterCount());
    }

    @Test
    void testNetworkFromSrcTestNnIsCompiledWithItsPackage() {
        Nand nand = Nand.trained();
        assertArrayEquals(new double[] {0}, nand.predict(1, 1));
        assertArrayEquals(new double[] {1}, nand.predict(0, 1));
    }
}
