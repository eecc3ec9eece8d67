package nnlang.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import nnlang.model.Shape;
import org.junit.jupiter.api.Test;

/** The one-line form of a layout: dense nodes as parameter files of format 1 have always written them, other kinds with their blocks. */
class ParameterLayoutTest {

    @Test
    void denseNodesKeepTheirShortForm() {
        ParameterLayout xor = new ParameterLayout("Xor",
                List.of(ParameterLayout.NodeBlocks.dense("hidden", 2, 2), ParameterLayout.NodeBlocks.dense("out", 1, 2)));
        assertEquals("Xor:hidden=2x2,out=1x2", xor.encode());
        assertEquals(xor, ParameterLayout.decode(xor.encode()));
        assertEquals(9, xor.parameterCount());
    }

    @Test
    void otherKindsNameTheirBlocks() {
        ParameterLayout conv = new ParameterLayout("Net", List.of(
                new ParameterLayout.NodeBlocks("c1", "conv", List.of(
                        new ParameterLayout.Block("weight", Shape.of(20, 1, 5, 5)),
                        new ParameterLayout.Block("bias", Shape.of(20)))),
                ParameterLayout.NodeBlocks.dense("out", 10, 2880)));
        String encoded = conv.encode();
        assertEquals("Net:c1=conv(weight:20x1x5x5;bias:20),out=10x2880", encoded);
        assertEquals(conv, ParameterLayout.decode(encoded));
        assertEquals("weight [3][0][4][1] of node c1", conv.describe(3 * 25 + 4 * 5 + 1));
        assertEquals("bias [19] of node c1", conv.describe(500 + 19));
        assertEquals("weight [0][5] of node out", conv.describe(520 + 5));
    }

    @Test
    void fixedNodesAreMarkedAndPartNamesKeepTheirDots() {
        ParameterLayout bits = new ParameterLayout("MnistBits", List.of(
                new ParameterLayout.NodeBlocks("digits.hidden", "dense", ParameterLayout.NodeBlocks.dense("x", 30, 784)
                        .blocks(), true),
                ParameterLayout.NodeBlocks.dense("top", 4, 30),
                new ParameterLayout.NodeBlocks("c1", "conv", List.of(new ParameterLayout.Block("weight", Shape.of(2, 3)),
                        new ParameterLayout.Block("bias", Shape.of(2))), true)));
        String encoded = bits.encode();
        assertEquals("MnistBits:digits.hidden=30x784 fixed,top=4x30,c1=conv(weight:2x3;bias:2) fixed", encoded);
        assertEquals(bits, ParameterLayout.decode(encoded));
        assertEquals("expected digits.hidden 30x784 fixed, file has digits.hidden 30x784",
                ParameterFile.mismatch(bits, ParameterLayout.decode(encoded.replace("30x784 fixed", "30x784"))));
    }

    @Test
    void malformedTextIsRefused() {
        for (String bad : List.of("no colon", "N:a=2", "N:a=2x", "N:=2x2", "N:a=conv(weight)", "N:a=conv(w:2x2")) {
            assertThrows(IllegalArgumentException.class, () -> ParameterLayout.decode(bad), bad);
        }
        assertEquals(0, ParameterLayout.decode("Empty:").parameterCount());
    }
}
