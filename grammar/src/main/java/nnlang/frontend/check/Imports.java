package nnlang.frontend.check;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nnlang.frontend.parser.SourceParser;
import nnlang.frontend.syntax.ImportDecl;

/**
 * The import pass: reads and parses the file checked and, depth first, every file it imports
 * ({@code import "gates.nn"}, relative to the importing file's folder), each file once however
 * often it is imported, without recursion however long the chain; a file's text is the one
 * {@code CheckOptions.sources} gives for its path, else what the file holds. Reports, at the import line,
 * {@code import-not-found} (no such file, or not a valid path), {@code unreadable-file} and
 * {@code import-cycle} (with the path of files, {@code a.nn -> b.nn -> a.nn}; in the first file of
 * the cycle, the file checked when it is in the cycle).
 */
final class Imports {
    private final Map<Path, SourceFile> files = new HashMap<>();
    /** Files whose imports are being loaded: an import of one of them closes a cycle. */
    private final List<SourceFile> inProgress = new ArrayList<>();
    private final Set<SourceFile> inProgressSet = new HashSet<>();
    private final List<SourceFile> postOrder = new ArrayList<>();
    private final Set<SourceFile> done = new HashSet<>();
    /** Per file in progress, the import being followed from it. */
    private final Map<SourceFile, ImportDecl> following = new HashMap<>();
    /** Texts read instead of the files at their paths. */
    private final Map<Path, String> sources;

    private Imports(Map<Path, String> sources) {
        this.sources = sources;
    }

    /**
     * The file {@code root} and every file it imports, parsed, imports before the files that import
     * them (the root last). A file whose path {@code sources} has is read from there, not from disk.
     */
    static List<SourceFile> load(SourceFile root, String text, Map<Path, String> sources) {
        Imports imports = new Imports(sources);
        root.syntax = SourceParser.parse(root.name, text, root.reporter).orElse(null);
        imports.files.put(root.path, root);
        imports.walk(root);
        return imports.postOrder;
    }

    private record Frame(SourceFile file, int next) {}

    private void walk(SourceFile root) {
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root, 0));
        inProgress.add(root);
        inProgressSet.add(root);
        while (!stack.isEmpty()) {
            Frame frame = stack.pop();
            SourceFile file = frame.file();
            List<ImportDecl> decls = file.syntax == null ? List.of() : file.syntax.imports();
            if (frame.next() == decls.size()) {
                inProgress.remove(inProgress.size() - 1);
                inProgressSet.remove(file);
                postOrder.add(file);
                done.add(file);
                continue;
            }
            stack.push(new Frame(file, frame.next() + 1));
            ImportDecl decl = decls.get(frame.next());
            following.put(file, decl);
            SourceFile target = resolve(file, decl);
            if (target == null) {
                file.imports.add(new SourceFile.Import(decl, null));
                continue;
            }
            if (inProgressSet.contains(target)) {
                List<String> cycle = new ArrayList<>();
                for (SourceFile f : inProgress.subList(inProgress.indexOf(target), inProgress.size())) {
                    cycle.add(f.name);
                }
                cycle.add(target.name);
                // Reported in the cycle's first file, at its import that leads around the cycle.
                target.reporter.error("import-cycle", following.get(target).pathPos(), "these files import each "
                        + "other in a cycle: " + String.join(" -> ", cycle),
                        "move what they share into a file that imports none of them");
                file.imports.add(new SourceFile.Import(decl, null));
                continue;
            }
            file.imports.add(new SourceFile.Import(decl, target));
            if (!done.contains(target)) {
                inProgress.add(target);
                inProgressSet.add(target);
                stack.push(new Frame(target, 0));
            }
        }
    }

    /** The file {@code decl} names, read and parsed once; null after reporting why it cannot be used. */
    private SourceFile resolve(SourceFile importer, ImportDecl decl) {
        Path path;
        try {
            if (decl.path().isBlank()) {
                throw new InvalidPathException(decl.path(), "the path is empty");
            }
            path = importer.folder().resolve(decl.path()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            importer.reporter.error("import-not-found", decl.pathPos(), "\"" + decl.path()
                    + "\" is not a valid path: " + e.getReason());
            return null;
        }
        SourceFile known = files.get(path);
        if (known != null) {
            return known;
        }
        String text = sources.containsKey(path) ? sources.get(path) : read(importer, decl, path);
        if (text == null) {
            return null;
        }
        SourceFile file = new SourceFile(path, displayName(importer, decl), text);
        file.syntax = SourceParser.parse(file.name, text, file.reporter).orElse(null);
        files.put(path, file);
        return file;
    }

    /** The text of the file {@code decl} names, read from disk; null after reporting why it cannot be read. */
    private static String read(SourceFile importer, ImportDecl decl, Path path) {
        try {
            if (Files.isDirectory(path)) {
                importer.reporter.error("import-not-found", decl.pathPos(), decl.path() + " is a folder, not a .nn file");
                return null;
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            importer.reporter.error("import-not-found", decl.pathPos(), "there is no file " + decl.path()
                    + " (looked for " + path + ")", "import paths are relative to the folder of the importing file");
        } catch (CharacterCodingException e) {
            importer.reporter.error("unreadable-file", decl.pathPos(), decl.path() + " is not valid UTF-8 text");
        } catch (IOException | SecurityException e) {
            importer.reporter.error("unreadable-file", decl.pathPos(), "cannot read " + decl.path() + ": " + e.getMessage());
        }
        return null;
    }

    /** The imported file as messages name it: beside the importer's name, as the user named that. */
    private static String displayName(SourceFile importer, ImportDecl decl) {
        try {
            Path sibling = Path.of(importer.name).resolveSibling(decl.path()).normalize();
            return sibling.toString();
        } catch (InvalidPathException e) {
            return decl.path();
        }
    }
}
