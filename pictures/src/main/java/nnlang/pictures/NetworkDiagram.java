package nnlang.pictures;

import static nnlang.pictures.DiagramLayout.BOX_H;
import static nnlang.pictures.DiagramLayout.BOX_W;
import static nnlang.pictures.DiagramLayout.OUT;
import static nnlang.pictures.DiagramLayout.R;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.pictures.DiagramLayout.Arrow;
import nnlang.pictures.DiagramLayout.Group;
import nnlang.pictures.DiagramLayout.Unit;

/**
 * A network drawn as Nielsen draws one: a circle per neuron, an arrow per weight, inputs on the
 * left, outputs on the right; large layers as boxes with their shape and parameter count (where
 * each part goes: {@link DiagramLayout}). With parameters (trained, or all given in the source)
 * each weight's arrow is blue when positive and red when negative and as wide as its size relative
 * to the largest; when there are at most {@value #MAX_LABELS} such arrows each carries its value,
 * placed where it overlaps no other label and no neuron; each bias is written under its neuron.
 * The nodes of each part of the network are in a frame labelled with the part's name and its
 * network, a part of a part in a frame inside its part's.
 */
public final class NetworkDiagram implements Picture {

    /** Up to this many weighted arrows get their value as a label. */
    static final int MAX_LABELS = 24;

    private static final Color INK = new Color(0x333333);
    private static final Color POSITIVE = new Color(0x1f63b4);
    private static final Color NEGATIVE = new Color(0xc8332b);
    private static final Color FILL = new Color(0xF3F6FA);
    private static final Font NAME = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font PART = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    /** The fills of frames, by depth: a frame inside another is a shade apart from it. */
    private static final Color[] FRAME_FILLS = {new Color(0xFBF8F1), new Color(0xF1F5EC), new Color(0xF6F0F7)};
    private static final Color FRAME_EDGE = new Color(0xA8A29A);
    /** Where along an arrow its label may go, in the order tried. */
    private static final double[] LABEL_AT = {0.3, 0.45, 0.2, 0.6, 0.7, 0.38, 0.52};

    private final NetworkModel model;
    private final Optional<double[]> parameters;
    private final DiagramLayout layout;

    /** @param parameters the network's parameters in the order of {@link NetworkModel}, when known */
    public NetworkDiagram(NetworkModel model, Optional<double[]> parameters) {
        parameters.ifPresent(p -> {
            if (p.length != model.parameterCount()) {
                throw new IllegalArgumentException(p.length + " parameters for a network of " + model.parameterCount());
            }
        });
        this.model = model;
        this.parameters = parameters.map(double[]::clone);
        this.layout = new DiagramLayout(model);
    }

    @Override
    public int width() {
        return (int) Math.ceil(layout.width());
    }

    @Override
    public int height() {
        return (int) Math.ceil(layout.height());
    }

    @Override
    public void paint(Graphics2D g) {
        layout.frames().forEach(frame -> drawFrame(g, frame));
        double largest = 0;
        int weighted = 0;
        for (Arrow a : layout.arrows()) {
            if (a.weight() >= 0 && parameters.isPresent()) {
                largest = Math.max(largest, Math.abs(parameters.get()[a.weight()]));
                weighted++;
            }
        }
        for (Arrow a : layout.arrows()) {
            drawArrow(g, a, largest);
        }
        if (parameters.isPresent() && weighted <= MAX_LABELS) {
            labelWeights(g);
        }
        layout.inputs().forEach(group -> drawGroup(g, group));
        layout.nodes().forEach(group -> drawGroup(g, group));
        for (DiagramLayout.Exit exit : layout.exits()) {
            Unit u = exit.unit();
            double x0 = u.x() + u.halfWidth() + 4;
            double x1 = x0 + OUT - 20;
            g.setColor(INK);
            g.setStroke(new BasicStroke(1.4f));
            g.draw(new Line2D.Double(x0, u.y(), x1, u.y()));
            g.fill(tip(x1 + 8, u.y(), 0, 9));
            g.setFont(NAME);
            g.drawString(exit.label(), (float) (x1 + 14), (float) (u.y() + 5));
        }
    }

    /** A part's frame, behind everything else, with the part's name and its network inside its top edge. */
    private static void drawFrame(Graphics2D g, PartFrames.Frame frame) {
        Rectangle2D.Double box = frame.box();
        RoundRectangle2D shape = new RoundRectangle2D.Double(box.x, box.y, box.width, box.height, 14, 14);
        g.setColor(FRAME_FILLS[frame.depth() % FRAME_FILLS.length]);
        g.fill(shape);
        g.setColor(FRAME_EDGE);
        g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {5, 3}, 0));
        g.draw(shape);
        String name = frame.name().substring(frame.name().lastIndexOf('.') + 1);
        g.setFont(PART);
        float baseline = (float) (box.y + PartFrames.LABEL - 2);
        g.setColor(INK);
        g.drawString(name, (float) box.x + 7, baseline);
        float after = (float) box.x + 7 + g.getFontMetrics().stringWidth(name) + 5;
        g.setFont(SMALL);
        g.setColor(Color.GRAY);
        g.drawString(frame.network(), after, baseline);
    }

    /** The point where an arrow leaves {@code from} or enters {@code to}, on the way to or from {@code towards}. */
    private static Point2D.Double edge(Unit u, Point2D towards, boolean leaving) {
        if (u.box()) {
            double x = u.x() + (leaving ? BOX_W / 2 : -BOX_W / 2);
            double y = Math.max(u.y() - BOX_H / 2 + 8, Math.min(u.y() + BOX_H / 2 - 8, towards.getY()));
            return new Point2D.Double(x, y);
        }
        double dx = towards.getX() - u.x();
        double dy = towards.getY() - u.y();
        double d = Math.hypot(dx, dy);
        return new Point2D.Double(u.x() + R * dx / d, u.y() + R * dy / d);
    }

    private void drawArrow(Graphics2D g, Arrow a, double largest) {
        Point2D.Double towardsTarget = a.bend() != null ? a.bend() : new Point2D.Double(a.to().x(), a.to().y());
        Point2D.Double start = edge(a.from(), towardsTarget, true);
        Point2D.Double towardsSource = a.bend() != null ? a.bend() : start;
        // Out of a box, a fan of arrows enters each circle from the left, clear of the bias under the one above.
        Point2D.Double end = a.from().box() && !a.to().box() ? new Point2D.Double(a.to().x() - R, a.to().y())
                : edge(a.to(), a.to().box() ? start : towardsSource, false);
        float width = 1.2f;
        Color color = INK;
        if (a.weight() >= 0 && parameters.isPresent() && largest > 0) {
            double w = parameters.get()[a.weight()];
            width = (float) (0.8 + 3.2 * Math.abs(w) / largest);
            color = w >= 0 ? POSITIVE : NEGATIVE;
        }
        g.setColor(color);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Point2D.Double from = a.bend() != null ? a.bend() : start;
        double angle = Math.atan2(end.y - from.y, end.x - from.x);
        double head = 7 + width;
        double shortX = end.x - Math.cos(angle) * head * 0.8;
        double shortY = end.y - Math.sin(angle) * head * 0.8;
        if (a.bend() != null) {
            g.draw(new QuadCurve2D.Double(start.x, start.y, a.bend().x, a.bend().y, shortX, shortY));
        } else {
            g.draw(new Line2D.Double(start.x, start.y, shortX, shortY));
        }
        g.fill(tip(end.x, end.y, angle, head));
    }

    private static Path2D.Double tip(double x, double y, double angle, double size) {
        Path2D.Double tip = new Path2D.Double();
        tip.moveTo(x, y);
        tip.lineTo(x - size * Math.cos(angle - 0.4), y - size * Math.sin(angle - 0.4));
        tip.lineTo(x - size * Math.cos(angle + 0.4), y - size * Math.sin(angle + 0.4));
        tip.closePath();
        return tip;
    }

    /** Each weight's value on a white patch, at the first place along its arrow that overlaps nothing placed. */
    private void labelWeights(Graphics2D g) {
        g.setFont(SMALL);
        FontMetrics fm = g.getFontMetrics();
        List<Rectangle2D> taken = new ArrayList<>();
        for (Unit u : layout.units()) {
            taken.add(new Rectangle2D.Double(u.x() - u.halfWidth(), u.y() - u.halfHeight(), 2 * u.halfWidth(),
                    2 * u.halfHeight()));
        }
        for (Arrow a : layout.arrows()) {
            if (a.weight() < 0) {
                continue;
            }
            double w = parameters.orElseThrow()[a.weight()];
            String text = number(w);
            double width = fm.stringWidth(text) + 6;
            double height = fm.getAscent() + 2;
            Rectangle2D place = null;
            for (double t : LABEL_AT) {
                Point2D.Double p = along(a, t);
                Rectangle2D r = new Rectangle2D.Double(p.x - width / 2, p.y - height / 2, width, height);
                if (taken.stream().noneMatch(r::intersects)) {
                    place = r;
                    break;
                }
            }
            if (place == null) {
                Point2D.Double p = along(a, LABEL_AT[0]);
                place = new Rectangle2D.Double(p.x - width / 2, p.y - height / 2, width, height);
            }
            taken.add(place);
            g.setColor(new Color(255, 255, 255, 230));
            g.fill(new RoundRectangle2D.Double(place.getX(), place.getY(), width, height, 4, 4));
            g.setColor(w >= 0 ? POSITIVE : NEGATIVE);
            g.drawString(text, (float) (place.getX() + 3), (float) (place.getCenterY() + fm.getAscent() / 2.0 - 2));
        }
    }

    /** The point at {@code t} (0 at the source's centre, 1 at the target's) along an arrow's line or curve. */
    private static Point2D.Double along(Arrow a, double t) {
        double x0 = a.from().x();
        double y0 = a.from().y();
        double x2 = a.to().x();
        double y2 = a.to().y();
        if (a.bend() == null) {
            return new Point2D.Double(x0 + t * (x2 - x0), y0 + t * (y2 - y0));
        }
        double u = 1 - t;
        return new Point2D.Double(u * u * x0 + 2 * u * t * a.bend().x + t * t * x2,
                u * u * y0 + 2 * u * t * a.bend().y + t * t * y2);
    }

    /** A group's circles or box, its name, and (with parameters) each neuron's bias. */
    private void drawGroup(Graphics2D g, Group group) {
        g.setStroke(new BasicStroke(1.6f));
        Unit first = group.units().get(0);
        if (group.header()) {
            g.setFont(NAME);
            g.setColor(INK);
            if (first.box()) {
                centred(g, group.name(), first.x(), group.top() + 16);
            } else {
                centred(g, group.name(), first.x(), group.top() - 2);
                g.setFont(SMALL);
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
                g.setFont(SMALL);
                List<String> lines = group.lines();
                for (int k = 0; k < lines.size(); k++) {
                    centred(g, lines.get(k), u.x(), u.y() + 4 + (k - (lines.size() - 1) / 2.0) * 16);
                }
                continue;
            }
            Ellipse2D circle = new Ellipse2D.Double(u.x() - R, u.y() - R, 2 * R, 2 * R);
            g.setColor(group.node() < 0 ? Color.WHITE : FILL);
            g.fill(circle);
            g.setColor(INK);
            g.draw(circle);
            if (!group.header()) {
                nameInside(g, group.name(), u);
                if (!group.lines().isEmpty()) {
                    g.setFont(SMALL);
                    g.setColor(Color.GRAY);
                    centred(g, group.lines().get(0), u.x(), u.y() - R - 6);
                }
            }
            if (group.node() >= 0 && parameters.isPresent()) {
                Node n = model.nodes().get(group.node());
                double bias = parameters.get()[model.parameterOffset(group.node()) + n.size() * n.inputSize() + i];
                g.setFont(SMALL);
                String text = "b " + number(bias);
                FontMetrics fm = g.getFontMetrics();
                double w = fm.stringWidth(text) + 4;
                g.setColor(new Color(255, 255, 255, 230));
                g.fill(new RoundRectangle2D.Double(u.x() - w / 2, u.y() + R + 3, w, fm.getAscent() + 1, 4, 4));
                g.setColor(Color.DARK_GRAY);
                centred(g, text, u.x(), u.y() + R + 14);
            }
        }
    }

    /** The name in its circle, in the largest of 13 to 9 points that fits; a longer one goes beside it. */
    private static void nameInside(Graphics2D g, String name, Unit u) {
        g.setColor(INK);
        for (int size = 13; size >= 9; size--) {
            g.setFont(new Font(Font.SANS_SERIF, size >= 12 ? Font.BOLD : Font.PLAIN, size));
            if (g.getFontMetrics().stringWidth(name) <= 2 * R - 6) {
                centred(g, name, u.x(), u.y() + size * 0.36);
                return;
            }
        }
        g.setFont(SMALL);
        g.drawString(name, (float) (u.x() - R - 4 - g.getFontMetrics().stringWidth(name)), (float) (u.y() - R + 2));
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
