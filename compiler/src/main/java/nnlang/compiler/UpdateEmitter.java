package nnlang.compiler;

/**
 * Emits each node's gradient bookkeeping around a batch: {@code clear_<node>()} sets gW and gb to
 * 0.0; {@code update_<node>(double c, ...)} and {@code updateDecayed_<node>(double c, ..., double decay)}
 * (the step's scalars as arguments, {@link RuleEmitter#scalarNames}) apply the optimizer's rule
 * ({@link RuleEmitter}) to every weight, without or with the decay, then to every bias, never decayed. Both updates set each gradient sum to 0.0 once it is used, in the same
 * pass, so that the next batch needs no pass of its own to clear them. Looped nodes update row by row
 * (column by column for a column node, whose gW and state are stored by column too) with the plain
 * loop index, which C2 vectorises.
 * A fixed node's update changes no parameter and no state: it only sets its sums to 0.0.
 */
final class UpdateEmitter {
    /**
     * The most parameter updates, each counted by its rule's {@link RuleEmitter#weight}, that an
     * unrolled node's update in its arrays is emitted as straight-line code: SGD on the largest
     * unrolled node (256 weights and 32 biases) stays straight-line code; beyond, a method would near
     * the JIT's 8,000-byte limit, and the update, element by element with no chain between elements,
     * runs as loops instead.
     */
    static final int UNROLLED_UPDATES = 288;

    private UpdateEmitter() {}

    /** Whether node {@code p}'s update in its arrays is straight-line code (see {@link #UNROLLED_UPDATES}). */
    static boolean unrollsUpdate(NodePlan p, RuleEmitter rule) {
        return p.unrolled && (long) rule.weight() * (p.size * p.fanIn + p.size) <= UNROLLED_UPDATES;
    }

    /** The descriptor of the update methods: one double per scalar, and the decay when {@code decayed}. */
    static String descriptor(RuleEmitter rule, boolean decayed) {
        return "(" + "D".repeat(rule.scalars() + (decayed ? 1 : 0)) + ")V";
    }

    /** The names of the update methods' arguments: the scalars, and the decay when {@code decayed}. */
    static String[] argumentNames(RuleEmitter rule, boolean decayed) {
        String[] scalars = rule.scalarNames();
        String[] names = java.util.Arrays.copyOf(scalars, scalars.length + (decayed ? 1 : 0));
        if (decayed) {
            names[scalars.length] = "decay";
        }
        return names;
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
     * Into a method whose arguments are the step's scalars ({@link #descriptor}), then the decay when
     * {@code decayed}: the node's parameters, sums and state in its arrays, each sum set to 0.0 once used.
     */
    static void emitUpdate(MethodEmitter m, NodePlan p, RuleEmitter rule, int slots, boolean decayed) {
        int count = rule.scalars();
        Runnable[] scalars = new Runnable[count];
        for (int k = 0; k < count; k++) {
            int arg = k;
            scalars[k] = () -> m.g.loadArg(arg);
        }
        emitUpdate(m, p, rule, slots, Values.fields(m), scalars, decayed ? () -> m.g.loadArg(count) : null,
                true, unrollsUpdate(p, rule), Part.whole(p));
    }

    /** Pushers of the double locals {@code locals}, e.g. the scalars {@link RuleEmitter#emitScalars} stored. */
    static Runnable[] fromLocals(MethodEmitter m, int[] locals) {
        Runnable[] pushers = new Runnable[locals.length];
        for (int k = 0; k < locals.length; k++) {
            int local = locals[k];
            pushers[k] = () -> m.g.loadLocal(local);
        }
        return pushers;
    }

    /**
     * The rule applied to every weight (with {@code pushDecay}, null for none) and then every bias
     * (without), for the parameters, sums and {@code slots} slots of state where {@code values} has
     * them; {@code scalars} push the step's scalars and {@code pushDecay} the decay. When
     * {@code clearSums}, each sum is set to 0.0 once used. {@code unroll} emits straight-line code
     * (values in locals need it). Only the parameters of {@code part} are updated (a part that is not
     * the whole node is never unrolled). Stack unchanged.
     */
    static void emitUpdate(MethodEmitter m, NodePlan p, RuleEmitter rule, int slots, Values values, Runnable[] scalars,
            Runnable pushDecay, boolean clearSums, boolean unroll, Part part) {
        if (p.node.fixed()) {
            if (clearSums) {
                emitClear(m, p);
            }
            return;
        }
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
        m.forRange("j", part.rowFrom(), part.rowTo(), unroll, j -> {
            Vec wj = w.row(j);
            Vec gWj = gW.row(j);
            Vec[] sj = new Vec[slots];
            for (int s = 0; s < slots; s++) {
                sj[s] = weightState[s].row(j);
            }
            m.forRange("i", part.columnFrom(), part.columnTo(), unroll, i -> {
                rule.emit(m, wj, gWj, sj, i, scalars, pushDecay);
                if (clearSums) {
                    gWj.storeZero(i);
                }
            });
        });
        m.forRange("j", part.biasFrom(), part.biasTo(), unroll, j -> {
            rule.emit(m, b, gb, biasState, j, scalars, null);
            if (clearSums) {
                gb.storeZero(j);
            }
        });
    }
}
