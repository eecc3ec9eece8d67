package nnlang.compiler;

/**
 * Emits each node's gradient bookkeeping around a batch: {@code clear_<node>()} sets gW and gb to
 * 0.0; {@code update_<node>(double c)} and {@code updateDecayed_<node>(double c, double decay)} apply
 * the optimizer's rule ({@link RuleEmitter}) to every weight, without or with the decay, then to
 * every bias, never decayed. Both updates set each gradient sum to 0.0 once it is used, in the same
 * pass, so that the next batch needs no pass of its own to clear them. Looped nodes update row by row
 * (column by column for a column node, whose gW and state are stored by column too) with the plain
 * loop index, which C2 vectorises.
 */
final class UpdateEmitter {
    /**
     * The most parameter updates, counting each slot of state as one more, that an unrolled node's
     * update in its arrays is emitted as straight-line code: SGD on the largest unrolled node (256
     * weights and 32 biases) stays straight-line code; beyond, a method would near the JIT's
     * 8,000-byte limit, and the update, element by element with no chain between elements, runs as
     * loops instead.
     */
    static final int UNROLLED_UPDATES = 288;

    private UpdateEmitter() {}

    /** Whether node {@code p}'s update in its arrays is straight-line code (see {@link #UNROLLED_UPDATES}). */
    static boolean unrollsUpdate(NodePlan p, int slots) {
        return p.unrolled && (1L + slots) * (p.size * p.fanIn + p.size) <= UNROLLED_UPDATES;
    }

    /** Into a method without arguments. */
    static void emitClear(MethodEmitter m, NodePlan p) {
        int gW = Buffer.GW.toLocal(m, p);
        int gb = Buffer.GB.toLocal(m, p);
        int row = m.newLocal("gWj", MethodEmitter.DOUBLES);
        m.forRange("j", 0, p.weightRows(), p.unrolled, j -> {
            m.loadElement(gW, j, MethodEmitter.DOUBLES);
            m.g.storeLocal(row);
            m.forRange("i", 0, p.weightRowLength(), p.unrolled, i -> m.storeZero(row, i));
        });
        m.forRange("j", 0, p.biases, p.unrolled, j -> m.storeZero(gb, j));
    }

    /**
     * Into a method with arguments {@code (double c)}, or {@code (double c, double decay)} when
     * {@code decayed}: the node's parameters, sums and state in its arrays, each sum set to 0.0 once used.
     */
    static void emitUpdate(MethodEmitter m, NodePlan p, RuleEmitter rule, int slots, boolean decayed) {
        emitUpdate(m, p, rule, slots, Values.fields(m), () -> m.g.loadArg(0), decayed ? () -> m.g.loadArg(1) : null,
                true, unrollsUpdate(p, slots));
    }

    /**
     * The rule applied to every weight (with {@code pushDecay}, null for none) and then every bias
     * (without), for the parameters, sums and {@code slots} slots of state where {@code values} has
     * them; {@code pushC} and {@code pushDecay} push c and decay. When {@code clearSums}, each sum is
     * set to 0.0 once used. {@code unroll} emits straight-line code (values in locals need it).
     * Stack unchanged.
     */
    static void emitUpdate(MethodEmitter m, NodePlan p, RuleEmitter rule, int slots, Values values, Runnable pushC,
            Runnable pushDecay, boolean clearSums, boolean unroll) {
        Values.Matrix w = values.matrix(p, Buffer.W);
        Vec b = values.vector(p, Buffer.B);
        Values.Matrix gW = values.matrix(p, Buffer.GW);
        Vec gb = values.vector(p, Buffer.GB);
        Values.Matrix[] weightState = new Values.Matrix[slots];
        Vec[] biasState = new Vec[slots];
        for (int s = 0; s < slots; s++) {
            weightState[s] = values.weightState(p, s);
            biasState[s] = values.biasState(p, s);
        }
        m.forRange("j", 0, p.weightRows(), unroll, j -> {
            Vec wj = w.row(j);
            Vec gWj = gW.row(j);
            Vec[] sj = new Vec[slots];
            for (int s = 0; s < slots; s++) {
                sj[s] = weightState[s].row(j);
            }
            m.forRange("i", 0, p.weightRowLength(), unroll, i -> {
                rule.emit(m, wj, gWj, sj, i, pushC, pushDecay);
                if (clearSums) {
                    gWj.storeZero(i);
                }
            });
        });
        m.forRange("j", 0, p.biases, unroll, j -> {
            rule.emit(m, b, gb, biasState, j, pushC, null);
            if (clearSums) {
                gb.storeZero(j);
            }
        });
    }
}
