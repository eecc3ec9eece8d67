package nnlang.pictures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nnlang.model.NetworkModel;
import nnlang.model.TrainSpec;
import nnlang.runtime.ConfusionMatrix;
import nnlang.runtime.EpochReport;
import nnlang.runtime.TrainingResult;
import nnlang.runtime.TrainingRun;

/**
 * The report of a training run, written into one folder when the run has trained:
 * <ul>
 *   <li>{@code metrics.csv}: one row per epoch ({@link EpochMetrics#HEADER});
 *   <li>{@code curves.svg}, {@code curves.png}: cost and accuracy per epoch ({@link Curves});
 *   <li>{@code network.svg}: the network with its trained weights ({@link NetworkDiagram});
 *   <li>{@code confusion.svg}, for a classifier: its confusion matrix on the primary set after the
 *       last epoch ({@link ConfusionPicture}).
 * </ul>
 * As a {@link TrainingRun.Listener} it asks for every epoch to be evaluated, not only the reported
 * ones, and keeps their figures; {@link #write} writes the files.
 */
public final class TrainingReport implements TrainingRun.Listener {

    /** How much larger than the SVG the PNG is drawn, for screens of high density. */
    static final double PNG_SCALE = 2.0;

    private final NetworkModel model;
    private final TrainSpec train;
    private final Path folder;
    private final List<EpochMetrics> rows = new ArrayList<>();

    /** A report of {@code model}'s run into {@code folder} (created when written). */
    public TrainingReport(NetworkModel model, Path folder) {
        this.model = model;
        this.train = model.train().orElseThrow(
                () -> new IllegalArgumentException("network " + model.name() + " has no train block"));
        this.folder = folder;
    }

    @Override
    public boolean measuresEveryEpoch() {
        return true;
    }

    @Override
    public void measured(EpochReport report) {
        rows.add(EpochMetrics.of(report, report.epoch() > 0 ? train.rateAt(report.epoch()) : Double.NaN));
    }

    @Override
    public void epoch(EpochReport report) {
        // every epoch arrives through measured
    }

    /** The rows so far, one per epoch. */
    public List<EpochMetrics> rows() {
        return List.copyOf(rows);
    }

    /**
     * Writes the files for the finished run {@code result} and returns them, in the order above.
     *
     * @throws IOException when the folder or a file cannot be written
     */
    public List<Path> write(TrainingResult result) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        Path metrics = folder.resolve("metrics.csv");
        List<String> lines = new ArrayList<>();
        lines.add(EpochMetrics.HEADER);
        rows.forEach(r -> lines.add(r.csv()));
        Files.write(metrics, lines);
        written.add(metrics);
        Curves curves = new Curves(model, rows);
        written.add(svg(curves, "curves.svg"));
        Path png = folder.resolve("curves.png");
        curves.writePng(png, PNG_SCALE);
        written.add(png);
        written.add(svg(new NetworkDiagram(model, Optional.of(result.parameters())), "network.svg"));
        Optional<ConfusionMatrix> confusion = result.confusion();
        if (confusion.isPresent()) {
            String title = model.name() + ": confusion matrix, " + result.last().primary().set().label()
                    + " set after epoch " + result.last().epoch();
            written.add(svg(new ConfusionPicture(confusion.get(), title), "confusion.svg"));
        }
        return written;
    }

    private Path svg(Picture picture, String name) throws IOException {
        Path file = folder.resolve(name);
        picture.writeSvg(file);
        return file;
    }
}
