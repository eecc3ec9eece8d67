package nnlang.frontend.check;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.InputDecl;
import nnlang.frontend.syntax.Name;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.frontend.syntax.NodeDecl;
import nnlang.frontend.syntax.NumberLiteral;
import nnlang.model.Input;

/**
 * The declaration pass: lays out the inputs in the network input vector, sizes every neuron and
 * layer (a conv's or pool's size from its shape, {@link ImageShapes}), and enters every name into
 * one table. Reports {@code duplicate-name}, {@code bad-size},
 * {@code too-large}, {@code not-integer}, {@code missing-input} and a shape separator that is not
 * {@code x} ({@code syntax}).
 */
final class Declarations {
    private final Map<String, Symbol> symbols = new LinkedHashMap<>();
    private final List<Input> inputs = new ArrayList<>();
    private final int[] nodeSizes;
    private int inputSize;
    /** Per declaration index, a shaped conv or pool (a conv's activation still linear), else null. */
    private nnlang.model.Layer[] imageLayers;

    private Declarations(int nodeCount) {
        nodeSizes = new int[nodeCount];
    }

    /** Declares everything in {@code network}; check the reporter to see whether it succeeded. */
    static Declarations declare(NetworkSyntax network, Reporter reporter) {
        Declarations declarations = new Declarations(network.nodes().size());
        if (network.inputs().isEmpty()) {
            reporter.error("missing-input", network.name().pos(), "network " + network.name().text()
                    + " declares no inputs", "add an input line, e.g. input x1, x2");
        }
        long offset = 0;
        for (InputDecl decl : network.inputs()) {
            offset += declarations.declareInput(decl, (int) Math.min(offset, Literals.LIMIT), reporter);
        }
        if (offset > Literals.LIMIT) {
            reporter.error("too-large", network.name().pos(), "network " + network.name().text() + " has "
                    + String.format("%,d", offset) + " inputs, which would need "
                    + Literals.memory(BigInteger.valueOf(offset).shiftLeft(3))
                    + " for one sample; the limit is " + String.format("%,d", Literals.LIMIT));
        }
        declarations.inputSize = (int) Math.min(offset, Literals.LIMIT);
        for (int i = 0; i < network.nodes().size(); i++) {
            declarations.declareNode(i, network.nodes().get(i), reporter);
        }
        declarations.imageLayers = ImageShapes.infer(network, declarations, reporter);
        return declarations;
    }

    /** Declares one input at {@code offset}; returns its size (0 when its shape is broken). */
    private long declareInput(InputDecl decl, int offset, Reporter reporter) {
        for (Name separator : decl.separators()) {
            if (!separator.text().equals("x")) {
                reporter.error("syntax", separator.pos(), "expected 'x' between dimensions, found '"
                        + separator.text() + "'", "write a shape as [28 x 28]");
            }
        }
        List<Integer> shape = new ArrayList<>();
        long size = 1;
        for (NumberLiteral dimension : decl.shape()) {
            OptionalLong d = Literals.size(dimension, "the size of input " + decl.name().text(), reporter);
            if (d.isEmpty()) {
                return 0;
            }
            shape.add((int) d.getAsLong());
            size = Math.min(size * d.getAsLong(), Literals.LIMIT + 1);
        }
        if (size > Literals.LIMIT) {
            reporter.error("too-large", decl.pos(), "input " + decl.name().text() + " has more than "
                    + String.format("%,d", Literals.LIMIT) + " elements, which would need more than "
                    + Literals.memory(BigInteger.valueOf(Literals.LIMIT).shiftLeft(3)) + " for one sample");
            return 0;
        }
        Input input = new Input(decl.name().text(), offset, shape, decl.pos());
        if (declare(new Symbol(input.name(), true, offset, (int) size, input.isScalar(), decl.name().pos()), reporter)) {
            inputs.add(input);
        }
        return size;
    }

    private void declareNode(int index, NodeDecl decl, Reporter reporter) {
        int size = 1;
        if (decl instanceof NodeDecl.Layer layer) {
            OptionalLong s = Literals.size(layer.size(), "the size of layer " + layer.name().text(), reporter);
            size = (int) s.orElse(1);
        }
        nodeSizes[index] = size;
        declare(new Symbol(decl.name().text(), false, index, size, false, decl.name().pos()), reporter);
    }

    /** Sets the size of the image layer declared at {@code index}, once {@link ImageShapes} has shaped it. */
    void sizeImageLayer(int index, String name, int size) {
        nodeSizes[index] = size;
        Symbol symbol = symbols.get(name);
        if (symbol != null && !symbol.input() && symbol.base() == index) {
            symbols.put(symbol.name(), new Symbol(symbol.name(), false, index, size, false, symbol.pos()));
        }
    }

    /** The conv or pool declared at {@code index}, shaped (a conv's activation still linear), or null. */
    nnlang.model.Layer imageLayer(int index) {
        return imageLayers[index];
    }

    /** Enters {@code symbol} unless its name is taken; returns whether it was entered. */
    private boolean declare(Symbol symbol, Reporter reporter) {
        Symbol earlier = symbols.get(symbol.name());
        if (earlier != null) {
            reporter.error("duplicate-name", symbol.pos(), symbol.name() + " is already declared at line "
                    + earlier.pos().line() + ", column " + earlier.pos().column());
            return false;
        }
        symbols.put(symbol.name(), symbol);
        return true;
    }

    /** The inputs in source order with their offsets. */
    List<Input> inputs() {
        return List.copyOf(inputs);
    }

    /** The length of the network input vector: all inputs concatenated. */
    int inputSize() {
        return inputSize;
    }

    /** The size of the node declared at {@code index}. */
    int nodeSize(int index) {
        return nodeSizes[index];
    }

    /** The symbol named {@code name}, or null. */
    Symbol lookup(String name) {
        return symbols.get(name);
    }

    /** Every declared name, in declaration order (inputs first). */
    List<String> names() {
        return List.copyOf(symbols.keySet());
    }
}
