package nnlang.runtime;

import nnlang.model.SourcePos;

/**
 * Training produced a non-finite cost or parameter, usually because the rate is too large. The
 * message names the position of the optimizer in the source and the epoch.
 */
public final class TrainingDivergedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int epoch;

    /**
     * @param pos   the optimizer's position in the source
     * @param epoch the 1-based epoch after which the divergence was seen
     * @param what  what became non-finite
     */
    public TrainingDivergedException(SourcePos pos, int epoch, int epochs, String what) {
        super(pos + ": error: training diverged in epoch " + epoch + " of " + epochs + ": " + what
                + "\n  hint: try a smaller rate");
        this.epoch = epoch;
    }

    /** The 1-based epoch after which the divergence was seen. */
    public int epoch() {
        return epoch;
    }
}
