package nnlang.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.SourceVersion;
import nnlang.model.Diagnostic;
import nnlang.model.SourcePos;

/**
 * Checks the names a generated class is known by in Java: its simple name must be an identifier
 * that is neither a keyword nor a restricted type name, and its package a dotted name of such
 * identifiers outside {@code java}, which only the JDK may define classes in. Only names that pass
 * are ever turned into file paths, so a path built from them cannot leave its output directory.
 * Also the one place where the names of nodes and activations become parts of field and method
 * names ({@link #member}).
 */
final class JavaNames {
    /** Identifiers Java does not allow as the name of a class. */
    private static final Set<String> RESTRICTED_TYPE_NAMES = Set.of("var", "yield", "record", "sealed", "permits");

    private JavaNames() {}

    /** Problems with {@code simpleName} as a class name, reported at {@code pos}. */
    static List<Diagnostic> checkClassName(String simpleName, SourcePos pos) {
        List<Diagnostic> problems = new ArrayList<>();
        if (!isIdentifierShaped(simpleName)) {
            problems.add(new Diagnostic("class-name-invalid", pos,
                    "'" + simpleName + "' is not a Java identifier, so it cannot name a class"));
        } else if (isReserved(simpleName) || RESTRICTED_TYPE_NAMES.contains(simpleName)) {
            problems.add(new Diagnostic("class-name-reserved", pos,
                    "'" + simpleName + "' is reserved in Java and cannot name a class",
                    "rename the network, e.g. to " + Character.toUpperCase(simpleName.charAt(0))
                            + simpleName.substring(1) + "Net"));
        }
        return problems;
    }

    /** Problems with {@code javaPackage} (empty for the unnamed package), reported at {@code pos}. */
    static List<Diagnostic> checkPackage(String javaPackage, SourcePos pos) {
        List<Diagnostic> problems = new ArrayList<>();
        if (javaPackage.isEmpty()) {
            return problems;
        }
        for (String segment : javaPackage.split("\\.", -1)) {
            if (!isIdentifierShaped(segment) || isReserved(segment)) {
                problems.add(new Diagnostic("package-name-invalid", pos,
                        "'" + javaPackage + "' is not a Java package name: '" + segment
                                + "' is not a usable identifier"));
                return problems;
            }
        }
        if (javaPackage.equals("java") || javaPackage.startsWith("java.")) {
            problems.add(new Diagnostic("package-name-prohibited", pos,
                    "classes cannot be defined in package '" + javaPackage + "': 'java' belongs to the JDK"));
        }
        return problems;
    }

    /**
     * {@code name}, a node's or a formula activation's, as part of a JVM field, method or local
     * variable name: the dots of a part's qualified name ({@code first.a.out}), which a JVM member
     * name cannot hold, become {@code $} ({@code first$a$out}). A name in the model is identifiers
     * joined by dots, and {@code $} is no identifier character of the language, so different names
     * stay different.
     */
    static String member(String name) {
        return name.replace('.', '$');
    }

    /** The package part of a binary name ("" when it has none). */
    static String packageOf(String binaryName) {
        int dot = binaryName.lastIndexOf('.');
        return dot < 0 ? "" : binaryName.substring(0, dot);
    }

    /** The simple name part of a binary name. */
    static String simpleNameOf(String binaryName) {
        return binaryName.substring(binaryName.lastIndexOf('.') + 1);
    }

    /**
     * A Java identifier without the characters Java ignores in identifiers (NUL and other controls,
     * format characters): those would make names that differ from what they look like, and a NUL
     * cannot be in a file name at all.
     */
    private static boolean isIdentifierShaped(String s) {
        return SourceVersion.isIdentifier(s) && s.chars().noneMatch(Character::isIdentifierIgnorable);
    }

    private static boolean isReserved(String s) {
        return SourceVersion.isKeyword(s, SourceVersion.RELEASE_17) || s.equals("_");
    }
}
