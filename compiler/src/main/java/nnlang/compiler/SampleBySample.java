package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLES;
import static nnlang.compiler.MethodEmitter.INT;

import nnlang.runtime.Samples;
import org.objectweb.asm.Label;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * A mini-batch trained one sample at a time over the class's arrays: for each sample in batch order,
 * {@code Samples.input/target} into {@code in} and {@code y}, {@code forward(in)} (when a node drops
 * out, {@code drawMasks()} and {@code forwardTraining(in)}), its cost added to the batch's,
 * {@code backward()}, which adds its gradient to the sums.
 */
final class SampleBySample extends ArraysStrategy {
    private static final Type SAMPLES = Type.getType(Samples.class);

    SampleBySample(ClassGenerator cls) {
        super(cls);
    }

    @Override
    protected void emitSamples(MethodEmitter m, int batchCost) {
        GeneratorAdapter g = m.g;
        int s = m.newLocal("s", INT);
        int index = m.newLocal("index", INT);
        g.loadArg(2);
        g.storeLocal(s);
        Label loop = new Label();
        Label test = new Label();
        g.goTo(test);
        g.mark(loop);
        g.loadArg(1);
        g.loadLocal(s);
        g.arrayLoad(INT);
        g.storeLocal(index);
        readSample(m, index, "void input(int, double[])", Buffer.INPUT);
        readSample(m, index, "void target(int, double[])", Buffer.TARGET);
        if (plan.dropsOut) {
            g.loadThis();
            m.invokeOwn("void drawMasks()");
        }
        g.loadThis();
        m.getField(Buffer.INPUT.field(), DOUBLES);
        m.invokeOwn(plan.dropsOut ? "void forwardTraining(double[])" : "void forward(double[])");
        addSampleCost(m, batchCost);
        g.loadThis();
        m.invokeOwn("void backward()");
        g.iinc(s, 1);
        g.mark(test);
        g.loadLocal(s);
        g.loadArg(3);
        g.ifICmp(GeneratorAdapter.LT, loop);
    }

    /** {@code data.<descriptor>(index, this.<buffer>)}. Stack unchanged. */
    private static void readSample(MethodEmitter m, int index, String descriptor, Buffer buffer) {
        m.g.loadArg(0);
        m.g.loadLocal(index);
        m.getField(buffer.field(), DOUBLES);
        m.g.invokeInterface(SAMPLES, Method.getMethod(descriptor));
    }
}
