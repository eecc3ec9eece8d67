package nnlang.pictures;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Part;

/**
 * The frames of a {@link NetworkDiagram} around the nodes of each part of the network
 * ({@link NetworkModel#parts()}), a part of a part inside its part's frame, and the rows that keep
 * them apart: a part's nodes get rows of their own ({@link #rows}), so that its frame holds its
 * nodes and no other. A frame's label (the part's name and its network) sits inside its top edge.
 * Inside a frame a node is named as in its part's network ({@code out} for {@code sum.out}), the
 * frame saying which part it belongs to.
 */
final class PartFrames {

    /** Between a frame and what it holds, per level of frames inside it. */
    static final double PAD = 7;
    /** The height of a frame's label. */
    static final double LABEL = 15;

    /** A part's frame: its name and network, and the rectangle it is drawn as. */
    record Frame(String name, String network, Rectangle2D.Double box, int depth) {}

    /** Where the group of each node begins, by node index, from 0 at the top of the nodes, and their height in all. */
    record Rows(double[] top, double height) {}

    /** Room for the text drawn above or under a group, outside its height. */
    private static final double TEXT = 16;

    private final NetworkModel model;
    /** Per part, how many levels of frames it is: 1, and 1 more per level of parts inside it. */
    private final int[] levels;

    PartFrames(NetworkModel model) {
        this.model = model;
        List<Part> parts = model.parts();
        levels = new int[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            int depth = depth(parts.get(i));
            int deepest = depth;
            for (Part inner : parts) {
                if (inner.name().startsWith(parts.get(i).name() + ".")) {
                    deepest = Math.max(deepest, depth(inner));
                }
            }
            levels[i] = 1 + deepest - depth;
        }
    }

    /**
     * The rows of the nodes. A block (the network, or a part) is made of items in declaration order:
     * each of its parts (its own block, with room for its frame) and each run of consecutive nodes
     * of no part (each column stacked top to bottom and centred). Items go into bands from top to
     * bottom, each into the first band where the columns it spans are free, so that a chain of
     * parts reads left to right; an item is centred in its band's height. A network of no parts is
     * one run: every column stacked and centred.
     *
     * @param column each node's column
     * @param height the height of a node's group
     */
    Rows rows(int[] column, ToDoubleFunction<Node> height) {
        double[] top = new double[model.nodes().size()];
        return new Rows(top, place(null, column, height, top));
    }

    /** One item of a block: its nodes, the columns it spans, and its height. */
    private record Item(List<Node> nodes, int first, int last, double height) {}

    /** Lays out the block of part {@code part} (null: the whole network) from 0 into {@code top}; returns its height. */
    private double place(Part part, int[] column, ToDoubleFunction<Node> height, double[] top) {
        List<Object> order = new ArrayList<>();
        List<Node> run = new ArrayList<>();
        for (Node n : model.nodes()) {
            if (part != null && !part.contains(n.name())) {
                continue;
            }
            Part child = child(part, n);
            if (child == null) {
                run.add(n);
            } else if (!order.contains(child)) {
                if (!run.isEmpty()) {
                    order.add(List.copyOf(run));
                    run.clear();
                }
                order.add(child);
            }
        }
        if (!run.isEmpty()) {
            order.add(List.copyOf(run));
        }
        List<Item> items = new ArrayList<>();
        for (Object o : order) {
            List<Node> nodes;
            double h;
            if (o instanceof Part child) {
                int level = levels[model.parts().indexOf(child)];
                double above = TEXT + level * (PAD + LABEL);
                double inner = place(child, column, height, top);
                nodes = model.nodes().stream().filter(n -> child.contains(n.name())).toList();
                nodes.forEach(n -> top[n.index()] += above);
                h = above + inner + TEXT + level * PAD;
            } else {
                @SuppressWarnings("unchecked")
                List<Node> own = (List<Node>) o;
                nodes = own;
                h = stack(nodes, column, height, top);
            }
            int first = nodes.stream().mapToInt(n -> column[n.index()]).min().orElse(0);
            int last = nodes.stream().mapToInt(n -> column[n.index()]).max().orElse(0);
            items.add(new Item(nodes, first, last, h));
        }
        List<List<Item>> bands = new ArrayList<>();
        for (Item item : items) {
            List<Item> free = bands.stream().filter(b -> b.stream().allMatch(o -> o.last() < item.first()
                    || item.last() < o.first())).findFirst().orElse(null);
            if (free == null) {
                free = new ArrayList<>();
                bands.add(free);
            }
            free.add(item);
        }
        double y = 0;
        for (List<Item> band : bands) {
            double tallest = band.stream().mapToDouble(Item::height).max().orElse(0);
            for (Item item : band) {
                double shift = y + (tallest - item.height()) / 2;
                item.nodes().forEach(n -> top[n.index()] += shift);
            }
            y += tallest + DiagramLayout.GAP;
        }
        return bands.isEmpty() ? 0 : y - DiagramLayout.GAP;
    }

    /** Stacks a run's nodes from 0, each column centred in the tallest; returns the tallest column's height. */
    private static double stack(List<Node> nodes, int[] column, ToDoubleFunction<Node> height, double[] top) {
        int[] columns = nodes.stream().mapToInt(n -> column[n.index()]).distinct().toArray();
        double tallest = 0;
        for (int c : columns) {
            tallest = Math.max(tallest, DiagramLayout.columnHeight(nodes.stream().filter(n -> column[n.index()] == c).toList()));
        }
        for (int c : columns) {
            List<Node> stacked = nodes.stream().filter(n -> column[n.index()] == c).toList();
            double at = (tallest - DiagramLayout.columnHeight(stacked)) / 2;
            for (Node n : stacked) {
                top[n.index()] = at;
                at += height.applyAsDouble(n) + DiagramLayout.GAP;
            }
        }
        return tallest;
    }

    /** The part of {@code part} (null: of the network) that {@code node} belongs to, or null when it is {@code part}'s own. */
    private Part child(Part part, Node node) {
        Part found = null;
        for (Part p : model.parts()) {
            boolean inside = part == null ? depth(p) == 0 : p.name().startsWith(part.name() + ".") && depth(p) == depth(part) + 1;
            if (inside && p.contains(node.name())) {
                found = p;
            }
        }
        return found;
    }

    /** The node's name within its innermost part, or its name when it belongs to none. */
    String displayName(Node node) {
        String name = node.name();
        int longest = -1;
        for (Part p : model.parts()) {
            if (p.contains(name)) {
                longest = Math.max(longest, p.name().length());
            }
        }
        return longest < 0 ? name : name.substring(longest + 1);
    }

    /**
     * Every part's frame, outer frames first: around the extent of its nodes' groups
     * ({@code extent} gives a node's), widened by {@link #PAD} per level and, at the top, by a
     * {@link #LABEL} per level, and at least as wide as its label.
     */
    List<Frame> frames(IntFunction<Rectangle2D> extent) {
        List<Frame> frames = new ArrayList<>();
        List<Part> parts = model.parts();
        for (int depth = 0; ; depth++) {
            boolean found = false;
            for (int i = 0; i < parts.size(); i++) {
                Part p = parts.get(i);
                if (depth(p) != depth) {
                    continue;
                }
                found = true;
                Rectangle2D box = null;
                for (Node n : model.nodes()) {
                    if (p.contains(n.name())) {
                        Rectangle2D e = extent.apply(n.index());
                        box = box == null ? e : box.createUnion(e);
                    }
                }
                if (box != null) {
                    double pad = levels[i] * PAD;
                    double label = levels[i] * LABEL;
                    double width = Math.max(box.getWidth() + 2 * pad, labelWidth(p));
                    frames.add(new Frame(p.name(), p.network(), new Rectangle2D.Double(box.getX() - pad,
                            box.getY() - pad - label, width, box.getHeight() + 2 * pad + label), depth));
                }
            }
            if (!found) {
                return frames;
            }
        }
    }

    /** About the width of a frame's label (its part's last name in bold, then its network) with its margins. */
    private static double labelWidth(Part p) {
        String name = p.name().substring(p.name().lastIndexOf('.') + 1);
        return 14 + 7.6 * name.length() + 5 + 6.8 * p.network().length();
    }

    private static int depth(Part p) {
        return (int) p.name().chars().filter(c -> c == '.').count();
    }
}
