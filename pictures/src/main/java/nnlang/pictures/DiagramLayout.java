package nnlang.pictures;

import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nnlang.model.Conv;
import nnlang.model.Input;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Pool;
import nnlang.model.Source;

/**
 * Where each part of a {@link NetworkDiagram} goes: inputs in column 0, every node one column right
 * of the rightmost node it reads; in a column, its inputs or nodes top to bottom in declaration
 * order, the column centred vertically; the nodes of a part of the network in rows of their own
 * ({@link PartFrames#rows}). A scalar input or a single neuron is one circle; a layer
 * or vector input of up to {@value #MAX_CIRCLES} values a column of circles under a header; a
 * larger one, and every conv or pool, a box. An arrow whose straight line would cross a circle or box of a column it skips
 * bends around it. The nodes of a part are framed ({@link PartFrames}).
 */
final class DiagramLayout {

    /** Layers and vector inputs up to this many values are drawn value by value. */
    static final int MAX_CIRCLES = 16;

    static final double R = 21;
    static final double STEP = 64;
    static final double COLUMN = 190;
    static final double BOX_W = 150;
    static final double BOX_H = 92;
    static final double HEADER = 30;
    static final double GAP = 30;
    static final double MARGIN = 44;
    static final double OUT = 70;

    /** A circle (one value) or a box (many), centred at x, y. */
    record Unit(double x, double y, boolean box) {
        double halfWidth() {
            return box ? BOX_W / 2 : R;
        }

        double halfHeight() {
            return box ? BOX_H / 2 : R;
        }
    }

    /**
     * One input declaration or node: its units in element order (a box: one unit for all).
     *
     * @param lines  what the header says under the name (circles) or the box says inside
     * @param header whether the name is written above the units (else inside the one circle)
     * @param node   the node's index, -1 for an input
     */
    record Group(String name, List<String> lines, List<Unit> units, boolean header, double top, int column,
                 int node) {
        Unit unit(int element) {
            return units.size() == 1 ? units.get(0) : units.get(element);
        }

        boolean boxed() {
            return units.get(0).box();
        }
    }

    /**
     * One arrow; {@code weight} is the index of its weight in the parameters, -1 when it stands for
     * many (into or out of a box). With a {@code bend}, the arrow is the quadratic curve from
     * {@code from} to {@code to} with that control point.
     */
    record Arrow(Unit from, Unit to, int weight, Point2D.Double bend) {}

    /** An arrow out of the network, from a unit to the output's name or class. */
    record Exit(Unit unit, String label) {}

    private final NetworkModel model;
    private final List<Group> inputs = new ArrayList<>();
    private final List<Group> nodes = new ArrayList<>();
    private final List<Arrow> arrows = new ArrayList<>();
    private final List<Exit> exits = new ArrayList<>();
    private final PartFrames parts;
    private final List<PartFrames.Frame> frames;
    private final double width;
    private final double height;

    DiagramLayout(NetworkModel model) {
        this.model = model;
        this.parts = new PartFrames(model);
        int[] column = new int[model.nodes().size()];
        int columns = 1;
        for (Node n : model.nodes()) {
            int c = 1;
            for (Source s : n.sources()) {
                c = Math.max(c, s.isInput() ? 1 : column[s.node()] + 1);
            }
            column[n.index()] = c;
            columns = Math.max(columns, c + 1);
        }
        List<Object> inputItems = List.copyOf(model.inputs());
        double inputsHeight = columnHeight(inputItems);
        PartFrames.Rows rows = parts.rows(column, DiagramLayout::groupHeight);
        double tallest = Math.max(inputsHeight, rows.height());
        this.height = tallest + 2 * MARGIN;
        boolean boxedInputs = model.inputs().stream().anyMatch(in -> !in.isScalar() && in.size() > MAX_CIRCLES);
        double left = MARGIN + (boxedInputs ? BOX_W / 2 : R + 20);
        double y = MARGIN + (tallest - inputsHeight) / 2;
        for (Input in : model.inputs()) {
            inputs.add(inputGroup(in, left, y));
            y += groupHeight(in) + GAP;
        }
        double nodesTop = MARGIN + (tallest - rows.height()) / 2;
        for (Node n : model.nodes()) {
            int c = column[n.index()];
            nodes.add(nodeGroup(n, parts.displayName(n), left + c * COLUMN, nodesTop + rows.top()[n.index()], c));
        }
        for (Node n : model.nodes()) {
            connect(n);
        }
        double right = 0;
        int k = 0;
        for (Source s : model.output().sources()) {
            for (int e = 0; e < s.length(); e++, k++) {
                Unit u = unitOf(s, e);
                if (u.box() && e > 0) {
                    continue;
                }
                String label = exitLabel(s, e, k);
                exits.add(new Exit(u, label));
                right = Math.max(right, u.x() + u.halfWidth() + OUT + 14 + 8.5 * label.length());
            }
        }
        for (Group g : nodes) {
            int longest = g.lines().stream().mapToInt(String::length).max().orElse(0);
            right = Math.max(right, g.units().get(0).x() + 4.5 * Math.max(longest, g.name().length()));
        }
        this.frames = parts.frames(this::extent);
        for (PartFrames.Frame f : frames) {
            right = Math.max(right, f.box().getMaxX());
        }
        this.width = right + MARGIN / 2;
    }

    List<Group> inputs() {
        return inputs;
    }

    List<Group> nodes() {
        return nodes;
    }

    List<Arrow> arrows() {
        return arrows;
    }

    List<Exit> exits() {
        return exits;
    }

    /** The frames of the network's parts, outer ones first. */
    List<PartFrames.Frame> frames() {
        return frames;
    }

    double width() {
        return width;
    }

    double height() {
        return height;
    }

    /** Every unit, for keeping labels off them. */
    List<Unit> units() {
        List<Unit> all = new ArrayList<>();
        inputs.forEach(g -> all.addAll(g.units()));
        nodes.forEach(g -> all.addAll(g.units()));
        return all;
    }

    /** The height of inputs or nodes stacked in a column, {@link #GAP} apart. */
    static double columnHeight(List<?> items) {
        double h = 0;
        for (Object item : items) {
            h += groupHeight(item);
        }
        return h + GAP * Math.max(0, items.size() - 1);
    }

    /** What a node's group covers, with the text drawn above and under its circles. */
    private Rectangle2D extent(int node) {
        Group g = nodes.get(node);
        double left = g.units().stream().mapToDouble(u -> u.x() - u.halfWidth()).min().orElseThrow();
        double right = g.units().stream().mapToDouble(u -> u.x() + u.halfWidth()).max().orElseThrow();
        double bottom = g.units().stream().mapToDouble(u -> u.y() + u.halfHeight()).max().orElseThrow();
        double top = g.header() ? g.top() - 16 : g.top() - 14;
        return new Rectangle2D.Double(left - 6, top, right - left + 12, bottom + 16 - top);
    }

    private static boolean single(Object item) {
        return item instanceof Input in ? in.isScalar() : ((Node) item).kind() == Node.Kind.NEURON;
    }

    static double groupHeight(Object item) {
        if (single(item)) {
            return STEP - GAP / 2;
        }
        int n = item instanceof Input in ? in.size() : ((Node) item).size();
        return HEADER + (n <= MAX_CIRCLES && !image(item) ? n * STEP - GAP / 2 : BOX_H);
    }

    /** Whether the item is a conv or a pool, which is always a box: its values are an image. */
    private static boolean image(Object item) {
        return item instanceof Node n && (n.layer() instanceof Conv || n.layer() instanceof Pool);
    }

    private static Group inputGroup(Input in, double x, double top) {
        if (in.isScalar()) {
            return new Group(in.name(), List.of(), List.of(new Unit(x, top + R + 4, false)), false, top, 0, -1);
        }
        String shape = in.shape().stream().map(String::valueOf).reduce((a, b) -> a + " × " + b).orElse("");
        List<String> lines = in.shape().size() > 1 ? List.of(shape, in.size() + " inputs")
                : List.of(in.size() + " inputs");
        return vector(in.name(), lines, in.size(), false, x, top, 0, -1);
    }

    private static Group nodeGroup(Node n, String name, double x, double top, int column) {
        String activation = n.activation().keyword();
        if (n.kind() == Node.Kind.NEURON) {
            return new Group(name, List.of(activation), List.of(new Unit(x, top + R + 4, false)), false, top,
                    column, n.index());
        }
        if (image(n)) {
            return vector(name, imageLines(n), n.size(), true, x, top, column, n.index());
        }
        return vector(name, List.of(n.layer().keyword() + "(" + n.size() + ", " + activation + ")",
                String.format(Locale.ROOT, "%,d parameters", n.parameterCount())), n.size(), false, x, top, column,
                n.index());
    }

    /**
     * What a conv's or pool's box says: its kind with kernel (and a conv's filters and activation), its
     * stride and padding when they are not the defaults, its shape, a conv's parameter count.
     */
    private static List<String> imageLines(Node n) {
        List<String> lines = new ArrayList<>();
        if (n.layer() instanceof Conv c) {
            lines.add("conv(" + c.filters() + ", " + c.kernelHeight() + " × " + c.kernelWidth() + ", "
                    + n.activation().keyword() + ")");
            String stride = c.strideY() == 1 && c.strideX() == 1 ? "" : "stride " + c.strideY() + " × " + c.strideX();
            String padding = c.padding() == Conv.Padding.SAME ? "same padding" : "";
            if (!stride.isEmpty() || !padding.isEmpty()) {
                lines.add(stride + (stride.isEmpty() || padding.isEmpty() ? "" : ", ") + padding);
            }
        } else {
            Pool p = (Pool) n.layer();
            lines.add(p.keyword() + "(" + p.kernelHeight() + " × " + p.kernelWidth() + ")");
            if (p.strideY() != p.kernelHeight() || p.strideX() != p.kernelWidth()) {
                lines.add("stride " + p.strideY() + " × " + p.strideX());
            }
        }
        lines.add(n.layer().outputShape().toString().replace(" x ", " × "));
        if (n.parameterCount() > 0) {
            lines.add(String.format(Locale.ROOT, "%,d parameters", n.parameterCount()));
        }
        return lines;
    }

    private static Group vector(String name, List<String> lines, int size, boolean box, double x, double top,
            int column, int node) {
        List<Unit> units = new ArrayList<>();
        if (size <= MAX_CIRCLES && !box) {
            for (int i = 0; i < size; i++) {
                units.add(new Unit(x, top + HEADER + R + 4 + i * STEP, false));
            }
        } else {
            units.add(new Unit(x, top + HEADER + BOX_H / 2, true));
        }
        return new Group(name, lines, units, true, top, column, node);
    }

    private Group groupOf(Source s) {
        if (!s.isInput()) {
            return nodes.get(s.node());
        }
        for (int i = model.inputs().size() - 1; i >= 0; i--) {
            if (model.inputs().get(i).offset() <= s.offset()) {
                return inputs.get(i);
            }
        }
        throw new AssertionError(s);
    }

    /** The unit that holds element {@code e} of what {@code s} reads. */
    private Unit unitOf(Source s, int e) {
        if (!s.isInput()) {
            return nodes.get(s.node()).unit(s.offset() + e);
        }
        int index = s.offset() + e;
        for (int i = model.inputs().size() - 1; i >= 0; i--) {
            Input in = model.inputs().get(i);
            if (in.offset() <= index) {
                return inputs.get(i).unit(index - in.offset());
            }
        }
        throw new AssertionError(s);
    }

    private void connect(Node n) {
        Group target = nodes.get(n.index());
        int weights = model.parameterOffset(n.index());
        int position = 0;
        for (Source s : n.sources()) {
            Group from = groupOf(s);
            boolean many = from.boxed() || target.boxed();
            for (int e = 0; e < s.length(); e++) {
                Unit unit = unitOf(s, e);
                for (int j = 0; j < target.units().size(); j++) {
                    Unit to = target.units().get(j);
                    int weight = many ? -1 : weights + j * n.inputSize() + position + e;
                    if (many && arrows.stream().anyMatch(a -> a.from() == unit && a.to() == to)) {
                        continue;
                    }
                    arrows.add(new Arrow(unit, to, weight, bend(unit, from.column(), to, target.column())));
                }
            }
            position += s.length();
        }
    }

    /**
     * The control point of a curve around the first unit of a skipped column that the straight
     * line from {@code from} to {@code to} would cross, passing it on the side the line is on; null
     * when the line crosses none.
     */
    private Point2D.Double bend(Unit from, int fromColumn, Unit to, int toColumn) {
        for (Group g : nodes) {
            if (g.column() <= fromColumn || g.column() >= toColumn) {
                continue;
            }
            for (Unit u : g.units()) {
                double t = (u.x() - from.x()) / (to.x() - from.x());
                double y = from.y() + t * (to.y() - from.y());
                double clearance = u.halfHeight() + 10;
                if (Math.abs(y - u.y()) < clearance) {
                    double side = y < u.y() || (y == u.y() && from.y() <= u.y()) ? -1 : 1;
                    double wy = u.y() + side * (clearance + 8);
                    // a quadratic curve passes through w at its middle when its control point is 2w - (p0 + p2) / 2
                    return new Point2D.Double(2 * u.x() - (from.x() + to.x()) / 2, 2 * wy - (from.y() + to.y()) / 2);
                }
            }
        }
        return null;
    }

    /** What an exit points at: the class, else the node's (whole) name, with the element's index when it has several. */
    private String exitLabel(Source s, int e, int k) {
        Group group = groupOf(s);
        String name = s.isInput() ? group.name() : model.nodes().get(s.node()).name();
        List<String> classes = model.output().classes().orElse(List.of());
        if (group.boxed()) {
            return name + (s.length() > 1 ? " (" + s.length() + ")" : "");
        }
        if (k < classes.size()) {
            return classes.get(k);
        }
        return group.units().size() == 1 ? name : name + "[" + (s.offset() + e) + "]";
    }
}
