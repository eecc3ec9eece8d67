package nnlang.pictures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import nnlang.runtime.ConfusionMatrix;

/**
 * A classifier's confusion matrix as a heat map: one cell per actual class (row) and predicted class
 * (column) with its count, shaded by the count's share of its row, so that the diagonal is dark and
 * each cell off it as dark as the share of that class it takes (on a square-root scale, so that a
 * share of 1% still shows). The last column gives each class's accuracy.
 */
public final class ConfusionPicture implements Picture {

    private static final int CELL = 52;
    private static final int LEFT = 110;
    private static final int TOP = 90;
    private static final int ACCURACY = 86;
    private static final int BOTTOM = 30;
    private static final Color INK = new Color(0x333333);
    /** The darkest shade, for a share of 1. */
    private static final Color FULL = new Color(0x08306b);

    private final ConfusionMatrix matrix;
    private final String title;

    /** @param title e.g. {@code Mnist: confusion matrix, test set} */
    public ConfusionPicture(ConfusionMatrix matrix, String title) {
        this.matrix = matrix;
        this.title = title;
    }

    @Override
    public int width() {
        return LEFT + CELL * matrix.classes().size() + ACCURACY + 20;
    }

    @Override
    public int height() {
        return TOP + CELL * matrix.classes().size() + BOTTOM;
    }

    @Override
    public void paint(Graphics2D g) {
        List<String> classes = matrix.classes();
        int n = classes.size();
        Font bold = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        Font count = new Font(Font.SANS_SERIF, Font.PLAIN, n > 12 ? 10 : 13);
        g.setColor(INK);
        g.setFont(bold);
        g.drawString(title, 16, 26);
        g.setFont(label);
        centred(g, "predicted class", LEFT + CELL * n / 2.0, TOP - 36);
        centred(g, "accuracy", LEFT + CELL * n + ACCURACY / 2.0, TOP - 12);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, 24, TOP + CELL * n / 2.0);
        centred(g, "actual class", 24, TOP + CELL * n / 2.0 + 5);
        g.setTransform(saved);
        for (int p = 0; p < n; p++) {
            centred(g, classes.get(p), LEFT + CELL * (p + 0.5), TOP - 12);
        }
        for (int a = 0; a < n; a++) {
            double y = TOP + CELL * a;
            g.setFont(label);
            g.setColor(INK);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(classes.get(a), LEFT - 12 - fm.stringWidth(classes.get(a)), (float) (y + CELL / 2.0 + 5));
            int total = matrix.total(a);
            for (int p = 0; p < n; p++) {
                int c = matrix.count(a, p);
                double share = total == 0 ? 0 : (double) c / total;
                double x = LEFT + CELL * p;
                g.setColor(shade(Math.sqrt(share)));
                g.fill(new Rectangle2D.Double(x, y, CELL, CELL));
                g.setFont(count);
                g.setColor(Math.sqrt(share) > 0.55 ? Color.WHITE : INK);
                if (c > 0) {
                    centred(g, Integer.toString(c), x + CELL / 2.0, y + CELL / 2.0 + 5);
                }
            }
            g.setFont(label);
            g.setColor(INK);
            double accuracy = matrix.accuracy(a);
            centred(g, Double.isNaN(accuracy) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * accuracy),
                    LEFT + CELL * n + ACCURACY / 2.0, y + CELL / 2.0 + 5);
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(LEFT, TOP, CELL * n, CELL * n));
    }

    /** White at 0, {@link #FULL} at 1. */
    private static Color shade(double t) {
        return new Color(mix(255, FULL.getRed(), t), mix(255, FULL.getGreen(), t), mix(255, FULL.getBlue(), t));
    }

    private static int mix(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * Math.max(0, Math.min(1, t)));
    }

    private static void centred(Graphics2D g, String text, double x, double baseline) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (x - fm.stringWidth(text) / 2.0), (float) baseline);
    }
}
