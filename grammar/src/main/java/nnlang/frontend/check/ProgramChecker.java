package nnlang.frontend.check;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import nnlang.frontend.CheckOptions;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.FileSyntax;
import nnlang.frontend.syntax.LetDecl;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.frontend.syntax.NodeDecl;
import nnlang.frontend.syntax.NumberLiteral;
import nnlang.model.Diagnostic;
import nnlang.model.NetworkModel;

/**
 * Checks a file with everything it imports: {@link Imports} loads the files, then each file, imports
 * first, has its networks checked by {@link NetworkChecker}. A network is checked once for each set
 * of constants a part gives it ({@code with n = 3}), and every network a part uses is checked before
 * the network that uses it, from an explicit stack: a chain of parts however deep needs no deeper
 * Java stack. A file's problems are its own; a file that imports a file with problems reports
 * {@code import-errors} at the import line. Reports {@code duplicate-name} (a network twice in a
 * file), {@code import-clash} (a network name in two of the file and its imports),
 * {@code unknown-network}, {@code unknown-argument}, {@code duplicate-argument} and
 * {@code trained-override} (a part that sets a constant of a trained network) for a part's
 * {@code with}, and, at a part, the first problem of its network under the constants the part
 * sets; {@link PartCycles} reports networks that are parts of themselves, {@link TrainedParameters}
 * the trained parameters a part cannot have.
 */
public final class ProgramChecker {

    /** What checking a file found; {@code networks} is empty when there are diagnostics. */
    public record Result(List<NetworkModel> networks, List<Diagnostic> diagnostics, List<String> lines,
                         List<Path> imports, Map<String, List<Path>> parameterFiles) {}

    /** A network of a file. */
    private record NetworkRef(SourceFile file, int index) {
        NetworkSyntax syntax() {
            return file.syntax.networks().get(index);
        }
    }

    /** A network with the constants a part sets (none for the network as declared). */
    private record Key(NetworkRef network, Map<String, Double> overrides) {}

    /** The outcome of checking a key: the network, or the problems (empty when reported in its file). */
    private record Outcome(CheckedNetwork network, List<Diagnostic> problems) {}

    private final CheckOptions options;
    private final Map<Key, Outcome> checked = new HashMap<>();
    private final Map<SourceFile, Map<String, NetworkRef>> scopes = new HashMap<>();
    private final Set<NetworkRef> recursive = new HashSet<>();
    private final TrainedParameters trained;

    private ProgramChecker(CheckOptions options) {
        this.options = options;
        this.trained = new TrainedParameters(options.parameterFolders());
    }

    /**
     * Checks {@code text}, the contents of file {@code path} (absolute), named {@code name} in messages.
     */
    public static Result check(Path path, String name, String text, CheckOptions options) {
        SourceFile root = new SourceFile(path, name, text);
        List<SourceFile> files = Imports.load(root, text, options.sources());
        ProgramChecker checker = new ProgramChecker(options);
        for (SourceFile file : files) {
            checker.checkFile(file);
        }
        List<NetworkModel> networks = new ArrayList<>();
        Map<String, List<Path>> parameterFiles = new LinkedHashMap<>();
        if (root.syntax != null && !root.reporter.hasErrors()) {
            for (int i = 0; i < root.syntax.networks().size(); i++) {
                CheckedNetwork network = checker.checked.get(new Key(new NetworkRef(root, i), Map.of())).network();
                networks.add(network.model());
                parameterFiles.put(network.model().name(), List.copyOf(new TreeSet<>(network.parameterFiles())));
            }
        }
        List<Path> imports = files.stream().filter(f -> f != root).map(f -> f.path).toList();
        return new Result(networks, root.reporter.diagnostics(), root.lines, imports, parameterFiles);
    }

    /**
     * The values of a file's constants as checking folds them, by scope: {@code ""} for the file's
     * own, else a network's name for that network's own constants (as declared, without the values a
     * part sets). A constant whose formula does not fold is absent; nothing is reported.
     */
    public static Map<String, Map<String, Double>> constantValues(FileSyntax syntax) {
        Reporter quiet = new Reporter();
        Constants file = Constants.file(syntax.lets(), quiet);
        Map<String, Map<String, Double>> scopes = new LinkedHashMap<>();
        scopes.put("", file.values());
        for (NetworkSyntax network : syntax.networks()) {
            scopes.putIfAbsent(network.name().text(), file.network(network.lets(), Map.of(), quiet).values());
        }
        return scopes;
    }

    private void checkFile(SourceFile file) {
        if (file.syntax == null) {
            return;
        }
        file.constants = Constants.file(file.syntax.lets(), file.reporter);
        Map<String, NetworkRef> scope = scope(file);
        scopes.put(file, scope);
        Map<String, Integer> own = new HashMap<>();
        scope.forEach((name, ref) -> {
            if (ref.file() == file) {
                own.put(name, ref.index());
            }
        });
        PartCycles.find(file, own).forEach(i -> recursive.add(new NetworkRef(file, i)));
        for (int i = 0; i < file.syntax.networks().size(); i++) {
            outcome(new Key(new NetworkRef(file, i), Map.of()));
        }
    }

    /**
     * The networks a file may name: its own, then those of each file it imports. Reports
     * {@code duplicate-name} (a network twice in the file), {@code import-clash} and
     * {@code import-errors}.
     */
    private Map<String, NetworkRef> scope(SourceFile file) {
        Map<String, NetworkRef> scope = new LinkedHashMap<>();
        List<NetworkSyntax> networks = file.syntax.networks();
        for (int i = 0; i < networks.size(); i++) {
            NetworkSyntax network = networks.get(i);
            NetworkRef earlier = scope.putIfAbsent(network.name().text(), new NetworkRef(file, i));
            if (earlier != null) {
                file.reporter.error("duplicate-name", network.name().pos(), "network " + network.name().text()
                        + " is already declared at line " + earlier.syntax().name().pos().line());
            }
        }
        Map<SourceFile, SourceFile.Import> imported = new HashMap<>();
        for (SourceFile.Import im : file.imports) {
            SourceFile target = im.target();
            if (target == null) {
                continue;
            }
            SourceFile.Import same = imported.putIfAbsent(target, im);
            if (same != null) {
                file.reporter.error("import-clash", im.decl().pathPos(), target.name + " is already imported at line "
                        + same.decl().pos().line());
                continue;
            }
            if (target.reporter.hasErrors()) {
                List<Diagnostic> problems = target.reporter.diagnostics();
                file.reporter.error("import-errors", im.decl().pathPos(), target.name + " has "
                        + problems.size() + (problems.size() == 1 ? " error" : " errors") + "; the first: "
                        + problems.get(0).pos() + ": " + problems.get(0).message(), "check " + target.name + " itself");
            }
            if (target.syntax == null) {
                continue;
            }
            for (int i = 0; i < target.syntax.networks().size(); i++) {
                NetworkRef ref = new NetworkRef(target, i);
                String name = ref.syntax().name().text();
                NetworkRef earlier = scope.get(name);
                if (earlier != null && !earlier.equals(ref)) {
                    String where = earlier.file() == file ? "this file, line " + earlier.syntax().name().pos().line()
                            : earlier.file().name;
                    file.reporter.error("import-clash", im.decl().pathPos(), target.name + " declares network " + name
                            + ", which is also declared in " + where, "rename one of them");
                    continue;
                }
                scope.put(name, ref);
            }
        }
        return scope;
    }

    /**
     * The outcome for {@code key}, checking first, from an explicit stack, every network its parts
     * use that is not yet checked.
     */
    private Outcome outcome(Key key) {
        Deque<Key> stack = new ArrayDeque<>();
        stack.push(key);
        while (!stack.isEmpty()) {
            Key top = stack.peek();
            if (checked.containsKey(top)) {
                stack.pop();
                continue;
            }
            boolean ready = true;
            for (Key needed : partKeys(top)) {
                if (!checked.containsKey(needed)) {
                    stack.push(needed);
                    ready = false;
                }
            }
            if (ready) {
                checked.put(top, checkNetwork(top));
                stack.pop();
            }
        }
        return checked.get(key);
    }

    /** The keys of the networks the parts of {@code key}'s network use, as far as they can be told. */
    private List<Key> partKeys(Key key) {
        List<Key> keys = new ArrayList<>();
        NetworkSyntax network = key.network().syntax();
        if (recursive.contains(key.network())) {
            return keys;
        }
        Reporter quiet = new Reporter();
        Constants constants = constants(key, quiet);
        Map<String, NetworkRef> scope = scopes.get(key.network().file());
        for (NodeDecl decl : network.nodes()) {
            if (decl instanceof NodeDecl.Part part) {
                NetworkRef ref = scope.get(part.network().text());
                if (ref != null && !recursive.contains(ref)) {
                    overrides(part, ref, constants, quiet).ifPresent(o -> keys.add(new Key(ref, o)));
                }
            }
        }
        return keys;
    }

    /** {@code key}'s network's constants: its file's, then its own with the key's overrides. */
    private Constants constants(Key key, Reporter reporter) {
        SourceFile file = key.network().file();
        Map<String, NumberLiteral> given = new HashMap<>();
        for (LetDecl let : key.network().syntax().lets()) {
            Double value = key.overrides().get(let.name().text());
            if (value != null) {
                given.put(let.name().text(), new NumberLiteral(Constants.text(value), value, let.value().pos()));
            }
        }
        return file.constants.reportingTo(reporter).network(key.network().syntax().lets(), given, reporter);
    }

    /**
     * The constants {@code part} sets, folded in the network that has the part: each must be a
     * constant of {@code target}'s network, once, and a trained network's cannot be set.
     */
    private Optional<Map<String, Double>> overrides(NodeDecl.Part part, NetworkRef target, Constants constants,
                                                   Reporter reporter) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (part.overrides().isEmpty()) {
            return Optional.of(Map.of());
        }
        NetworkSyntax network = target.syntax();
        List<String> names = network.lets().stream().map(l -> l.name().text()).toList();
        int before = reporter.count();
        if (!network.trains().isEmpty()) {
            reporter.error("trained-override", part.overrides().get(0).pos(), "network " + network.name().text()
                    + " is trained, and its trained parameters belong to its constants as they are, so a part cannot"
                    + " set them", "declare an untrained network with the constants you need");
            return Optional.empty();
        }
        Map<String, NodeDecl.Override> seen = new HashMap<>();
        for (NodeDecl.Override o : part.overrides()) {
            String name = o.name().text();
            if (!names.contains(name)) {
                reporter.error("unknown-argument", o.name().pos(), "network " + network.name().text()
                        + " has no constant " + name + (names.isEmpty() ? "; it declares none"
                        : "; its constants are " + String.join(", ", names)), Suggestions.didYouMean(name, names));
                continue;
            }
            NodeDecl.Override earlier = seen.putIfAbsent(name, o);
            if (earlier != null) {
                reporter.error("duplicate-argument", o.name().pos(), name + " is already set at column "
                        + earlier.pos().column());
                continue;
            }
            constants.fold(o.value()).ifPresent(v -> values.put(name, v.value()));
        }
        return reporter.count() > before ? Optional.empty() : Optional.of(values);
    }

    /** Checks {@code key}'s network, whose parts' networks are all checked. */
    private Outcome checkNetwork(Key key) {
        SourceFile file = key.network().file();
        boolean declared = key.overrides().isEmpty();
        Reporter reporter = declared ? file.reporter : new Reporter();
        int before = reporter.count();
        if (recursive.contains(key.network())) {
            return new Outcome(null, List.of());
        }
        Constants constants = constants(key, reporter);
        NetworkSyntax network = key.network().syntax();
        NetworkChecker.Context context = new NetworkChecker.Context(file.name, file.folder(), file.path, constants,
                (part, outer, r) -> resolvePart(file, part, outer, r), options.trainedValues() ? trained : null,
                usedAsPart(file, network.name().text()), reporter);
        Optional<CheckedNetwork> result = NetworkChecker.check(network, context);
        if (result.isPresent() && reporter.count() == before) {
            return new Outcome(result.get(), List.of());
        }
        return new Outcome(null, declared ? List.of() : reporter.diagnostics().subList(before, reporter.count()));
    }

    /** Whether a network of {@code file} uses network {@code name} as a part. */
    private static boolean usedAsPart(SourceFile file, String name) {
        return file.syntax.networks().stream().flatMap(n -> n.nodes().stream())
                .anyMatch(d -> d instanceof NodeDecl.Part p && p.network().text().equals(name));
    }

    /** The checked network {@code part} uses, reporting what is wrong with the use. */
    private Optional<CheckedNetwork> resolvePart(SourceFile file, NodeDecl.Part part, Constants constants,
                                                 Reporter reporter) {
        Map<String, NetworkRef> scope = scopes.get(file);
        String name = part.network().text();
        NetworkRef ref = scope.get(name);
        if (ref == null) {
            reporter.error("unknown-network", part.network().pos(), "there is no network " + name
                    + " in this file or the files it imports", Optional.ofNullable(Suggestions.didYouMean(name,
                            scope.keySet())).orElse("declare it, or import the file that does: import \"gates.nn\""));
            return Optional.empty();
        }
        if (recursive.contains(ref)) {
            return Optional.empty();
        }
        Optional<Map<String, Double>> overrides = overrides(part, ref, constants, reporter);
        if (overrides.isEmpty()) {
            return Optional.empty();
        }
        Outcome outcome = outcome(new Key(ref, overrides.get()));
        if (outcome.network() == null && !outcome.problems().isEmpty()) {
            Diagnostic first = outcome.problems().get(0);
            reporter.error(first.code(), part.name().pos(), "part " + part.name().text() + ": with "
                    + describe(overrides.get()) + ", network " + name + " has a problem: " + first.pos() + ": "
                    + first.message(), first.hint());
        }
        return Optional.ofNullable(outcome.network());
    }

    private static String describe(Map<String, Double> overrides) {
        List<String> parts = new ArrayList<>();
        overrides.forEach((k, v) -> parts.add(k + " = " + Constants.text(v)));
        return String.join(", ", parts);
    }
}
