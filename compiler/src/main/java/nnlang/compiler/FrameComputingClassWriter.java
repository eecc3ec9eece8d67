package nnlang.compiler;

import org.objectweb.asm.ClassWriter;

/**
 * A ClassWriter that computes frames and maximum sizes without loading classes. ASM asks for the
 * common super class of two reference types that meet at a branch target; the default would load
 * them, including the class being generated, which does not exist yet. Generated code only ever
 * merges a reference type with itself (arrays, {@code this}, the samples), so Object is always a
 * correct answer for two different types.
 */
final class FrameComputingClassWriter extends ClassWriter {

    FrameComputingClassWriter() {
        super(ClassWriter.COMPUTE_FRAMES);
    }

    @Override
    protected String getCommonSuperClass(String type1, String type2) {
        return type1.equals(type2) ? type1 : "java/lang/Object";
    }
}
