package nnlang.runtime;

import java.util.ArrayList;
import java.util.List;
import nnlang.model.NetworkModel;
import nnlang.model.Node;

/**
 * The shape of a network's flat parameter vector: the network's name and, per node in order, its
 * name and weight matrix shape (rows = neurons, columns = fan-in; the node's biases follow its
 * weights). Parameter files record it, and loading checks it against the network the parameters are
 * meant for. A compiled class carries it as the string {@link #encode()} gives.
 */
public record ParameterLayout(String network, List<Block> blocks) {

    /** One node's parameters: {@code rows × cols} weights, then {@code rows} biases. */
    public record Block(String node, int rows, int cols) {
        public int parameterCount() {
            return rows * cols + rows;
        }
    }

    public ParameterLayout {
        blocks = List.copyOf(blocks);
    }

    public static ParameterLayout of(NetworkModel model) {
        List<Block> blocks = new ArrayList<>();
        for (Node n : model.nodes()) {
            blocks.add(new Block(n.name(), n.size(), n.fanIn()));
        }
        return new ParameterLayout(model.name(), blocks);
    }

    public int parameterCount() {
        return blocks.stream().mapToInt(Block::parameterCount).sum();
    }

    /** A one-line form, e.g. {@code Xor:hidden=2x2,out=1x2}. Names are identifiers. */
    public String encode() {
        StringBuilder s = new StringBuilder(network).append(':');
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            s.append(i == 0 ? "" : ",").append(b.node()).append('=').append(b.rows()).append('x').append(b.cols());
        }
        return s.toString();
    }

    /** The inverse of {@link #encode()}. */
    public static ParameterLayout decode(String encoded) {
        int colon = encoded.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a parameter layout: " + encoded);
        }
        List<Block> blocks = new ArrayList<>();
        String rest = encoded.substring(colon + 1);
        if (!rest.isEmpty()) {
            for (String part : rest.split(",")) {
                int eq = part.indexOf('=');
                int x = part.indexOf('x', eq);
                if (eq < 0 || x < 0) {
                    throw new IllegalArgumentException("not a parameter layout: " + encoded);
                }
                blocks.add(new Block(part.substring(0, eq),
                        Integer.parseInt(part.substring(eq + 1, x)),
                        Integer.parseInt(part.substring(x + 1))));
            }
        }
        return new ParameterLayout(encoded.substring(0, colon), blocks);
    }

    @Override
    public String toString() {
        return encode();
    }
}
