package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLES;
import static nnlang.compiler.MethodEmitter.ROWS;

import java.util.function.IntSupplier;

/**
 * Where the code being emitted finds one sample's vectors (the input, the target, each node's z, a,
 * dZ, gA and c), the parameters (w, b) and their gradient sums (gW, gb). The per-node methods find
 * them in the fields of the generated class ({@link #fields}); a network trained in locals finds them
 * in locals ({@link InLocalsEmitter}). The emitters ask for every vector and matrix they use before
 * their first loop, so that each array is loaded into a local once.
 */
interface Values {

    /** Node {@code p}'s vector {@code kind}: one of z, a, dZ, gA, c (this sample's), b, gb. */
    Vec vector(NodePlan p, String kind);

    /** Node {@code p}'s matrix {@code kind}, w or gW: its arrays, neuron rows (input columns for a column node). */
    Matrix matrix(NodePlan p, String kind);

    /** The sample's input. */
    Vec input();

    /** The sample's target. */
    Vec target();

    /** The arrays of a weight matrix or of its gradient sums. */
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
            public Vec vector(NodePlan p, String kind) {
                return Vec.array(m, m.fieldToLocal(p.field(kind), DOUBLES));
            }

            @Override
            public Matrix matrix(NodePlan p, String kind) {
                int rows = m.fieldToLocal(p.field(kind), ROWS);
                return j -> {
                    m.loadElement(rows, j, DOUBLES);
                    return Vec.array(m, m.storeNew(kind + "j", DOUBLES));
                };
            }

            @Override
            public Vec input() {
                return Vec.array(m, input.getAsInt());
            }

            @Override
            public Vec target() {
                return Vec.array(m, m.fieldToLocal(NetworkClass.TARGET_BUFFER, DOUBLES));
            }
        };
    }

    /** {@link #fields} whose input is the field {@code in}, the training sample's input buffer. */
    static Values fields(MethodEmitter m) {
        return fields(m, () -> m.fieldToLocal(NetworkClass.INPUT_BUFFER, DOUBLES));
    }
}
