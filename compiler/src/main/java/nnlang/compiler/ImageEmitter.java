package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;
import static nnlang.compiler.MethodEmitter.DOUBLES;
import static nnlang.compiler.MethodEmitter.INT;
import static nnlang.compiler.MethodEmitter.ROWS;

import java.util.function.Consumer;
import nnlang.model.BuiltinActivation;
import nnlang.model.Conv;
import nnlang.model.Pool;
import org.objectweb.asm.Label;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * The geometry and scratch arrays shared by the emitters of image nodes ({@link ConvEmitter},
 * {@link PoolEmitter}): every shape, stride and offset is a constant of the generated code. An image
 * of C × H × W is stored flat (channel, row, column), as the model says; a padded conv first copies
 * its input into a zero-bordered image of C × (H + pt + pb) × (W + pl + pr), whose border is never
 * written, so that every kernel position lies inside it.
 */
final class ImageEmitter {
    static final Type INTS = Type.getType(int[].class);
    private static final Method FILL = Method.getMethod("void fill(double[], double)");
    private static final Type ARRAYS = Type.getType(java.util.Arrays.class);

    private ImageEmitter() {}

    /** The image a conv or pool reads, padded or not, and its output. */
    record Geometry(int channels, int height, int width, int kernelHeight, int kernelWidth, int strideY, int strideX,
                    int padTop, int padLeft, int paddedHeight, int paddedWidth, int outputHeight, int outputWidth) {

        static Geometry of(NodePlan p) {
            if (p.image instanceof Conv c) {
                return new Geometry(c.channels(), c.inputHeight(), c.inputWidth(), c.kernelHeight(), c.kernelWidth(),
                        c.strideY(), c.strideX(), c.padTop(), c.padLeft(), c.inputHeight() + c.padTop() + c.padBottom(),
                        c.inputWidth() + c.padLeft() + c.padRight(), c.outputHeight(), c.outputWidth());
            }
            Pool q = (Pool) p.image;
            return new Geometry(q.channels(), q.inputHeight(), q.inputWidth(), q.kernelHeight(), q.kernelWidth(),
                    q.strideY(), q.strideX(), 0, 0, q.inputHeight(), q.inputWidth(), q.outputHeight(), q.outputWidth());
        }

        boolean padded() {
            return paddedHeight != height || paddedWidth != width;
        }

        /** Output positions per channel. */
        int positions() {
            return outputHeight * outputWidth;
        }

        /** Values under a kernel: C · kh · kw. */
        int kernelSize() {
            return channels * kernelHeight * kernelWidth;
        }

        int paddedSize() {
            return channels * paddedHeight * paddedWidth;
        }
    }

    /** Declares node {@code p}'s scratch fields and allocates them in the allocation method {@code m}. */
    static void allocate(ClassGenerator cls, MethodEmitter m, NodePlan p) {
        allocate(cls, m, p, true);
    }

    /**
     * The arrays of {@link #allocate}, new, into fields already declared: a serving copy's own
     * scratch space ({@code CompiledNetwork}).
     */
    static void reallocate(ClassGenerator cls, MethodEmitter m, NodePlan p) {
        allocate(cls, m, p, false);
    }

    private static void allocate(ClassGenerator cls, MethodEmitter m, NodePlan p, boolean declare) {
        Geometry geo = Geometry.of(p);
        if (geo.padded()) {
            array(cls, m, Buffer.PADDED.field(p), DOUBLES, geo.paddedSize(), declare);
        }
        if (p.image instanceof Conv conv) {
            rows(cls, m, Buffer.VIEW.field(p), geo.kernelSize(), geo.positions(), declare);
            rows(cls, m, Buffer.PLANE.field(p), conv.filters(), geo.positions(), declare);
            if (cls.plan().trainable) {
                rows(cls, m, Buffer.PATCH.field(p), geo.positions(), geo.kernelSize(), declare);
                array(cls, m, Buffer.TERMS.field(p), DOUBLES, geo.kernelSize(), declare);
                int list = Math.max(geo.positions(), conv.filters());
                array(cls, m, Buffer.LIST_INDEX.field(p), INTS, list, declare);
                array(cls, m, Buffer.LIST_VALUE.field(p), DOUBLES, list, declare);
                if (geo.padded()) {
                    array(cls, m, Buffer.PADDED_DX.field(p), DOUBLES, geo.paddedSize(), declare);
                }
            }
        }
    }

    private static void array(ClassGenerator cls, MethodEmitter m, String name, Type type, int length, boolean declare) {
        if (declare) {
            cls.field(name, type);
        }
        m.g.loadThis();
        m.g.push(length);
        m.g.newArray(type.getElementType());
        m.g.putField(cls.owner(), name, type);
    }

    private static void rows(ClassGenerator cls, MethodEmitter m, String name, int count, int length, boolean declare) {
        if (declare) {
            cls.field(name, ROWS);
        }
        m.g.loadThis();
        m.g.push(count);
        m.g.push(length);
        m.g.visitMultiANewArrayInsn(ROWS.getDescriptor(), 2);
        m.g.putField(cls.owner(), name, ROWS);
    }

    /**
     * Leaves in a new local the image a node reads, padded when it has padding: {@code x} itself, or the
     * padded scratch array with the image copied inside its border, row by row. Stack unchanged.
     */
    static int paddedImage(MethodEmitter m, NodePlan p, Geometry geo, int x) {
        if (!geo.padded()) {
            return x;
        }
        int padded = m.fieldToLocal(Buffer.PADDED.field(p), DOUBLES);
        m.forRange("c", 0, geo.channels(), false, c -> m.forRange("iy", 0, geo.height(), false, iy -> {
            m.g.loadLocal(x);
            pushIndex(m, c, geo.height(), iy, 0, geo.width(), 0);
            m.g.loadLocal(padded);
            pushIndex(m, c, geo.paddedHeight(), iy, geo.padTop(), geo.paddedWidth(), geo.padLeft());
            m.g.push(geo.width());
            m.arraycopy();
        }));
        return padded;
    }

    /** Pushes ((c · height + row + rowOffset) · width + columnOffset). Stack: ... -&gt; ..., index. */
    static void pushIndex(MethodEmitter m, Index c, int height, Index row, int rowOffset, int width, int columnOffset) {
        GeneratorAdapter g = m.g;
        c.push(g);
        g.push(height);
        g.math(GeneratorAdapter.MUL, INT);
        row.push(g);
        g.math(GeneratorAdapter.ADD, INT);
        if (rowOffset != 0) {
            g.push(rowOffset);
            g.math(GeneratorAdapter.ADD, INT);
        }
        g.push(width);
        g.math(GeneratorAdapter.MUL, INT);
        if (columnOffset != 0) {
            g.push(columnOffset);
            g.math(GeneratorAdapter.ADD, INT);
        }
    }

    /** Pushes {@code index · factor + offset} for an int index. Stack: ... -&gt; ..., value. */
    static void pushScaled(MethodEmitter m, Index index, int factor, int offset) {
        index.push(m.g);
        if (factor != 1) {
            m.g.push(factor);
            m.g.math(GeneratorAdapter.MUL, INT);
        }
        if (offset != 0) {
            m.g.push(offset);
            m.g.math(GeneratorAdapter.ADD, INT);
        }
    }

    /** Pops an int into a new local called {@code name}; returns it. */
    static int storeInt(MethodEmitter m, String name) {
        return m.storeNew(name, INT);
    }

    /** {@code java.util.Arrays.fill(array, 0.0)} for the double[] in local {@code array}. Stack unchanged. */
    static void fillZero(MethodEmitter m, int array) {
        m.g.loadLocal(array);
        m.g.push(0.0);
        m.g.invokeStatic(ARRAYS, FILL);
    }

    /**
     * z = plane_f[p] + b_f and a = f(z) for every output element (f, p), from the plane arrays in local
     * {@code planes}; softmax afterwards over the whole flat vector. Stack unchanged.
     */
    static void finish(MethodEmitter m, NodePlan p, int planes, int filters, int positions) {
        GeneratorAdapter g = m.g;
        int z = Buffer.Z.toLocal(m, p);
        int a = Buffer.A.toLocal(m, p);
        int b = Buffer.B.toLocal(m, p);
        int plane = m.newLocal("plane", DOUBLES);
        int bias = m.newLocal("bf", DOUBLE);
        int base = m.newLocal("base", INT);
        m.forRange("f", 0, filters, false, f -> {
            m.loadElement(planes, f, DOUBLES);
            g.storeLocal(plane);
            m.loadElement(b, f, DOUBLE);
            g.storeLocal(bias);
            pushScaled(m, f, positions, 0);
            g.storeLocal(base);
            m.forRange("p", 0, positions, false, q -> {
                m.loadElement(plane, q, DOUBLE);
                g.loadLocal(bias);
                g.math(GeneratorAdapter.ADD, DOUBLE);
                int zj = m.storeNew("zj", DOUBLE);
                Runnable index = () -> {
                    g.loadLocal(base);
                    q.push(g);
                    g.math(GeneratorAdapter.ADD, INT);
                };
                g.loadLocal(z);
                index.run();
                g.loadLocal(zj);
                g.arrayStore(DOUBLE);
                if (p.activation.isElementwise()) {
                    g.loadLocal(a);
                    index.run();
                    ActivationEmitter.apply(m, p.activation, zj);
                    g.arrayStore(DOUBLE);
                }
            });
        });
        if (!p.activation.isElementwise()) {
            g.loadLocal(z);
            g.loadLocal(a);
            g.push(0);
            g.push(p.size);
            g.invokeStatic(Type.getType(BuiltinActivation.class),
                    Method.getMethod("void softmax(double[], double[], int, int)"));
        }
    }

    /**
     * Adds the node's propagated gradient {@code dX} (the double[] in local {@code dx}, the length of its
     * input vector) into the gA of each source that is a node, slice by slice. Stack unchanged.
     */
    static void addToSources(MethodEmitter m, NetworkPlan plan, NodePlan p, int dx) {
        for (NodePlan.Slice s : p.slices) {
            if (s.source().isInput()) {
                continue;
            }
            int gA = Buffer.GA.toLocal(m, plan.plan(s.source().node()));
            m.forRange("t", 0, s.source().length(), false,
                    t -> m.addToElement(gA, t.plus(s.source().offset()), () -> m.loadElement(dx, t.plus(s.xOffset()), DOUBLE)));
        }
    }

    /**
     * {@code if (value != 0.0) body} for the double in local {@code value}. The body must leave the stack
     * as it found it.
     */
    static void unlessZero(MethodEmitter m, int value, Runnable body) {
        Label skip = new Label();
        m.g.loadLocal(value);
        m.g.push(0.0);
        m.g.ifCmp(DOUBLE, GeneratorAdapter.EQ, skip);
        body.run();
        m.g.mark(skip);
    }

    /**
     * Appends the double in local {@code value} and the int {@code index} pushes to the lists in locals
     * {@code indices} and {@code values} at the int local {@code count}, which then counts it when the
     * value is not ±0.0: the element is written either way and the count computed from the value's bits,
     * so that no branch depends on the data.
     * Stack unchanged.
     */
    static void appendUnlessZero(MethodEmitter m, int indices, int values, int count, Consumer<GeneratorAdapter> index,
            int value) {
        GeneratorAdapter g = m.g;
        g.loadLocal(indices);
        g.loadLocal(count);
        index.accept(g);
        g.arrayStore(INT);
        g.loadLocal(values);
        g.loadLocal(count);
        g.loadLocal(value);
        g.arrayStore(DOUBLE);
        // count += 1 unless the value is ±0.0: with b = the value's bits shifted left by one (the sign
        // dropped), b is 0 exactly for ±0.0, and (b | -b) >>> 63 is 1 for any other b, 0 for 0.
        g.loadLocal(count);
        g.loadLocal(value);
        g.invokeStatic(Type.getType(Double.class), Method.getMethod("long doubleToRawLongBits(double)"));
        g.push(1);
        g.math(GeneratorAdapter.SHL, Type.LONG_TYPE);
        g.dup2();
        g.math(GeneratorAdapter.NEG, Type.LONG_TYPE);
        g.math(GeneratorAdapter.OR, Type.LONG_TYPE);
        g.push(63);
        g.math(GeneratorAdapter.USHR, Type.LONG_TYPE);
        g.cast(Type.LONG_TYPE, INT);
        g.math(GeneratorAdapter.ADD, INT);
        g.storeLocal(count);
    }
}
