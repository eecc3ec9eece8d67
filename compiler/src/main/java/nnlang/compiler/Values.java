package nnlang.compiler;

import java.util.function.IntSupplier;

/**
 * Where the code being emitted finds one sample's vectors (the input, the target, each node's z, a,
 * dZ, gA and c), the parameters (w, b), their gradient sums (gW, gb) and the optimizer's state. The
 * per-node methods find them in the fields of the generated class ({@link #fields}); a network
 * trained in locals finds them in locals ({@link InLocals}). The emitters ask for every vector and
 * matrix they use before their first loop, so that each array is loaded into a local once.
 */
interface Values {

    /** Node {@code p}'s vector {@code kind}: {@link Buffer#Z}, A, DZ, GA, C (this sample's), B or GB. */
    Vec vector(NodePlan p, Buffer kind);

    /** Node {@code p}'s matrix {@code kind}, {@link Buffer#W} or GW: neuron rows (input columns for a column node). */
    Matrix matrix(NodePlan p, Buffer kind);

    /** Slot {@code slot} of the optimizer's state for node {@code p}'s weights, stored as its weights. */
    Matrix weightState(NodePlan p, int slot);

    /** Slot {@code slot} of the optimizer's state for node {@code p}'s biases. */
    Vec biasState(NodePlan p, int slot);

    /** The sample's input. */
    Vec input();

    /** The sample's target. */
    Vec target();

    /** The arrays of a weight matrix, of its gradient sums or of a slot of its state. */
    @FunctionalInterface
    interface Matrix {
        /** Array j; may emit the code that loads it into a local. Stack unchanged. */
        Vec row(Index j);
    }

    /**
     * The fields of {@code this}, each loaded into a new local when asked for; the input is the array
     * {@code input} loads into a local (called once per {@link #input()}).
     */
    static Values fields(MethodEmitter m, IntSupplier input) {
        return new Values() {
            @Override
            public Vec vector(NodePlan p, Buffer kind) {
                return Vec.array(m, kind.toLocal(m, p));
            }

            @Override
            public Matrix matrix(NodePlan p, Buffer kind) {
                return rows(kind.toLocal(m, p), kind.field(p));
            }

            @Override
            public Matrix weightState(NodePlan p, int slot) {
                String field = Buffer.WEIGHT_STATE.field(p, slot);
                return rows(m.fieldToLocal(field, Buffer.WEIGHT_STATE.type()), field);
            }

            @Override
            public Vec biasState(NodePlan p, int slot) {
                return Vec.array(m, m.fieldToLocal(Buffer.BIAS_STATE.field(p, slot), Buffer.BIAS_STATE.type()));
            }

            private Matrix rows(int rows, String name) {
                return j -> {
                    m.loadElement(rows, j, MethodEmitter.DOUBLES);
                    return Vec.array(m, m.storeNew(name.substring(0, name.indexOf('_')) + "j", MethodEmitter.DOUBLES));
                };
            }

            @Override
            public Vec input() {
                return Vec.array(m, input.getAsInt());
            }

            @Override
            public Vec target() {
                return Vec.array(m, Buffer.TARGET.toLocal(m));
            }
        };
    }

    /** {@link #fields} whose input is the field {@code in}, the training sample's input buffer. */
    static Values fields(MethodEmitter m) {
        return fields(m, () -> Buffer.INPUT.toLocal(m));
    }
}
