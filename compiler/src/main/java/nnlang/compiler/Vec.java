package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;

import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * A vector of doubles as the method being emitted holds it: the elements of an array whose reference
 * is in a local, or one double local per element. Emit code written against this type serves both:
 * the per-node methods keep a node's values in its arrays; a network trained in locals
 * ({@link InLocalsEmitter}) keeps every value of a sample, every parameter and every gradient sum in
 * locals, which C2 keeps in registers. The arithmetic emitted is the same either way; only loads and
 * stores differ.
 */
abstract sealed class Vec {
    final MethodEmitter m;

    private Vec(MethodEmitter m) {
        this.m = m;
    }

    /** The elements of the {@code double[]} in local {@code array}. */
    static Vec array(MethodEmitter m, int array) {
        return new InArray(m, array);
    }

    /** {@code size} new double locals {@code name0 .. name<size-1>}, uninitialised. */
    static Vec locals(MethodEmitter m, String name, int size) {
        int[] slots = new int[size];
        for (int k = 0; k < size; k++) {
            slots[k] = m.newLocal(name + k, DOUBLE);
        }
        return new InLocals(m, slots);
    }

    /** Pushes element i. Stack: ... -&gt; ..., v_i. */
    abstract void push(Index i);

    /** v_i = the double {@code value} pushes. Stack unchanged. */
    abstract void store(Index i, Runnable value);

    /** v_i = v_i + the double {@code term} pushes. Stack unchanged. */
    abstract void add(Index i, Runnable term);

    /** v_i = 0.0. Stack unchanged. */
    void storeZero(Index i) {
        store(i, () -> m.g.push(0.0));
    }

    /** Copies elements [0, length) into the {@code double[]} in local {@code array}. Stack unchanged. */
    void copyTo(int array, int length) {
        for (int k = 0; k < length; k++) {
            Index i = Index.constant(k);
            m.g.loadLocal(array);
            i.push(m.g);
            push(i);
            m.g.arrayStore(DOUBLE);
        }
    }

    /** Sets elements [0, length) from the {@code double[]} in local {@code array}. Stack unchanged. */
    void copyFrom(int array, int length) {
        for (int k = 0; k < length; k++) {
            Index i = Index.constant(k);
            store(i, () -> m.loadElement(array, i, DOUBLE));
        }
    }

    /** The local holding the array, or -1 when the elements are locals. */
    int arraySlot() {
        return -1;
    }

    private static final class InArray extends Vec {
        private final int array;

        InArray(MethodEmitter m, int array) {
            super(m);
            this.array = array;
        }

        @Override
        void push(Index i) {
            m.loadElement(array, i, DOUBLE);
        }

        @Override
        void store(Index i, Runnable value) {
            m.g.loadLocal(array);
            i.push(m.g);
            value.run();
            m.g.arrayStore(DOUBLE);
        }

        @Override
        void add(Index i, Runnable term) {
            m.addToElement(array, i, term);
        }

        @Override
        void storeZero(Index i) {
            m.storeZero(array, i);
        }

        @Override
        int arraySlot() {
            return array;
        }
    }

    /** Straight-line code only: every index is a constant. */
    private static final class InLocals extends Vec {
        private final int[] slots;

        InLocals(MethodEmitter m, int[] slots) {
            super(m);
            this.slots = slots;
        }

        @Override
        void push(Index i) {
            m.g.loadLocal(slots[i.constantValue()]);
        }

        @Override
        void store(Index i, Runnable value) {
            value.run();
            m.g.storeLocal(slots[i.constantValue()]);
        }

        @Override
        void add(Index i, Runnable term) {
            int slot = slots[i.constantValue()];
            m.g.loadLocal(slot);
            term.run();
            m.g.math(GeneratorAdapter.ADD, DOUBLE);
            m.g.storeLocal(slot);
        }
    }
}
