package nnlang.compiler;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import nnlang.model.Diagnostic;
import nnlang.model.NetworkModel;
import nnlang.runtime.Network;

/**
 * Compiles a checked {@link NetworkModel} into a final JVM class implementing {@link Network},
 * specialised to that one network: every size a constant, the activation and its derivative inline,
 * small nodes straight-line code, large ones tight loops over one array per neuron row. It computes
 * exactly what the interpreter computes, bit for bit (see the canonical operation order in
 * {@code nnlang.runtime}). Parameters are never part of the class: they come through
 * {@link Network#setParameters} or the parameter file {@code trained()} reads.
 */
public final class NetworkCompiler {

    private NetworkCompiler() {}

    /**
     * The class file of a class called {@code binaryName} (e.g. {@code "org.example.Xor"}; the package
     * may be empty) for {@code model}.
     *
     * @throws IllegalArgumentException when {@code binaryName} is not a valid class name
     */
    public static byte[] compile(NetworkModel model, String binaryName) {
        return compile(model, binaryName, CompilerOptions.DEFAULT);
    }

    /** {@link #compile(NetworkModel, String)} with explicit code-shape options (they never change results). */
    static byte[] compile(NetworkModel model, String binaryName, CompilerOptions options) {
        List<Diagnostic> problems = new ArrayList<>(
                JavaNames.checkClassName(JavaNames.simpleNameOf(binaryName), model.pos()));
        problems.addAll(JavaNames.checkPackage(JavaNames.packageOf(binaryName), model.pos()));
        requireNone(problems);
        return ClassGenerator.generate(model, binaryName, options);
    }

    /**
     * Compiles {@code model} as a class named after the network in the unnamed package, defines it in
     * a class loader of its own and returns a new instance (all parameters 0.0).
     *
     * @throws IllegalArgumentException when the network's name cannot name a class
     */
    public static Network load(NetworkModel model) {
        return load(model, CompilerOptions.DEFAULT);
    }

    /** {@link #load(NetworkModel)} with explicit code-shape options. */
    static Network load(NetworkModel model, CompilerOptions options) {
        return instances(model, options).get();
    }

    /**
     * Compiles {@code model} as {@link #load} does, once, and returns a supplier of new instances of
     * that one class (all parameters 0.0), e.g. one per thread.
     *
     * @throws IllegalArgumentException when the network's name cannot name a class
     */
    public static Supplier<Network> instances(NetworkModel model) {
        return instances(model, CompilerOptions.DEFAULT);
    }

    private static Supplier<Network> instances(NetworkModel model, CompilerOptions options) {
        byte[] bytes = compile(model, model.name(), options);
        Class<?> type = new GeneratedClassLoader(NetworkCompiler.class.getClassLoader()).define(model.name(), bytes);
        return () -> {
            try {
                return (Network) type.getDeclaredConstructor().newInstance();
            } catch (InvocationTargetException | InstantiationException | IllegalAccessException
                     | NoSuchMethodException e) {
                throw new IllegalStateException("generated class " + model.name() + " cannot be instantiated", e);
            }
        };
    }

    /**
     * Writes the class for {@code model} in {@code javaPackage} ("" for none) to
     * {@code <outDir>/<package path>/<Name>.class}, creating directories, and returns that file. The
     * path is made only of validated identifiers, so it never leaves {@code outDir}.
     *
     * @throws IllegalArgumentException when {@link #check} reports problems
     */
    public static Path write(NetworkModel model, String javaPackage, Path outDir) throws IOException {
        requireNone(check(model, javaPackage));
        String binaryName = javaPackage.isEmpty() ? model.name() : javaPackage + "." + model.name();
        byte[] bytes = compile(model, binaryName);
        Path root = outDir.toAbsolutePath().normalize();
        Path dir = root;
        if (!javaPackage.isEmpty()) {
            for (String segment : javaPackage.split("\\.")) {
                dir = dir.resolve(segment);
            }
        }
        Path file = dir.resolve(model.name() + ".class").normalize();
        if (!file.startsWith(root) || !file.getParent().equals(dir)) {
            throw new IllegalArgumentException(file + " is not inside " + root);
        }
        Files.createDirectories(dir);
        Files.write(file, bytes);
        return file;
    }

    /**
     * The problems that keep {@code model} from being compiled as a class in {@code javaPackage}: a
     * network name that is not a usable Java class name, a package name that is not a valid dotted
     * Java name or lies in {@code java}. All are reported at the network's position; empty when fine.
     */
    public static List<Diagnostic> check(NetworkModel model, String javaPackage) {
        List<Diagnostic> problems = new ArrayList<>(JavaNames.checkClassName(model.name(), model.pos()));
        problems.addAll(JavaNames.checkPackage(javaPackage, model.pos()));
        return problems;
    }

    private static void requireNone(List<Diagnostic> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.stream()
                    .map(d -> d.format(List.of()))
                    .collect(Collectors.joining("\n")));
        }
    }
}
