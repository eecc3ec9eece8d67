package nnlang.runtime;

/** Receives one report per reported epoch while a {@link Trainer} runs, on the training thread. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every report. */
    ProgressListener NONE = report -> { };

    void epoch(EpochReport report);

    /**
     * Progress within an epoch: {@code done} of {@code total} training samples of epoch
     * {@code epoch} have been learnt from. Called about 50 times per epoch, always at a batch
     * boundary; by default ignored.
     */
    default void progress(int epoch, int done, int total) {}
}
