package nnlang.runtime;

import nnlang.model.SourcePos;

/**
 * Training produced a non-finite cost or parameter, usually because the rate is too large or the data
 * are not scaled. The message names the position of the optimizer in the source, the epoch, the
 * mini-batch and the parameter with its node, and hints at the rate and the data's scale.
 */
public final class TrainingDivergedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int epoch;

    /**
     * @param pos   the optimizer's position in the source
     * @param epoch the 1-based epoch in which the divergence was seen
     * @param what  where it was seen (the mini-batch) and what became non-finite
     * @param rate  the optimizer's rate, quoted in the hint
     */
    public TrainingDivergedException(SourcePos pos, int epoch, int epochs, String what, double rate) {
        super(pos + ": error: training diverged in epoch " + epoch + " of " + epochs + ": " + what
                + "\n  hint: lower the rate (now " + rate + ") or check the scale of the data: inputs or targets"
                + " far outside [-1, 1] make large gradients");
        this.epoch = epoch;
    }

    /** The 1-based epoch after which the divergence was seen. */
    public int epoch() {
        return epoch;
    }
}
