package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLES;
import static nnlang.compiler.MethodEmitter.INT;
import static nnlang.compiler.MethodEmitter.ROWS;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Emits the copies between a node's row arrays and the flat parameter order (its weights row by row,
 * then its biases, from the node's parameter offset): {@code readParameters_<node>(double[] dst)},
 * {@code writeParameters_<node>(double[] src)} and {@code readGradient_<node>(double[] dst)}.
 */
final class ParameterEmitter {
    private static final Method ARRAYCOPY = Method.getMethod("void arraycopy(Object, int, Object, int, int)");

    private final NetworkClass cls;

    ParameterEmitter(NetworkClass cls) {
        this.cls = cls;
    }

    /** {@code readParameters_<node>} and {@code writeParameters_<node>}. */
    void emitAll(NodePlan p, int offset) {
        emitCopy(p, offset, "readParameters", "w", "b", true);
        emitCopy(p, offset, "writeParameters", "w", "b", false);
    }

    /** {@code readGradient_<node>}. */
    void emitGradient(NodePlan p, int offset) {
        emitCopy(p, offset, "readGradient", "gW", "gb", true);
    }

    /**
     * {@code <phase>_<node>(double[] flat)}: for each row j, System.arraycopy between row j of field
     * {@code rows} and flat[offset + j * fanIn ..], then the field {@code vector} and
     * flat[offset + size * fanIn ..]; into {@code flat} when {@code toFlat}, else out of it.
     */
    private void emitCopy(NodePlan p, int offset, String phase, String rows, String vector, boolean toFlat) {
        MethodEmitter m = cls.method(Opcodes.ACC_PRIVATE, "void " + p.method(phase) + "(double[])",
                toFlat ? "dst" : "src");
        GeneratorAdapter g = m.g;
        int matrix = m.fieldToLocal(p.field(rows), ROWS);
        m.forRange("j", 0, p.size, false, j -> copy(g, toFlat, () -> m.loadElement(matrix, j, DOUBLES), () -> {
            j.push(g);
            g.push(p.fanIn);
            g.math(GeneratorAdapter.MUL, INT);
            g.push(offset);
            g.math(GeneratorAdapter.ADD, INT);
        }, p.fanIn));
        copy(g, toFlat, () -> m.getField(p.field(vector), DOUBLES), () -> g.push(offset + p.size * p.fanIn), p.size);
        m.end();
    }

    /** System.arraycopy between the array {@code pushOwn} pushes (from 0) and argument 0 (from {@code pushFlatIndex}). */
    private static void copy(GeneratorAdapter g, boolean toFlat, Runnable pushOwn, Runnable pushFlatIndex, int length) {
        if (toFlat) {
            pushOwn.run();
            g.push(0);
            g.loadArg(0);
            pushFlatIndex.run();
        } else {
            g.loadArg(0);
            pushFlatIndex.run();
            pushOwn.run();
            g.push(0);
        }
        g.push(length);
        g.invokeStatic(Type.getType(System.class), ARRAYCOPY);
    }
}
