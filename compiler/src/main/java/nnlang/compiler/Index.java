package nnlang.compiler;

import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * An array index in generated code: either a constant (unrolled code) or an {@code int} local plus a
 * constant offset (loop code). Emit code is written once against this type and serves both shapes.
 */
abstract sealed class Index {

    /** Pushes the index as an {@code int}. Stack: ... -&gt; ..., index. */
    abstract void push(GeneratorAdapter g);

    /** The index plus {@code delta}. */
    abstract Index plus(int delta);

    /** The value of a constant index; unrolled code only. */
    int constantValue() {
        throw new IllegalStateException("not a constant index");
    }

    static Index constant(int value) {
        return new Constant(value);
    }

    static Index local(int slot) {
        return new Local(slot, 0);
    }

    /** An index computed by code of its own, e.g. the sum of two locals. */
    abstract static non-sealed class Computed extends Index {
    }

    /** A compile-time constant index, pushed with the shortest instruction. */
    static final class Constant extends Index {
        final int value;

        Constant(int value) {
            this.value = value;
        }

        @Override
        void push(GeneratorAdapter g) {
            g.push(value);
        }

        @Override
        Index plus(int delta) {
            return new Constant(value + delta);
        }

        @Override
        int constantValue() {
            return value;
        }
    }

    /**
     * An {@code int} local variable plus an offset. With offset 0 it is the plain loop variable,
     * the only form C2 vectorises array accesses with on JDK 17.
     */
    static final class Local extends Index {
        final int slot;
        final int offset;

        Local(int slot, int offset) {
            this.slot = slot;
            this.offset = offset;
        }

        @Override
        void push(GeneratorAdapter g) {
            g.loadLocal(slot);
            if (offset != 0) {
                g.push(offset);
                g.math(GeneratorAdapter.ADD, org.objectweb.asm.Type.INT_TYPE);
            }
        }

        @Override
        Index plus(int delta) {
            return new Local(slot, offset + delta);
        }
    }
}
