package nnlang.compiler;

/**
 * Defines one generated class. Each loaded network gets its own loader, so the same name can be
 * loaded again (e.g. after the model changed) and an unused class can be unloaded. The parent must
 * see the runtime ({@code nnlang.runtime}), which generated classes link against.
 */
final class GeneratedClassLoader extends ClassLoader {

    GeneratedClassLoader(ClassLoader parent) {
        super(parent);
    }

    /** Defines {@code bytes} as the class {@code binaryName}. */
    Class<?> define(String binaryName, byte[] bytes) {
        return defineClass(binaryName, bytes, 0, bytes.length);
    }
}
