package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;
import static nnlang.compiler.MethodEmitter.DOUBLES;
import static nnlang.compiler.MethodEmitter.INT;

import java.util.Objects;
import nnlang.model.NetworkModel;
import nnlang.runtime.Samples;
import nnlang.runtime.data.DenseSamples;
import org.objectweb.asm.Label;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Reads the samples of a network trained in locals ({@link InLocals}) into locals: straight from a
 * {@link DenseSamples}' arrays, or through {@link Samples#input} and {@link Samples#target}. Made
 * before the loop, it loads the arrays of a {@code DenseSamples} (null for other samples), the
 * number of samples and the {@code in} and {@code y} buffers.
 */
final class LocalsSampleReader {
    private static final Type DENSE = Type.getType(DenseSamples.class);
    private static final Type SAMPLES = Type.getType(Samples.class);
    private static final Type OBJECTS = Type.getType(Objects.class);

    private final MethodEmitter m;
    private final NetworkModel model;
    private final int inputs;
    private final int targets;
    private final int size;
    private final int inBuffer;
    private final int yBuffer;
    private final int index;

    LocalsSampleReader(MethodEmitter m, NetworkModel model) {
        this.m = m;
        this.model = model;
        GeneratorAdapter g = m.g;
        g.push((Type) null);
        inputs = m.storeNew("denseInputs", DOUBLES);
        g.push((Type) null);
        targets = m.storeNew("denseTargets", DOUBLES);
        Label other = new Label();
        g.loadArg(0);
        g.instanceOf(DENSE);
        g.ifZCmp(GeneratorAdapter.EQ, other);
        g.loadArg(0);
        g.checkCast(DENSE);
        g.invokeVirtual(DENSE, Method.getMethod("double[] inputValues()"));
        g.storeLocal(inputs);
        g.loadArg(0);
        g.checkCast(DENSE);
        g.invokeVirtual(DENSE, Method.getMethod("double[] targetValues()"));
        g.storeLocal(targets);
        g.mark(other);
        g.loadArg(0);
        g.invokeInterface(SAMPLES, Method.getMethod("int size()"));
        size = m.storeNew("samples", INT);
        inBuffer = m.fieldToLocal(Buffer.INPUT.field(), DOUBLES);
        yBuffer = m.fieldToLocal(Buffer.TARGET.field(), DOUBLES);
        index = m.newLocal("index", INT);
    }

    /**
     * For samples first .. first+count-1 of the batch, index = order[from + s] and the sample's input
     * and target elements into the locals of {@code values[s - first]}: straight from the dense
     * arrays, the index checked against the number of samples as {@code DenseSamples} checks it,
     * or else through {@link Samples#input} and {@link Samples#target} into the buffers and from
     * them. One test per block chooses. Stack unchanged.
     */
    void read(Index first, int count, Values[] values) {
        GeneratorAdapter g = m.g;
        Label other = new Label();
        Label done = new Label();
        int base = m.newLocal("base", INT);
        g.loadLocal(inputs);
        g.ifNull(other);
        for (int k = 0; k < count; k++) {
            loadIndex(first.plus(k));
            g.loadLocal(index);
            g.loadLocal(size);
            g.invokeStatic(OBJECTS, Method.getMethod("int checkIndex(int, int)"));
            g.storeLocal(base);
            load(values[k].input(), inputs, base, model.inputSize());
            load(values[k].target(), targets, base, model.outputSize());
        }
        g.goTo(done);
        g.mark(other);
        g.push(0);
        g.storeLocal(base);
        for (int k = 0; k < count; k++) {
            loadIndex(first.plus(k));
            g.loadArg(0);
            g.loadLocal(index);
            g.loadLocal(inBuffer);
            g.invokeInterface(SAMPLES, Method.getMethod("void input(int, double[])"));
            g.loadArg(0);
            g.loadLocal(index);
            g.loadLocal(yBuffer);
            g.invokeInterface(SAMPLES, Method.getMethod("void target(int, double[])"));
            load(values[k].input(), inBuffer, -1, model.inputSize());
            load(values[k].target(), yBuffer, -1, model.outputSize());
        }
        g.mark(done);
    }

    /** index = order[from + s]. Stack unchanged. */
    private void loadIndex(Index s) {
        GeneratorAdapter g = m.g;
        g.loadArg(1);
        g.loadArg(2);
        s.push(g);
        g.math(GeneratorAdapter.ADD, INT);
        g.arrayLoad(INT);
        g.storeLocal(index);
    }

    /**
     * v_i = array[row * width + i] for i in [0, width), row the int local {@code row} (array[i]
     * when row is -1). Stack unchanged.
     */
    private void load(Vec v, int array, int row, int width) {
        GeneratorAdapter g = m.g;
        for (int i = 0; i < width; i++) {
            int element = i;
            v.store(Index.constant(i), () -> {
                g.loadLocal(array);
                if (row >= 0) {
                    g.loadLocal(row);
                    g.push(width);
                    g.math(GeneratorAdapter.MUL, INT);
                    if (element != 0) {
                        g.push(element);
                        g.math(GeneratorAdapter.ADD, INT);
                    }
                } else {
                    g.push(element);
                }
                g.arrayLoad(DOUBLE);
            });
        }
    }
}
