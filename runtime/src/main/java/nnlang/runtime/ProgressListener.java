package nnlang.runtime;

/** Receives one report per reported epoch while a {@link Trainer} runs, on the training thread. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every report. */
    ProgressListener NONE = report -> { };

    void epoch(EpochReport report);
}
