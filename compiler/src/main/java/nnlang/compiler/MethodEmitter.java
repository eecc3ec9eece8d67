package nnlang.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * One generated method: a {@link GeneratorAdapter} plus named local variables (written to the
 * LocalVariableTable, so {@code javap -l} and debuggers show them), field access on {@code this}
 * and counted loops that can be unrolled.
 */
final class MethodEmitter {
    static final Type DOUBLE = Type.DOUBLE_TYPE;
    static final Type INT = Type.INT_TYPE;
    static final Type DOUBLES = Type.getType(double[].class);
    static final Type ROWS = Type.getType(double[][].class);
    private static final Type SYSTEM = Type.getType(System.class);
    private static final Method ARRAYCOPY = Method.getMethod("void arraycopy(Object, int, Object, int, int)");
    private static final Type BOXED_DOUBLE = Type.getType(Double.class);
    private static final Method RAW_BITS = Method.getMethod("long doubleToRawLongBits(double)");

    /** The adapter to emit instructions with. */
    final GeneratorAdapter g;
    private final MethodVisitor target;
    private final Type owner;
    private final boolean isStatic;
    private final Method method;
    private final String[] argNames;
    private final Label start = new Label();
    private final Label end = new Label();
    private final List<NamedLocal> locals = new ArrayList<>();

    private record NamedLocal(String name, Type type, int slot) {}

    /** Starts {@code method} in class {@code owner}; {@code argNames} name its arguments in order. */
    MethodEmitter(ClassVisitor cv, Type owner, int access, Method method, String... argNames) {
        this.method = method;
        this.target = cv.visitMethod(access, method.getName(), method.getDescriptor(), null, null);
        this.g = new GeneratorAdapter(target, access, method.getName(), method.getDescriptor());
        this.owner = owner;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.argNames = argNames.clone();
        if (argNames.length != method.getArgumentTypes().length) {
            throw new IllegalArgumentException("argument names do not match " + method);
        }
        g.visitCode();
        g.mark(start);
    }

    /** The class the method belongs to. */
    Type owner() {
        return owner;
    }

    /** A new local variable called {@code name}; returns its slot for load/store. */
    int newLocal(String name, Type type) {
        int slot = g.newLocal(type);
        locals.add(new NamedLocal(name, type, slot));
        return slot;
    }

    /**
     * Copies argument {@code index} into a new local (GeneratorAdapter's local operations only know
     * the locals it created); returns its slot. Stack unchanged.
     */
    int argumentToLocal(int index) {
        g.loadArg(index);
        return storeNew(argNames[index], method.getArgumentTypes()[index]);
    }

    /** Pops a value of {@code type} into a new local called {@code name}. Stack: ..., v -&gt; ... */
    int storeNew(String name, Type type) {
        int slot = newLocal(name, type);
        g.storeLocal(slot);
        return slot;
    }

    /** Pushes field {@code name} of {@code this}. Stack: ... -&gt; ..., this.name */
    void getField(String name, Type type) {
        g.loadThis();
        g.getField(owner, name, type);
    }

    /** Loads field {@code name} of {@code this} into a new local of the same name; returns its slot. */
    int fieldToLocal(String name, Type type) {
        getField(name, type);
        return storeNew(name, type);
    }

    /**
     * Calls {@code System.arraycopy} on its five arguments, already pushed. Stack: ..., src, srcPos,
     * dst, dstPos, length -&gt; ...
     */
    void arraycopy() {
        g.invokeStatic(SYSTEM, ARRAYCOPY);
    }

    /** Calls the instance method {@code descriptor} of this class on {@code this} with the given
     * arguments already pushed after {@code this}. Stack: ..., this, args -&gt; ..., result */
    void invokeOwn(String descriptor) {
        g.invokeVirtual(owner, Method.getMethod(descriptor));
    }

    /**
     * Emits {@code for (i = from; i < to; i += step) body(i)}. Unrolled, the body is emitted once
     * per value with a constant index; otherwise as a counted loop over a new {@code int} local
     * called {@code name}. The body must leave the stack as it found it.
     */
    void forRange(String name, int from, int to, int step, boolean unroll, Consumer<Index> body) {
        if (from >= to) {
            return;
        }
        if (unroll || from + step >= to) {
            for (int i = from; i < to; i += step) {
                body.accept(Index.constant(i));
            }
            return;
        }
        int i = newLocal(name, INT);
        g.push(from);
        g.storeLocal(i);
        loop(i, step, body, loop -> {
            g.loadLocal(i);
            g.push(to);
            g.ifICmp(GeneratorAdapter.LT, loop);
        });
    }

    /**
     * Emits {@code while (s + step <= limit) { body(s); s += step; }} for the {@code int} locals
     * {@code s} and {@code limit}; {@code s} is left at the first index not handled, so that a second
     * call with a smaller step can take the remainder. The body must leave the stack as it found it.
     */
    void forBlocks(int s, int limit, int step, Consumer<Index> body) {
        loop(s, step, body, loop -> {
            g.loadLocal(s);
            g.push(step);
            g.math(GeneratorAdapter.ADD, INT);
            g.loadLocal(limit);
            g.ifICmp(GeneratorAdapter.LE, loop);
        });
    }

    /**
     * Emits a loop over samples 0 .. count-1 ({@code count} an {@code int} local) in blocks of
     * {@code block} while a whole block fits, then one by one: {@code body(first, size)} for each block.
     */
    void forSampleBlocks(int count, int block, BiConsumer<Index, Integer> body) {
        int s = newLocal("s", INT);
        g.push(0);
        g.storeLocal(s);
        if (block > 1) {
            forBlocks(s, count, block, first -> body.accept(first, block));
        }
        forBlocks(s, count, 1, first -> body.accept(first, 1));
    }

    /**
     * Loads {@code rows[first + k]} for k in [0, count) from the {@code double[][]} in local
     * {@code rows} into new locals {@code name + k}; returns their slots. Stack unchanged.
     */
    int[] loadRows(int rows, Index first, int count, String name) {
        int[] slots = new int[count];
        for (int k = 0; k < count; k++) {
            loadElement(rows, first.plus(k), DOUBLES);
            slots[k] = storeNew(name + k, DOUBLES);
        }
        return slots;
    }

    /** Jump to the test; the body; i += step; the test, which {@code test} emits with the body's label to jump back to. */
    private void loop(int i, int step, Consumer<Index> body, Consumer<Label> test) {
        Label check = new Label();
        Label start = new Label();
        g.goTo(check);
        g.mark(start);
        body.accept(Index.local(i));
        g.iinc(i, step);
        g.mark(check);
        test.accept(start);
    }

    /**
     * {@code for (i = from; i < to; i++) body(i)} for bounds that are constants (then exactly
     * {@link #forRange(String, int, int, boolean, Consumer)}) or computed at run time, e.g. a
     * thread's part of a node's rows ({@link Part}), which is never unrolled.
     */
    void forRange(String name, Index from, Index to, boolean unroll, Consumer<Index> body) {
        if (from instanceof Index.Constant f && to instanceof Index.Constant t) {
            forRange(name, f.value, t.value, 1, unroll, body);
            return;
        }
        int i = newLocal(name, INT);
        from.push(g);
        g.storeLocal(i);
        loop(i, 1, body, loop -> {
            g.loadLocal(i);
            to.push(g);
            g.ifICmp(GeneratorAdapter.LT, loop);
        });
    }

    /** {@link #forRange(String, int, int, int, boolean, Consumer)} with step 1. */
    void forRange(String name, int from, int to, boolean unroll, Consumer<Index> body) {
        forRange(name, from, to, 1, unroll, body);
    }

    /** Loads {@code array[index]} for the array in local {@code array}. Stack: ... -&gt; ..., value */
    void loadElement(int array, Index index, Type elementType) {
        g.loadLocal(array);
        index.push(g);
        g.arrayLoad(elementType);
    }

    /** Writes the value in local {@code value} to {@code array[index]}. Stack unchanged. */
    void storeElement(int array, Index index, int value) {
        g.loadLocal(array);
        index.push(g);
        g.loadLocal(value);
        g.arrayStore(g.getLocalType(value));
    }

    /**
     * {@code array[index] = array[index] + value} for a double array in local {@code array}, where
     * {@code pushValue} emits code that pushes the value. Stack unchanged.
     */
    void addToElement(int array, Index index, Runnable pushValue) {
        g.loadLocal(array);
        index.push(g);
        g.dup2();
        g.arrayLoad(DOUBLE);
        pushValue.run();
        g.math(GeneratorAdapter.ADD, DOUBLE);
        g.arrayStore(DOUBLE);
    }

    /**
     * {@code if (v[0] != 0.0 || v[1] != 0.0 || ...) body} for the double locals {@code values}; with
     * none, just the body. One branch, on the values' bits or-ed together without their sign bits
     * (so -0.0 counts as 0.0 and NaN as not), rather than one per value: on MNIST images, whose zero
     * pixels a branch per value could not predict, that made a 784-30-10 batch of 10 about a tenth
     * faster. The body must leave the stack as it found it.
     */
    void unlessAllZero(int[] values, Runnable body) {
        if (values.length == 0) {
            body.run();
            return;
        }
        Label skip = new Label();
        for (int k = 0; k < values.length; k++) {
            g.loadLocal(values[k]);
            g.invokeStatic(BOXED_DOUBLE, RAW_BITS);
            if (k > 0) {
                g.math(GeneratorAdapter.OR, Type.LONG_TYPE);
            }
        }
        g.push(1);
        g.math(GeneratorAdapter.SHL, Type.LONG_TYPE);
        g.push(0L);
        g.ifCmp(Type.LONG_TYPE, GeneratorAdapter.EQ, skip);
        body.run();
        g.mark(skip);
    }

    /** {@code array[index] = 0.0} for a double array in local {@code array}. Stack unchanged. */
    void storeZero(int array, Index index) {
        g.loadLocal(array);
        index.push(g);
        g.push(0.0);
        g.arrayStore(DOUBLE);
    }

    /** Ends the method: returns (void methods), writes the local variable names, computes sizes. */
    void end() {
        if (method.getReturnType().equals(Type.VOID_TYPE)) {
            g.returnValue();
        }
        g.mark(end);
        int slot = 0;
        if (!isStatic) {
            target.visitLocalVariable("this", owner.getDescriptor(), null, start, end, slot++);
        }
        Type[] args = method.getArgumentTypes();
        for (int k = 0; k < args.length; k++) {
            target.visitLocalVariable(argNames[k], args[k].getDescriptor(), null, start, end, slot);
            slot += args[k].getSize();
        }
        for (NamedLocal l : locals) {
            target.visitLocalVariable(l.name, l.type.getDescriptor(), null, start, end, l.slot);
        }
        g.endMethod();
    }
}
