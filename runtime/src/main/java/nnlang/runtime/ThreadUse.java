package nnlang.runtime;

/**
 * How many threads a training run asked for and used, and why it used fewer when it did.
 *
 * @param requested the threads asked for (the train block's {@code threads}, or the command line's)
 * @param used      the threads the mini-batches were trained on
 * @param reason    empty when {@code used == requested}; else why fewer threads were used
 */
public record ThreadUse(int requested, int used, String reason) {

    /** One thread, as asked. */
    public static final ThreadUse ONE = new ThreadUse(1, 1, "");

    /**
     * For a report: empty for one thread as asked, else {@code on 2 threads}, or
     * {@code on 1 thread of 2 asked for: REASON} (and {@code on 2 threads of 8 asked for: REASON}).
     */
    public String describe() {
        if (requested == 1) {
            return "";
        }
        if (used == requested) {
            return "on " + used + " threads";
        }
        return "on " + used + (used == 1 ? " thread" : " threads") + " of " + requested + " asked for: " + reason;
    }
}
