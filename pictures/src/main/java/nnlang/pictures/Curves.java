package nnlang.pictures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import nnlang.model.NetworkModel;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The training curves of a run: the cost per epoch on the left and the accuracy per epoch on the
 * right, one line per data set (training, validation, test), drawn with XChart. Costs are on a
 * logarithmic axis when they are all positive, since they fall by orders of magnitude.
 */
public final class Curves implements Picture {

    static final int PANEL_WIDTH = 560;
    static final int HEIGHT = 420;
    /**
     * At most about this many points per line: a panel is narrower than that in pixels, and the SVG
     * of 5,000 epochs would otherwise take megabytes. Every k-th epoch is drawn, and the last;
     * {@code metrics.csv} keeps them all.
     */
    static final int MAX_POINTS = 500;
    /** The spread of costs from which their axis is logarithmic. */
    static final int LOG_RATIO = 20;

    /** One colour per data set, the same in both panels: training, validation, test. */
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)};
    private static final String[] SETS = {"training", "validation", "test"};

    private final XYChart cost;
    private final XYChart accuracy;

    /** The curves of {@code model}'s run, one point per row of {@code rows} (at least one). */
    public Curves(NetworkModel model, List<EpochMetrics> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no epochs to draw");
        }
        String costName = model.train().map(t -> t.cost().keyword().replace('_', '-')).orElse("");
        this.cost = chart(model.name() + ": " + costName + " cost per epoch", "mean cost per sample");
        this.accuracy = chart(model.name() + ": accuracy per epoch", "accuracy (%)");
        List<Function<EpochMetrics, OptionalDouble>> costs = List.of(EpochMetrics::trainingCost,
                EpochMetrics::validationCost, EpochMetrics::testCost);
        List<Function<EpochMetrics, OptionalDouble>> accuracies = List.of(EpochMetrics::trainingAccuracy,
                EpochMetrics::validationAccuracy, EpochMetrics::testAccuracy);
        for (int set = 0; set < SETS.length; set++) {
            addSeries(cost, set, rows, costs.get(set), 1.0);
            addSeries(accuracy, set, rows, accuracies.get(set), 100.0);
        }
        boolean logarithmic = spansDecades(rows, costs);
        cost.getStyler().setYAxisLogarithmic(logarithmic);
        if (accuracy.getSeriesMap().isEmpty()) {
            accuracy.setTitle(model.name() + ": no accuracy measured");
        }
        cost.getStyler().setYAxisDecimalPattern(logarithmic ? "0.#####" : "0.####");
        accuracy.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        accuracy.getStyler().setYAxisDecimalPattern("0.##");
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.GRAY);
        s.setPlotGridLinesColor(new Color(0xE6E6E6));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setXAxisDecimalPattern("#,##0");
        s.setAntiAlias(true);
        return chart;
    }

    /**
     * Whether the costs are all positive and the largest is at least {@value #LOG_RATIO} times the
     * smallest: a logarithmic axis then shows the fall; over a narrower range it would show one
     * label or none.
     */
    private static boolean spansDecades(List<EpochMetrics> rows, List<Function<EpochMetrics, OptionalDouble>> costs) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (EpochMetrics row : rows) {
            for (Function<EpochMetrics, OptionalDouble> cost : costs) {
                OptionalDouble v = cost.apply(row);
                if (v.isPresent()) {
                    min = Math.min(min, v.getAsDouble());
                    max = Math.max(max, v.getAsDouble());
                }
            }
        }
        return min > 0 && max >= LOG_RATIO * min;
    }

    /** Adds set number {@code set}'s line when any row has it. */
    private static void addSeries(XYChart chart, int set, List<EpochMetrics> rows,
            Function<EpochMetrics, OptionalDouble> value, double scale) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        int every = (rows.size() + MAX_POINTS - 1) / MAX_POINTS;
        for (int i = 0; i < rows.size(); i++) {
            EpochMetrics row = rows.get(i);
            OptionalDouble v = value.apply(row);
            if (v.isPresent() && (i % every == 0 || i == rows.size() - 1)) {
                xs.add((double) row.epoch());
                ys.add(v.getAsDouble() * scale);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(SETS[set], xs, ys);
        series.setLineColor(COLORS[set]);
        series.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        series.setMarkerColor(COLORS[set]);
        series.setMarker(xs.size() <= 60 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }

    @Override
    public int width() {
        return 2 * PANEL_WIDTH;
    }

    @Override
    public int height() {
        return HEIGHT;
    }

    @Override
    public void paint(Graphics2D g) {
        Graphics2D left = (Graphics2D) g.create();
        cost.paint(left, PANEL_WIDTH, HEIGHT);
        left.dispose();
        Graphics2D right = (Graphics2D) g.create();
        right.translate(PANEL_WIDTH, 0);
        accuracy.paint(right, PANEL_WIDTH, HEIGHT);
        right.dispose();
    }
}
