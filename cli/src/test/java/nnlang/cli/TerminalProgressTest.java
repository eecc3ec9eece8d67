package nnlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import nnlang.runtime.EpochReport;
import nnlang.runtime.Evaluation;
import org.junit.jupiter.api.Test;

/** The progress bar appears only on a terminal, and epoch lines always start on a clean row. */
class TerminalProgressTest {

    private static EpochReport report() {
        return new EpochReport(1, 2, java.util.OptionalDouble.empty(), java.util.OptionalDouble.of(0.25), List.of(new Evaluation(Evaluation.DataSet.TRAINING, 4, 3, 0.25,
                java.util.Optional.empty())), 0.1, 0.1);
    }

    @Test
    void aLogGetsOnlyTheEpochLines() {
        StringWriter text = new StringWriter();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(text, true), false, 2);
        progress.progress(1, 10, 40);
        progress.epoch(report());
        assertEquals(1, text.toString().lines().count(), text.toString());
        assertTrue(text.toString().startsWith("epoch 1/2  cost 0.2500  accuracy 75.00%"), text.toString());
    }

    @Test
    void aTerminalGetsABarThatTheEpochLineOverwrites() {
        StringWriter text = new StringWriter();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(text, true), true, 2);
        progress.progress(1, 10, 40);
        String bar = text.toString();
        assertEquals("\repoch 1/2 [#######-----------------------] 25%", bar);
        progress.epoch(report());
        String after = text.toString().substring(bar.length());
        assertTrue(after.startsWith("\r "), after);
        assertTrue(after.contains("\repoch 1/2  cost"), after);
    }
}
