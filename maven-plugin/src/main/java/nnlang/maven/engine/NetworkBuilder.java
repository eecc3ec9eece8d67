package nnlang.maven.engine;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import nnlang.frontend.CheckResult;
import nnlang.compiler.NetworkCompiler;
import nnlang.frontend.FrontEnd;
import nnlang.model.Diagnostic;
import nnlang.model.NetworkModel;
import nnlang.runtime.Trainer;

/**
 * Builds the {@code .nn} sources of a project incrementally: {@link #compile} turns each source's
 * networks into classes, {@link #train} trains those that have a {@code train} block. Both work the
 * same way:
 * <ol>
 *   <li>find every {@code *.nn} file below the source folder, in path order;
 *   <li>read the step's status file ({@link BuildStatus}) under the status folder;
 *   <li>forget sources that are gone, deleting the outputs recorded for them;
 *   <li>for each source whose record no longer holds, log why, check it with the front end and run
 *       the step; all errors of all sources are logged before the build fails. A network whose
 *       class (package and name) another source's network has already is an error naming both
 *       files; the source first in path order, or one that is up to date, keeps the name;
 *   <li>write the status, so that sources built successfully are not built again;
 *   <li>log one summary line, e.g. {@code nnlang: 3 networks up to date}.
 * </ol>
 * A builder holds no state between calls; concurrent builds of different projects are independent.
 */
public final class NetworkBuilder {

    private NetworkBuilder() {}

    /** What a build did: the sources it rebuilt, and how many networks it built or found up to date. */
    public record Summary(List<String> rebuilt, int built, int upToDate) {
        public Summary {
            rebuilt = List.copyOf(rebuilt);
        }
    }

    /**
     * Checks every source and compiles each network into its facade {@code <Network>.java} below the
     * generated sources and its compiled class {@code <Network>$Compiled.class} below the generated
     * resources, each in the folder of the network's package.
     *
     * @throws BuildInputException when a source has errors (each logged with file, line and column)
     * @throws IOException         when a class or the status file cannot be written
     */
    public static Summary compile(BuildRequest request, BuildLog log) throws BuildInputException, IOException {
        return build(new CompileStep(), request, log);
    }

    /**
     * Trains every network with a {@code train} block on the request's back end and writes its
     * parameters to {@code <Network>.nnp} beside its class; logs one line per reported epoch.
     *
     * @throws BuildInputException when a source has errors, its data do not fit, training diverges or
     *                             an {@code expect accuracy} line is not met (each logged)
     * @throws IOException         when a parameter file or the status file cannot be written
     */
    public static Summary train(BuildRequest request, BuildLog log) throws BuildInputException, IOException {
        return build(new TrainStep(), request, log);
    }

    private static Summary build(BuildStep step, BuildRequest request, BuildLog log)
            throws BuildInputException, IOException {
        List<String> sources = findSources(request.sourceDirectory());
        if (sources.isEmpty()) {
            log.info("nnlang: no .nn files in " + request.sourceDirectory());
            return new Summary(List.of(), 0, 0);
        }
        Path statusFile = request.statusDirectory().resolve(step.name() + "-status.properties");
        BuildStatus status = BuildStatus.read(statusFile);
        forgetRemoved(status, sources, request.outputDirectory(), log);
        String configuration = Sha256.ofText(toolchain(request.pluginVersion()) + step.configuration(request));
        List<String> rebuilt = new ArrayList<>();
        int built = 0;
        int upToDate = 0;
        List<String> failures = new ArrayList<>();
        Map<String, String> classOwners = new HashMap<>();
        Map<String, String> staleReasons = new LinkedHashMap<>();
        Map<String, String> shas = new HashMap<>();
        for (String source : sources) {
            String sha = Sha256.ofFile(request.sourceDirectory().resolve(source));
            Optional<String> reason = status.staleReason(source, sha, configuration, request.outputDirectory());
            if (reason.isEmpty()) {
                List<String> networks = status.entry(source).orElseThrow().networks();
                upToDate += networks.size();
                String javaPackage = request.javaPackageOf(Path.of(source));
                networks.forEach(n -> classOwners.putIfAbsent(BuildRequest.qualified(javaPackage, n), source));
            } else {
                staleReasons.put(source, reason.get());
                shas.put(source, sha);
            }
        }
        for (Map.Entry<String, String> stale : staleReasons.entrySet()) {
            String source = stale.getKey();
            status.remove(source);
            rebuilt.add(source);
            CheckResult checked = FrontEnd.check(request.sourceDirectory().resolve(source));
            if (checked.hasErrors()) {
                for (Diagnostic d : checked.diagnostics()) {
                    log.error(d.format(checked.sourceLines()));
                }
                failures.add(count(checked.diagnostics().size(), "error") + " in " + source);
                continue;
            }
            List<Diagnostic> clashes = clashes(source, checked, request, classOwners);
            if (!clashes.isEmpty()) {
                clashes.forEach(d -> log.error(d.format(checked.sourceLines())));
                failures.add(count(clashes.size(), "error") + " in " + source);
                continue;
            }
            try {
                BuildStep.Product product = step.build(source, checked, stale.getValue(), request, log);
                status.put(source, entry(shas.get(source), configuration, product, request.outputDirectory()));
                built += product.networks().size();
            } catch (BuildInputException e) {
                failures.add(e.getMessage());
            }
        }
        status.write(statusFile);
        if (!failures.isEmpty()) {
            throw new BuildInputException("nnlang: " + String.join("; ", failures) + " (see the errors above)");
        }
        log.info(summaryLine(step, built, upToDate));
        return new Summary(rebuilt, built, upToDate);
    }

    /**
     * The networks of {@code source} whose class name another source's network has taken already,
     * each as an error at the network naming the other file; the others are recorded as taken by
     * {@code source}. Two sources that give one class would overwrite each other's outputs.
     */
    private static List<Diagnostic> clashes(String source, CheckResult checked, BuildRequest request,
                                            Map<String, String> classOwners) {
        String javaPackage = request.javaPackageOf(Path.of(source));
        List<Diagnostic> clashes = new ArrayList<>();
        for (NetworkModel model : checked.networks()) {
            String qualified = BuildRequest.qualified(javaPackage, model.name());
            String owner = classOwners.putIfAbsent(qualified, source);
            if (owner != null && !owner.equals(source)) {
                clashes.add(new Diagnostic("duplicate-class", model.pos(),
                        "network " + model.name() + " would be the class " + qualified + ", which network "
                                + model.name() + " of " + request.sourceDirectory().resolve(owner) + " is already",
                        "rename one of the networks, or move one source to another folder (its package)"));
            }
        }
        return clashes;
    }

    /**
     * The plugin version and the SHA-256 of the contents of each jar the outputs come from (this
     * plugin, the front end, the compiler, the runtime), one per line: a snapshot of any of them
     * rebuilt with changed classes changes it, and so rebuilds what it made, although the version
     * stays the same; a jar rebuilt from the same classes does not. Classes loaded from a folder (as
     * in this module's tests) contribute nothing.
     */
    private static String toolchain(String pluginVersion) throws IOException {
        StringBuilder s = new StringBuilder("plugin ").append(pluginVersion).append('\n');
        for (Class<?> c : List.of(NetworkBuilder.class, FrontEnd.class, NetworkCompiler.class, Trainer.class)) {
            CodeSource code = c.getProtectionDomain().getCodeSource();
            if (code == null) {
                continue;
            }
            Path location;
            try {
                location = Path.of(code.getLocation().toURI());
            } catch (URISyntaxException | IllegalArgumentException e) {
                continue;
            }
            if (Files.isRegularFile(location)) {
                s.append(location.getFileName()).append(' ').append(Sha256.ofJarContents(location)).append('\n');
            }
        }
        return s.toString();
    }

    /**
     * {@code 3 networks up to date}, {@code compiled 1 network (2 up to date)}, or, when the sources
     * hold nothing for the step, {@code nothing to train}.
     */
    private static String summaryLine(BuildStep step, int built, int upToDate) {
        if (built == 0 && upToDate == 0) {
            return "nnlang: nothing to " + step.name();
        }
        if (built == 0) {
            return "nnlang: " + upToDate + " " + step.upToDateQualifier() + (upToDate == 1 ? "network" : "networks")
                    + " up to date";
        }
        return "nnlang: " + step.done() + " " + count(built, "network")
                + (upToDate > 0 ? " (" + upToDate + " up to date)" : "");
    }

    /**
     * The record of a source's build. Outputs are kept relative to the output folder: those in the
     * generated folders beside it start with {@code ../}.
     */
    private static BuildStatus.Entry entry(String sha, String configuration, BuildStep.Product product,
                                           Path outputDirectory) {
        List<String> outputs = new ArrayList<>();
        for (Path p : product.outputs()) {
            outputs.add(outputDirectory.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/'));
        }
        return new BuildStatus.Entry(sha, configuration, product.networks(), outputs, product.data());
    }

    /** Deletes the recorded outputs of sources that no longer exist, and their records. */
    private static void forgetRemoved(BuildStatus status, List<String> sources, Path outputDirectory, BuildLog log)
            throws IOException {
        for (String gone : status.sources()) {
            if (!sources.contains(gone)) {
                for (String output : status.entry(gone).orElseThrow().outputs()) {
                    if (Files.deleteIfExists(outputDirectory.resolve(output).normalize())) {
                        log.info("nnlang: " + gone + " was removed: deleted " + output);
                    }
                }
                status.remove(gone);
            }
        }
    }

    /** The {@code .nn} files below {@code directory}, relative to it with {@code /} separators, sorted. */
    static List<String> findSources(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".nn") && Files.isRegularFile(p))
                    .map(p -> directory.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    /** {@code 1 error}, {@code 2 errors}. */
    static String count(int n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
