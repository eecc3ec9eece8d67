package nnlang.runtime;

import java.util.ArrayList;
import java.util.List;
import nnlang.model.Dense;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.ParameterBlock;
import nnlang.model.Shape;

/**
 * The shape of a network's flat parameter vector: the network's name and, per node in order, its
 * name, its layer kind, the shapes of its parameter blocks (see {@code NetworkModel}'s parameter
 * order) and whether the node is fixed. Parameter files record it, and loading checks it against
 * the network the parameters are meant for. A compiled class carries it as the string
 * {@link #encode()} gives.
 *
 * <p>A fixed node's parameters are part of the vector like any other's: a parameter file holds
 * every parameter of the network, trained or fixed, so that it is the whole network on its own,
 * and its layout marks the fixed nodes (a layout without fixed nodes is written exactly as before
 * there were any).
 */
public record ParameterLayout(String network, List<NodeBlocks> nodes) {

    /**
     * One block of a node's parameters: its name ({@code weight}, {@code bias}) and shape. A block
     * named {@code bias} holds biases, which weight decay never touches; every other block holds
     * weights.
     */
    public record Block(String name, Shape shape) {
        public int size() {
            return shape.size();
        }

        /** Whether L2 weight decay applies to the block: every block but biases. */
        public boolean decays() {
            return !name.equals("bias");
        }
    }

    /**
     * One node's parameters: its layer kind and its blocks, in order.
     *
     * @param fixed whether training leaves them as they are ({@code Node#fixed})
     */
    public record NodeBlocks(String node, String kind, List<Block> blocks, boolean fixed) {
        public NodeBlocks {
            blocks = List.copyOf(blocks);
        }

        /** A node that training updates. */
        public NodeBlocks(String node, String kind, List<Block> blocks) {
            this(node, kind, blocks, false);
        }

        /** A dense layer's: a {@code rows × cols} weight block, then {@code rows} biases. */
        public static NodeBlocks dense(String node, int rows, int cols) {
            return new NodeBlocks(node, Dense.KEYWORD,
                    List.of(new Block("weight", Shape.of(rows, cols)), new Block("bias", Shape.of(rows))));
        }

        /** The same blocks, fixed. */
        NodeBlocks asFixed() {
            return new NodeBlocks(node, kind, blocks, true);
        }

        public int parameterCount() {
            return blocks.stream().mapToInt(Block::size).sum();
        }

        /** Whether the blocks are those of {@link #dense}, which encode as {@code name=RxC}. */
        boolean isDense() {
            return kind.equals(Dense.KEYWORD) && blocks.size() == 2
                    && blocks.get(0).name().equals("weight") && blocks.get(0).shape().rank() == 2
                    && blocks.get(1).name().equals("bias")
                    && blocks.get(1).shape().equals(Shape.of(blocks.get(0).shape().dim(0)));
        }

        /**
         * As messages write it: {@code hidden 2x3}, {@code bits 4x10 fixed}, or
         * {@code c1 conv(weight 20x1x5x5, bias 20)}.
         */
        String describe() {
            String marker = fixed ? FIXED : "";
            if (isDense()) {
                return node + " " + dims(blocks.get(0).shape()) + marker;
            }
            List<String> parts = blocks.stream().map(b -> b.name() + " " + dims(b.shape())).toList();
            return node + " " + kind + "(" + String.join(", ", parts) + ")" + marker;
        }
    }

    /** What {@link #encode()} appends to a fixed node. */
    private static final String FIXED = " fixed";

    public ParameterLayout {
        nodes = List.copyOf(nodes);
    }

    public static ParameterLayout of(NetworkModel model) {
        List<NodeBlocks> nodes = new ArrayList<>();
        for (Node n : model.nodes()) {
            List<Block> blocks = new ArrayList<>();
            for (ParameterBlock b : n.parameterBlocks()) {
                blocks.add(new Block(b.name(), b.shape()));
            }
            nodes.add(new NodeBlocks(n.name(), n.layer().keyword(), blocks, n.fixed()));
        }
        return new ParameterLayout(model.name(), nodes);
    }

    public int parameterCount() {
        return nodes.stream().mapToInt(NodeBlocks::parameterCount).sum();
    }

    /**
     * A one-line form: {@code Network:node=…,node=…}. A dense node is {@code name=RxC} (its weight
     * block's shape; e.g. {@code Xor:hidden=2x2,out=1x2}), any other {@code name=kind(block:AxB;…)}
     * ({@code c1=conv(weight:20x1x5x5;bias:20)}, and {@code p1=maxpool()} for a kind without parameters);
     * a fixed node's form is followed by {@code " fixed"} ({@code Bits:digits.hidden=30x784 fixed,…}).
     * Names are identifiers, or identifiers joined by dots (the nodes of parts).
     */
    public String encode() {
        StringBuilder s = new StringBuilder(network).append(':');
        for (int i = 0; i < nodes.size(); i++) {
            NodeBlocks n = nodes.get(i);
            s.append(i == 0 ? "" : ",").append(n.node()).append('=');
            if (n.isDense()) {
                s.append(dims(n.blocks().get(0).shape()));
            } else {
                s.append(n.kind()).append('(');
                for (int k = 0; k < n.blocks().size(); k++) {
                    Block b = n.blocks().get(k);
                    s.append(k == 0 ? "" : ";").append(b.name()).append(':').append(dims(b.shape()));
                }
                s.append(')');
            }
            if (n.fixed()) {
                s.append(FIXED);
            }
        }
        return s.toString();
    }

    /**
     * The inverse of {@link #encode()}.
     *
     * @throws IllegalArgumentException when {@code encoded} is not such a form
     */
    public static ParameterLayout decode(String encoded) {
        int colon = encoded.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a parameter layout: " + encoded);
        }
        List<NodeBlocks> nodes = new ArrayList<>();
        String rest = encoded.substring(colon + 1);
        try {
            for (String part : splitTopLevel(rest)) {
                int eq = part.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("not a parameter layout: " + encoded);
                }
                String name = part.substring(0, eq);
                String value = part.substring(eq + 1);
                boolean fixed = value.endsWith(FIXED);
                if (fixed) {
                    value = value.substring(0, value.length() - FIXED.length());
                }
                int open = value.indexOf('(');
                if (open < 0) {
                    Shape shape = parseDims(value);
                    if (shape.rank() != 2) {
                        throw new IllegalArgumentException("not a parameter layout: " + encoded);
                    }
                    NodeBlocks dense = NodeBlocks.dense(name, shape.dim(0), shape.dim(1));
                    nodes.add(fixed ? dense.asFixed() : dense);
                    continue;
                }
                if (open < 1 || !value.endsWith(")")) {
                    throw new IllegalArgumentException("not a parameter layout: " + encoded);
                }
                List<Block> blocks = new ArrayList<>();
                String inside = value.substring(open + 1, value.length() - 1);
                for (String block : inside.isEmpty() ? new String[0] : inside.split(";")) {
                    int c = block.indexOf(':');
                    if (c < 1) {
                        throw new IllegalArgumentException("not a parameter layout: " + encoded);
                    }
                    blocks.add(new Block(block.substring(0, c), parseDims(block.substring(c + 1))));
                }
                nodes.add(new NodeBlocks(name, value.substring(0, open), blocks, fixed));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a parameter layout: " + encoded, e);
        }
        return new ParameterLayout(encoded.substring(0, colon), nodes);
    }

    /** The comma-separated parts of {@code text}, ignoring commas inside parentheses; none for "". */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        if (text.isEmpty()) {
            return parts;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static Shape parseDims(String text) {
        String[] parts = text.split("x", -1);
        int[] dims = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            dims[k] = Integer.parseInt(parts[k]);
        }
        return Shape.of(dims);
    }

    private static String dims(Shape shape) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < shape.rank(); k++) {
            s.append(k == 0 ? "" : "x").append(shape.dim(k));
        }
        return s.toString();
    }

    /**
     * Names flat parameter {@code k}: its block, its index within the block's shape and its node,
     * e.g. {@code weight [1][0] of node hidden} or {@code bias [0] of node out}.
     *
     * @throws IndexOutOfBoundsException when k is not a parameter of this layout
     */
    public String describe(int k) {
        int offset = 0;
        for (NodeBlocks n : nodes) {
            for (Block b : n.blocks()) {
                int local = k - offset;
                if (local >= 0 && local < b.size()) {
                    StringBuilder index = new StringBuilder();
                    int stride = b.size();
                    for (int d : b.shape().dims()) {
                        stride /= d;
                        index.append('[').append(local / stride).append(']');
                        local %= stride;
                    }
                    return b.name() + " " + index + " of node " + n.node();
                }
                offset += b.size();
            }
        }
        throw new IndexOutOfBoundsException("parameter " + k + " of " + this);
    }

    @Override
    public String toString() {
        return encode();
    }
}
