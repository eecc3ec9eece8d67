package nnlang.frontend.check;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.Formula;
import nnlang.frontend.syntax.InputDecl;
import nnlang.frontend.syntax.LetDecl;
import nnlang.frontend.syntax.Name;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.frontend.syntax.NodeDecl;
import nnlang.frontend.syntax.NumberLiteral;
import nnlang.model.Input;
import nnlang.model.Node;
import nnlang.model.SourcePos;

/**
 * The declaration pass: lays out the inputs in the network input vector, sizes every neuron and
 * layer (a conv's or pool's size from its shape, {@link ImageShapes}), finds the network of every part, enters every name into one table, and numbers the
 * network's <em>flat nodes</em>: the nodes its model will have, in declaration order, where a part
 * stands for all the nodes of its network's model (their names qualified by the part's,
 * {@code first.a.out}). Reports {@code duplicate-name}, {@code bad-size}, {@code too-large} (also
 * for more than {@link Literals#NODE_LIMIT} nodes once parts are expanded), {@code not-integer},
 * {@code missing-input} and a shape separator that is not {@code x} ({@code syntax}); a part's
 * network is found by a {@link PartResolver}, which reports its own problems.
 */
final class Declarations {

    /**
     * One node of the model to be: a declared neuron or layer ({@code subNode} -1), or node
     * {@code subNode} of the model of the part declared at {@code decl}.
     *
     * @param pos where it is declared: for a part's node, the part
     */
    record FlatNode(String name, Node.Kind kind, int size, int decl, int subNode, SourcePos pos) {
        boolean inPart() {
            return subNode >= 0;
        }
    }

    /** A part: its declaration and index, its network, and the number of its network's first node. */
    record Part(NodeDecl.Part decl, int declIndex, CheckedNetwork sub, int firstFlat) {}

    /** Finds the checked network a part uses, reporting what is wrong with the part's use of it. */
    interface PartResolver {
        Optional<CheckedNetwork> resolve(NodeDecl.Part part, Constants constants, Reporter reporter);
    }

    private final Map<String, Symbol> symbols = new LinkedHashMap<>();
    private final List<Input> inputs = new ArrayList<>();
    private final List<FlatNode> flat = new ArrayList<>();
    private final Map<Integer, Part> parts = new LinkedHashMap<>();
    /** Per declaration, its flat node (a neuron or layer) or its part's first one; -1 when it failed. */
    private final int[] firstFlat;
    private int inputSize;
    /** Whether a part's network could not be used (reported where that was found, maybe elsewhere). */
    private boolean unusableParts;
    /** Per declaration index, a shaped conv or pool (a conv's activation still linear), else null. */
    private nnlang.model.Layer[] imageLayers;

    private Declarations(int declarationCount) {
        firstFlat = new int[declarationCount];
    }

    /** Declares everything in {@code network}; check the reporter to see whether it succeeded. */
    static Declarations declare(NetworkSyntax network, Constants constants, PartResolver resolver, Reporter reporter) {
        Declarations declarations = new Declarations(network.nodes().size());
        if (network.inputs().isEmpty()) {
            reporter.error("missing-input", network.name().pos(), "network " + network.name().text()
                    + " declares no inputs", "add an input line, e.g. input x1, x2");
        }
        long offset = 0;
        for (InputDecl decl : network.inputs()) {
            offset += declarations.declareInput(decl, (int) Math.min(offset, Literals.LIMIT), constants, reporter);
        }
        if (offset > Literals.LIMIT) {
            reporter.error("too-large", network.name().pos(), "network " + network.name().text() + " has "
                    + String.format("%,d", offset) + " inputs, which would need "
                    + Literals.memory(BigInteger.valueOf(offset).shiftLeft(3))
                    + " for one sample; the limit is " + String.format("%,d", Literals.LIMIT));
        }
        declarations.inputSize = (int) Math.min(offset, Literals.LIMIT);
        for (LetDecl let : network.lets()) {
            declarations.declare(new Symbol(let.name().text(), Symbol.Kind.CONSTANT, 0, 0, false, let.name().pos()),
                    reporter);
        }
        for (int i = 0; i < network.nodes().size(); i++) {
            declarations.declareNode(i, network.nodes().get(i), constants, resolver, reporter);
        }
        declarations.imageLayers = ImageShapes.infer(network, declarations, constants, reporter);
        return declarations;
    }

    /** Declares one input at {@code offset}; returns its size (0 when its shape is broken). */
    private long declareInput(InputDecl decl, int offset, Constants constants, Reporter reporter) {
        for (Name separator : decl.separators()) {
            if (!separator.text().equals("x")) {
                reporter.error("syntax", separator.pos(), "expected 'x' between dimensions, found '"
                        + separator.text() + "'", "write a shape as [28 x 28]");
            }
        }
        List<Integer> shape = new ArrayList<>();
        long size = 1;
        for (Formula dimension : decl.shape()) {
            Optional<NumberLiteral> value = constants.fold(dimension);
            OptionalLong d = value.isEmpty() ? OptionalLong.empty()
                    : Literals.size(value.get(), "the size of input " + decl.name().text(), reporter);
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
        if (declare(new Symbol(input.name(), Symbol.Kind.INPUT, offset, (int) size, input.isScalar(), decl.name().pos()),
                reporter)) {
            inputs.add(input);
        }
        return size;
    }

    private void declareNode(int index, NodeDecl decl, Constants constants, PartResolver resolver, Reporter reporter) {
        firstFlat[index] = -1;
        if (decl instanceof NodeDecl.Part part) {
            declarePart(index, part, constants, resolver, reporter);
            return;
        }
        int size = 1;
        Node.Kind kind = Node.Kind.NEURON;
        if (decl instanceof NodeDecl.Layer layer) {
            Optional<NumberLiteral> value = constants.fold(layer.size());
            size = value.isEmpty() ? 1 : (int) Literals.size(value.get(), "the size of layer " + layer.name().text(),
                    reporter).orElse(1);
            kind = Node.Kind.LAYER;
        } else if (decl instanceof NodeDecl.ImageLayer) {
            kind = Node.Kind.LAYER; // sized by ImageShapes once every image layer it reads is shaped
        }
        if (!fits(1, decl.pos(), decl.name().text(), reporter)) {
            return;
        }
        firstFlat[index] = flat.size();
        declare(new Symbol(decl.name().text(), Symbol.Kind.NODE, flat.size(), size, false, decl.name().pos()), reporter);
        flat.add(new FlatNode(decl.name().text(), kind, size, index, -1, decl.name().pos()));
    }

    private void declarePart(int index, NodeDecl.Part part, Constants constants, PartResolver resolver,
                             Reporter reporter) {
        Optional<CheckedNetwork> sub = resolver.resolve(part, constants, reporter);
        if (sub.isEmpty()) {
            // Declared all the same, so that what reads it is not reported again (it has no part()).
            unusableParts = true;
            declare(new Symbol(part.name().text(), Symbol.Kind.PART, index, 0, false, part.name().pos()), reporter);
            return;
        }
        List<Node> nodes = sub.get().model().nodes();
        if (!fits(nodes.size(), part.pos(), part.name().text(), reporter)) {
            return;
        }
        String prefix = part.name().text() + ".";
        firstFlat[index] = flat.size();
        parts.put(index, new Part(part, index, sub.get(), flat.size()));
        declare(new Symbol(part.name().text(), Symbol.Kind.PART, index, sub.get().model().outputSize(), false,
                part.name().pos()), reporter);
        for (Node n : nodes) {
            flat.add(new FlatNode(prefix + n.name(), n.kind(), n.size(), index, n.index(), part.name().pos()));
        }
    }

    /** Whether {@code more} nodes still fit the limit; reports {@code too-large} when not. */
    private boolean fits(int more, SourcePos pos, String name, Reporter reporter) {
        if ((long) flat.size() + more <= Literals.NODE_LIMIT) {
            return true;
        }
        reporter.error("too-large", pos, name + " brings the network to " + String.format("%,d", (long) flat.size() + more)
                + " nodes; the limit is " + String.format("%,d", Literals.NODE_LIMIT) + " nodes, parts expanded");
        return false;
    }

    /** Sets the size of the image layer declared at {@code index}, once {@link ImageShapes} has shaped it. */
    void sizeImageLayer(int index, int size) {
        int f = firstFlat[index];
        if (f < 0) {
            return;
        }
        FlatNode node = flat.get(f);
        flat.set(f, new FlatNode(node.name(), node.kind(), size, node.decl(), node.subNode(), node.pos()));
        Symbol symbol = symbols.get(node.name());
        if (symbol != null && symbol.kind() == Symbol.Kind.NODE && symbol.base() == f) {
            symbols.put(symbol.name(), new Symbol(symbol.name(), Symbol.Kind.NODE, f, size, false, symbol.pos()));
        }
    }

    /** The conv or pool declared at {@code index}, shaped (a conv's activation still linear), or null. */
    nnlang.model.Layer imageLayer(int index) {
        return imageLayers[index];
    }

    /** The declaration index of a neuron's or layer's symbol; -1 for an input, a part or a constant. */
    int declarationOf(Symbol symbol) {
        return symbol.kind() == Symbol.Kind.NODE ? flat.get(symbol.base()).decl() : -1;
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

    /**
     * Whether some part's network could not be used: the network cannot be checked further, though
     * the problem may have been reported elsewhere (in the part's network, or its file).
     */
    boolean hasUnusableParts() {
        return unusableParts;
    }

    /** The inputs in source order with their offsets. */
    List<Input> inputs() {
        return List.copyOf(inputs);
    }

    /** The length of the network input vector: all inputs concatenated. */
    int inputSize() {
        return inputSize;
    }

    /** The flat nodes, numbered from 0 in declaration order. */
    List<FlatNode> flat() {
        return flat;
    }

    /** The flat node of the neuron or layer declared at {@code index}, or the first of its part; -1 if it failed. */
    int firstFlat(int index) {
        return firstFlat[index];
    }

    /** The part declared at {@code index}, or null (also for a part whose network could not be used). */
    Part part(int index) {
        return parts.get(index);
    }

    /** The parts, in declaration order. */
    List<Part> parts() {
        return List.copyOf(parts.values());
    }

    /** The symbol named {@code name}, or null. */
    Symbol lookup(String name) {
        return symbols.get(name);
    }

    /** Every declared name that is a source, in declaration order (inputs first). */
    List<String> sourceNames() {
        return symbols.values().stream().filter(s -> s.kind() != Symbol.Kind.CONSTANT).map(Symbol::name).toList();
    }
}
