package nnlang.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A facade forwards the whole contract to the class named after it, and says what is missing when
 * that class is not there. Nested classes stand in for the generated ones here: the binary name of
 * {@code Tiny.Compiled} is {@code ...Tiny$Compiled}, the name the facade {@code Tiny} looks for.
 */
class NetworkFacadeTest {

    /** A facade as the plugin generates one, over a hand-written network. */
    public static final class Tiny extends NetworkFacade {
        public Tiny() {}

        /** What a compiled class is to its facade: a Network with a public constructor without arguments. */
        public static final class Compiled extends LinearNetwork {
            public Compiled() {
                super("Tiny", 2, 3);
            }
        }
    }

    /** A facade whose compiled class was never written. */
    public static final class Orphan extends NetworkFacade {
        public Orphan() {}
    }

    @Test
    void everyMethodOfTheContractIsForwardedDefaultOnesToo() {
        List<String> missing = new ArrayList<>();
        for (Method m : Network.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                NetworkFacade.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                missing.add(m.toString());
            }
        }
        assertEquals(List.of(), missing, "Network methods the facade does not forward");
    }

    @Test
    void facadeIsTheNetworkOfTheClassNamedAfterIt() {
        assertEquals(NetworkFacadeTest.class.getName() + "$Tiny$Compiled",
                NetworkFacade.compiledClassName(Tiny.class.getName()));
        Tiny tiny = new Tiny();
        assertEquals(2, tiny.inputSize());
        assertEquals(3, tiny.outputSize());
        assertEquals(9, tiny.parameterCount());
        double[] params = {1, 2, 3, 4, 5, 6, 0.5, -0.5, 0};
        tiny.setParameters(params);
        assertArrayEquals(params, tiny.parameters());
        // a = W·x + b, W row by row, then b
        assertArrayEquals(new double[] {1 + 2 * 2 + 0.5, 3 + 4 * 2 - 0.5, 5 + 6 * 2}, tiny.predict(new double[] {1, 2}));
    }

    @Test
    void missingCompiledClassIsNamedWithTheRemedy() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Orphan::new);
        assertTrue(e.getMessage().startsWith(Orphan.class.getName() + "$Compiled is not beside " + Orphan.class.getName()),
                e.getMessage());
        assertTrue(e.getMessage().contains("build the project again"), e.getMessage());
    }

    @Test
    void wrongInputLengthNamesTheInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkFacade.requireLength(new double[3], 784, "image"));
        assertEquals("input image has 784 elements, not 3", e.getMessage());
    }

    @Test
    void predictedClassIsTheFirstLargestOutput() {
        assertEquals(1, NetworkFacade.largestOutput(new double[] {0.1, 0.7, 0.7, 0.2}));
    }
}
