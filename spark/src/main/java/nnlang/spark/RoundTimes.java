package nnlang.spark;

/**
 * Where a training run on Spark spent its time, measured on the driver.
 *
 * @param rounds        the mini-batches trained, one Spark job each (a replay after a divergence included)
 * @param roundSeconds  their wall time: broadcasting the parameters, the tasks, collecting and adding
 *                      the shards' sums, the optimizer's step
 * @param layouts       the epochs' layouts of the data, one shuffle each
 * @param layoutSeconds their wall time
 */
public record RoundTimes(int rounds, double roundSeconds, int layouts, double layoutSeconds) {

    /** The mean wall time of a round, in seconds; 0 before the first. */
    public double perRound() {
        return rounds == 0 ? 0.0 : roundSeconds / rounds;
    }
}
