package nnlang.pictures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nnlang.model.Input;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Source;

/**
 * A network drawn as Nielsen draws one: inputs on the left, every node in the column after the
 * deepest node it reads, outputs on the right. A scalar input or a single neuron is a circle with
 * its name; a layer of up to {@value #MAX_CIRCLES} neurons a column of circles under its name; a
 * larger layer or vector input a box with its shape and parameter count. An arrow joins each value
 * to each neuron that reads it (only the element named by a source like {@code h[3]}); into a box,
 * or out of one, one arrow per pair. With parameters (trained, or all given in the source) each
 * weight's arrow is blue when positive and red when negative, as wide as its size, and when there
 * are at most {@value #MAX_LABELS} such arrows, labelled with its value; each bias is written under
 * its neuron.
 */
public final class NetworkDiagram implements Picture {

    /** Layers up to this many neurons are drawn neuron by neuron. */
    static final int MAX_CIRCLES = 16;
    /** Up to this many weighted arrows get their value as a label. */
    static final int MAX_LABELS = 24;

    private static final double R = 21;
    private static final double STEP = 64;
    private static final double COLUMN = 190;
    private static final double BOX_W = 150;
    private static final double BOX_H = 92;
    private static final double HEADER = 30;
    private static final double GAP = 30;
    private static final double MARGIN = 44;
    private static final double OUT = 70;
    private static final Color INK = new Color(0x333333);
    private static final Color POSITIVE = new Color(0x1f63b4);
    private static final Color NEGATIVE = new Color(0xc8332b);
    private static final Color FILL = new Color(0xF3F6FA);

    /** A circle (one value) or a box (many), centred at x, y. */
    private record Unit(double x, double y, boolean box) {
        double right() {
            return x + (box ? BOX_W / 2 : R);
        }
    }

    /** What one input declaration or node looks like: its units in element order (a box: one unit for all). */
    private record Group(String name, List<String> lines, List<Unit> units, boolean header, double top) {
        Unit unit(int element) {
            return units.size() == 1 ? units.get(0) : units.get(element);
        }

        boolean boxed() {
            return units.get(0).box();
        }
    }

    /** One arrow; weight index -1 when it stands for many weights or none. */
    private record Arrow(Unit from, Unit to, int weight) {}

    private final NetworkModel model;
    private final Optional<double[]> parameters;
    private final List<Group> inputs = new ArrayList<>();
    private final List<Group> nodes = new ArrayList<>();
    private final List<Arrow> arrows = new ArrayList<>();
    private final double width;
    private final double height;

    /**
     * @param parameters the network's parameters in the order of {@link NetworkModel}, when known
     */
    public NetworkDiagram(NetworkModel model, Optional<double[]> parameters) {
        this.model = model;
        this.parameters = parameters.map(double[]::clone);
        parameters.ifPresent(p -> {
            if (p.length != model.parameterCount()) {
                throw new IllegalArgumentException(p.length + " parameters for a network of " + model.parameterCount());
            }
        });
        int[] column = columns(model);
        int columns = 1;
        for (int c : column) {
            columns = Math.max(columns, c + 1);
        }
        List<List<Object>> perColumn = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            perColumn.add(new ArrayList<>());
        }
        perColumn.get(0).addAll(model.inputs());
        for (Node n : model.nodes()) {
            perColumn.get(column[n.index()]).add(n);
        }
        double tallest = 0;
        for (List<Object> items : perColumn) {
            tallest = Math.max(tallest, columnHeight(items));
        }
        this.height = tallest + 2 * MARGIN;
        Map<Object, Group> groups = new LinkedHashMap<>();
        for (int c = 0; c < columns; c++) {
            double x = MARGIN + BOX_W / 2 + c * COLUMN;
            double y = MARGIN + (tallest - columnHeight(perColumn.get(c))) / 2;
            for (Object item : perColumn.get(c)) {
                Group g = item instanceof Input in ? inputGroup(in, x, y) : nodeGroup((Node) item, x, y);
                groups.put(item, g);
                y += groupHeight(item) + GAP;
            }
        }
        model.inputs().forEach(in -> inputs.add(groups.get(in)));
        model.nodes().forEach(n -> nodes.add(groups.get(n)));
        this.width = MARGIN + BOX_W / 2 + (columns - 1) * COLUMN + BOX_W / 2 + OUT + 60 + MARGIN;
        for (Node n : model.nodes()) {
            connect(n);
        }
    }

    /** Inputs in column 0; a node one column right of the rightmost node it reads. */
    private static int[] columns(NetworkModel model) {
        int[] column = new int[model.nodes().size()];
        for (Node n : model.nodes()) {
            int c = 1;
            for (Source s : n.sources()) {
                c = Math.max(c, s.isInput() ? 1 : column[s.node()] + 1);
            }
            column[n.index()] = c;
        }
        return column;
    }

    private double columnHeight(List<Object> items) {
        double h = 0;
        for (Object item : items) {
            h += groupHeight(item);
        }
        return h + GAP * Math.max(0, items.size() - 1);
    }

    private static boolean single(Object item) {
        return item instanceof Input in ? in.isScalar() : ((Node) item).kind() == Node.Kind.NEURON;
    }

    private static int size(Object item) {
        return item instanceof Input in ? in.size() : ((Node) item).size();
    }

    private static double groupHeight(Object item) {
        if (single(item)) {
            return STEP - GAP / 2;
        }
        int n = size(item);
        return HEADER + (n <= MAX_CIRCLES ? n * STEP - GAP / 2 : BOX_H);
    }

    private Group inputGroup(Input in, double x, double top) {
        if (in.isScalar()) {
            return new Group(in.name(), List.of(), List.of(new Unit(x, top + R + 4, false)), false, top);
        }
        String shape = in.shape().stream().map(String::valueOf).reduce((a, b) -> a + " × " + b).orElse("");
        List<String> lines = in.shape().size() > 1 ? List.of(shape, in.size() + " inputs")
                : List.of(in.size() + " inputs");
        return vector(in.name(), lines, in.size(), x, top);
    }

    private Group nodeGroup(Node n, double x, double top) {
        String act = n.activation().keyword();
        if (n.kind() == Node.Kind.NEURON) {
            return new Group(n.name(), List.of(act), List.of(new Unit(x, top + R + 4, false)), false, top);
        }
        return vector(n.name(), List.of(n.layer().keyword() + "(" + n.size() + ", " + act + ")",
                String.format(Locale.ROOT, "%,d parameters", n.parameterCount())), n.size(), x, top);
    }

    private static Group vector(String name, List<String> lines, int size, double x, double top) {
        List<Unit> units = new ArrayList<>();
        if (size <= MAX_CIRCLES) {
            for (int i = 0; i < size; i++) {
                units.add(new Unit(x, top + HEADER + R + 4 + i * STEP, false));
            }
        } else {
            units.add(new Unit(x, top + HEADER + BOX_H / 2, true));
        }
        return new Group(name, lines, units, true, top);
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

    /** The unit that holds element {@code e} of the value vector {@code s} reads from. */
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
            boolean many = groupOf(s).boxed() || target.boxed();
            for (int e = 0; e < s.length(); e++) {
                Unit from = unitOf(s, e);
                for (int j = 0; j < target.units().size(); j++) {
                    Unit to = target.units().get(j);
                    if (many) {
                        Arrow a = new Arrow(from, to, -1);
                        if (!arrows.contains(a)) {
                            arrows.add(a);
                        }
                    } else {
                        arrows.add(new Arrow(from, to, weights + j * n.inputSize() + position + e));
                    }
                }
            }
            position += s.length();
        }
    }

    @Override
    public int width() {
        return (int) Math.ceil(width);
    }

    @Override
    public int height() {
        return (int) Math.ceil(height);
    }

    @Override
    public void paint(Graphics2D g) {
        double largest = 0;
        int weighted = 0;
        if (parameters.isPresent()) {
            for (Arrow a : arrows) {
                if (a.weight() >= 0) {
                    largest = Math.max(largest, Math.abs(parameters.get()[a.weight()]));
                    weighted++;
                }
            }
        }
        boolean labels = parameters.isPresent() && weighted <= MAX_LABELS;
        for (Arrow a : arrows) {
            drawArrow(g, a, largest);
        }
        if (labels) {
            for (Arrow a : arrows) {
                if (a.weight() >= 0) {
                    label(g, a);
                }
            }
        }
        inputs.forEach(group -> drawGroup(g, group, -1));
        for (int i = 0; i < nodes.size(); i++) {
            drawGroup(g, nodes.get(i), i);
        }
        drawOutputs(g);
    }

    private void drawArrow(Graphics2D g, Arrow a, double largest) {
        double x0 = a.from().right();
        double y0 = a.from().y();
        double x1 = a.to().x() - (a.to().box() ? BOX_W / 2 : R);
        double y1 = a.to().y();
        if (a.to().box()) {
            y1 = Math.max(a.to().y() - BOX_H / 2 + 8, Math.min(a.to().y() + BOX_H / 2 - 8, y0));
        }
        if (!a.from().box()) {
            double dx = a.to().x() - a.from().x();
            double dy = a.to().y() - a.from().y();
            double d = Math.hypot(dx, dy);
            x0 = a.from().x() + R * dx / d;
            y0 = a.from().y() + R * dy / d;
            if (!a.to().box()) {
                x1 = a.to().x() - R * dx / d;
                y1 = a.to().y() - R * dy / d;
            }
        }
        float width = 1.2f;
        Color color = INK;
        if (a.weight() >= 0 && parameters.isPresent() && largest > 0) {
            double w = parameters.get()[a.weight()];
            width = (float) (0.8 + 3.2 * Math.abs(w) / largest);
            color = w >= 0 ? POSITIVE : NEGATIVE;
        }
        g.setColor(color);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double angle = Math.atan2(y1 - y0, x1 - x0);
        double head = 7 + width;
        g.draw(new Line2D.Double(x0, y0, x1 - Math.cos(angle) * head * 0.8, y1 - Math.sin(angle) * head * 0.8));
        Path2D.Double tip = new Path2D.Double();
        tip.moveTo(x1, y1);
        tip.lineTo(x1 - head * Math.cos(angle - 0.4), y1 - head * Math.sin(angle - 0.4));
        tip.lineTo(x1 - head * Math.cos(angle + 0.4), y1 - head * Math.sin(angle + 0.4));
        tip.closePath();
        g.fill(tip);
    }

    /** The weight's value on a white patch, a third of the way from its source. */
    private void label(Graphics2D g, Arrow a) {
        double t = 0.3;
        double x = a.from().x() + t * (a.to().x() - a.from().x());
        double y = a.from().y() + t * (a.to().y() - a.from().y());
        double w = parameters.orElseThrow()[a.weight()];
        tag(g, number(w), x, y, w >= 0 ? POSITIVE : NEGATIVE);
    }

    private static void tag(Graphics2D g, String text, double cx, double cy, Color color) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        double w = fm.stringWidth(text) + 6;
        double h = fm.getAscent() + 2;
        g.setColor(new Color(255, 255, 255, 230));
        g.fill(new RoundRectangle2D.Double(cx - w / 2, cy - h / 2, w, h, 4, 4));
        g.setColor(color);
        g.drawString(text, (float) (cx - w / 2 + 3), (float) (cy + fm.getAscent() / 2.0 - 2));
    }

    /** A group's circles or box, its name, and (with parameters) each neuron's bias. */
    private void drawGroup(Graphics2D g, Group group, int node) {
        g.setStroke(new BasicStroke(1.6f));
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font name = new Font(Font.SANS_SERIF, Font.BOLD, 13);
        if (group.header()) {
            g.setFont(name);
            g.setColor(INK);
            Unit first = group.units().get(0);
            if (first.box()) {
                centred(g, group.name(), first.x(), group.top() + 16);
            } else {
                centred(g, group.name(), first.x(), group.top() - 2);
                g.setFont(small);
                g.setColor(Color.GRAY);
                centred(g, group.lines().get(0), first.x(), group.top() + 14);
            }
        }
        for (int i = 0; i < group.units().size(); i++) {
            Unit u = group.units().get(i);
            if (u.box()) {
                RoundRectangle2D box = new RoundRectangle2D.Double(u.x() - BOX_W / 2, u.y() - BOX_H / 2, BOX_W, BOX_H,
                        12, 12);
                g.setColor(FILL);
                g.fill(box);
                g.setColor(INK);
                g.draw(box);
                g.setFont(small);
                List<String> lines = group.lines();
                for (int k = 0; k < lines.size(); k++) {
                    centred(g, lines.get(k), u.x(), u.y() + 4 + (k - (lines.size() - 1) / 2.0) * 16);
                }
                continue;
            }
            Ellipse2D circle = new Ellipse2D.Double(u.x() - R, u.y() - R, 2 * R, 2 * R);
            g.setColor(node < 0 ? Color.WHITE : FILL);
            g.fill(circle);
            g.setColor(INK);
            g.draw(circle);
            if (!group.header()) {
                g.setFont(group.name().length() <= 5 ? name : small);
                centred(g, group.name(), u.x(), u.y() + 5);
                if (!group.lines().isEmpty()) {
                    g.setFont(small);
                    g.setColor(Color.GRAY);
                    centred(g, group.lines().get(0), u.x(), u.y() - R - 6);
                }
            }
            if (node >= 0 && parameters.isPresent()) {
                Node n = model.nodes().get(node);
                double bias = parameters.get()[model.parameterOffset(node) + n.size() * n.inputSize() + i];
                g.setFont(small);
                g.setColor(Color.DARK_GRAY);
                centred(g, "b " + number(bias), u.x(), u.y() + R + 14);
            }
        }
    }

    /** An arrow out of every output element, to its class or name. */
    private void drawOutputs(Graphics2D g) {
        List<String> classes = model.output().classes().orElse(List.of());
        int k = 0;
        for (Source s : model.output().sources()) {
            Group group = groupOf(s);
            for (int e = 0; e < s.length(); e++, k++) {
                Unit u = unitOf(s, e);
                if (u.box() && e > 0) {
                    continue;
                }
                double x0 = u.right() + 4;
                double x1 = x0 + OUT - 20;
                g.setColor(INK);
                g.setStroke(new BasicStroke(1.4f));
                g.draw(new Line2D.Double(x0, u.y(), x1, u.y()));
                Path2D.Double tip = new Path2D.Double();
                tip.moveTo(x1 + 8, u.y());
                tip.lineTo(x1, u.y() - 4.5);
                tip.lineTo(x1, u.y() + 4.5);
                tip.closePath();
                g.fill(tip);
                String text = u.box() ? group.name() + (s.length() > 1 ? " (" + s.length() + ")" : "")
                        : k < classes.size() ? classes.get(k)
                        : group.units().size() == 1 ? group.name() : group.name() + "[" + (s.offset() + e) + "]";
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
                g.drawString(text, (float) (x1 + 14), (float) (u.y() + 5));
            }
        }
    }

    private static void centred(Graphics2D g, String text, double x, double baseline) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (x - fm.stringWidth(text) / 2.0), (float) baseline);
    }

    /** A weight or bias: whole numbers as such, else two decimals ({@code -2}, {@code 5.73}). */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
