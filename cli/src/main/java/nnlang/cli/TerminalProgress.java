package nnlang.cli;

import java.io.PrintWriter;
import nnlang.runtime.EpochReport;
import nnlang.runtime.ProgressFormat;
import nnlang.runtime.ProgressListener;

/**
 * Training progress for the command line: one line per reported epoch and, when the output is a
 * terminal, a bar within the epoch that the next line overwrites. In a log (CI, a pipe) only the
 * epoch lines appear.
 */
final class TerminalProgress implements ProgressListener {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final int epochs;
    private boolean barShown;

    TerminalProgress(PrintWriter out, boolean terminal, int epochs) {
        this.out = out;
        this.terminal = terminal;
        this.epochs = epochs;
    }

    @Override
    public void epoch(EpochReport report) {
        clearBar();
        out.println(ProgressFormat.line(report));
    }

    @Override
    public void progress(int epoch, int done, int total) {
        if (!terminal || done == total) {
            return;
        }
        int filled = (int) ((long) WIDTH * done / total);
        out.print("\repoch " + epoch + "/" + epochs + " [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                + (100L * done / total) + "%");
        out.flush();
        barShown = true;
    }

    /** Removes a drawn bar, so that the next line starts on a clean row. */
    void clearBar() {
        if (barShown) {
            out.print("\r" + " ".repeat(WIDTH + 30) + "\r");
            barShown = false;
        }
    }
}
