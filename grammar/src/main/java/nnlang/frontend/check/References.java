package nnlang.frontend.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.Name;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.frontend.syntax.NodeDecl;
import nnlang.frontend.syntax.NumberLiteral;
import nnlang.frontend.syntax.SourceRef;
import nnlang.model.Input;
import nnlang.model.Source;
import nnlang.model.SourcePos;

/**
 * What source references name, as {@link Slice}s of a network's flat nodes and input vector, and
 * what each part's inputs are bound to, for {@link Wiring}. A reference names an input, a node, a
 * part (its output), a name inside a part ({@code first.sum}, looked up in the part's network) or
 * one element of any of these. A part's inputs are bound in order or by name; a reference that
 * reads a part's output where that output passes an input of its network through needs the part
 * bound first, so parts are bound in such an order, from an explicit stack. Reports
 * {@code unknown-name} (with a close name as hint), {@code not-indexable},
 * {@code index-out-of-range}, {@code not-integer}, and for a part's inputs {@code wrong-arity},
 * {@code unknown-argument}, {@code duplicate-argument}, {@code missing-argument},
 * {@code size-mismatch} and {@code cycle} (parts whose inputs pass through each other).
 */
final class References {
    private final NetworkSyntax network;
    private final Declarations declarations;
    private final Constants constants;
    /** Where problems go: the check's reporter, or a scratch one while a part's binding may have to wait. */
    private Reporter reporter;
    /** Per part (by declaration index), its network's input vector as slices of this network. */
    private final Map<Integer, List<Slice>> bindings = new HashMap<>();
    private final Set<Integer> failedBindings = new HashSet<>();

    References(NetworkSyntax network, Declarations declarations, Constants constants, Reporter reporter) {
        this.network = network;
        this.declarations = declarations;
        this.constants = constants;
        this.reporter = reporter;
    }

    /** The input vector of the part declared at {@code decl}'s network, as slices here; null if it failed. */
    List<Slice> binding(int decl) {
        return bindings.get(decl);
    }

    Optional<List<Slice>> resolve(SourceRef ref) {
        Pending pending = new Pending();
        Optional<List<Slice>> slices = resolve(ref, pending);
        if (pending.part != null) {
            // Only a part whose binding failed (and was reported) leaves one pending here.
            return Optional.empty();
        }
        return slices;
    }

    /**
     * The slices {@code ref} names, or empty after reporting a problem. When it reads the input of a
     * part not yet bound, {@code pending} names that part and nothing is reported.
     */
    private Optional<List<Slice>> resolve(SourceRef ref, Pending pending) {
        String name = ref.name().text();
        Symbol symbol = declarations.lookup(name);
        if (symbol == null || symbol.kind() == Symbol.Kind.CONSTANT) {
            reporter.error("unknown-name", ref.name().pos(), symbol == null
                    ? "network " + network.name().text() + " has no input, neuron, layer or part named " + name
                    : name + " is a constant, not an input, neuron, layer or part",
                    Suggestions.didYouMean(name, declarations.sourceNames()));
            return Optional.empty();
        }
        if (symbol.kind() == Symbol.Kind.PART && declarations.part(symbol.base()) == null) {
            return Optional.empty();
        }
        Optional<List<Slice>> whole;
        if (ref.path().size() > 1) {
            if (symbol.kind() != Symbol.Kind.PART) {
                reporter.error("unknown-name", ref.path().get(1).pos(), name + " is " + (symbol.isInput() ? "an input"
                        : "a neuron or layer") + ", not a part, so it has no " + ref.path().get(1).text(),
                        "only a part has names inside it: part " + name + " = NETWORK(...)");
                return Optional.empty();
            }
            whole = inside(declarations.part(symbol.base()), ref, pending);
        } else {
            whole = whole(symbol, ref.pos(), pending);
        }
        if (whole.isEmpty() || ref.index().isEmpty()) {
            return whole;
        }
        if (symbol.scalar()) {
            reporter.error("not-indexable", ref.pos(), "input " + name + " is a scalar and has no elements to index",
                    "write " + name + " without an index");
            return Optional.empty();
        }
        Optional<NumberLiteral> folded = constants.fold(ref.index().get());
        OptionalLong index = folded.isEmpty() ? OptionalLong.empty()
                : Literals.integer(folded.get(), "an index", reporter);
        if (index.isEmpty()) {
            return Optional.empty();
        }
        int size = Slice.length(whole.get());
        if (index.getAsLong() < 0 || index.getAsLong() >= size) {
            reporter.error("index-out-of-range", ref.index().get().pos(), "index " + index.getAsLong() + " is out of "
                    + "range: " + ref.text() + " has " + size + " elements, numbered 0 to " + (size - 1));
            return Optional.empty();
        }
        return Optional.of(Slice.cut(whole.get(), (int) index.getAsLong(), 1, ref.pos()));
    }

    /** All the values {@code symbol} names: an input, a node, or a part's output. */
    Optional<List<Slice>> whole(Symbol symbol, SourcePos pos, Pending pending) {
        return switch (symbol.kind()) {
            case INPUT -> Optional.of(List.of(new Slice(Source.INPUT, symbol.base(), symbol.size(), pos)));
            case NODE -> Optional.of(List.of(new Slice(symbol.base(), 0, symbol.size(), pos)));
            default -> {
                Declarations.Part part = declarations.part(symbol.base());
                yield mapped(part, part.sub().model().output().sources(), pos, pending);
            }
        };
    }

    /** What {@code ref}'s names after the first name inside part {@code part}. */
    private Optional<List<Slice>> inside(Declarations.Part part, SourceRef ref, Pending pending) {
        List<String> path = ref.path().subList(1, ref.path().size()).stream().map(Name::text).toList();
        CheckedNetwork.Lookup lookup = part.sub().lookup(path);
        if (!lookup.found()) {
            Name missing = ref.path().get(1 + lookup.failedAt());
            String owner = lookup.failedIn() == part.sub() ? "part " + part.decl().name().text() + " (network "
                    + part.sub().model().name() + ")" : "network " + lookup.failedIn().model().name();
            boolean notAPart = lookup.failedAt() < path.size() - 1
                    && lookup.failedIn().names().containsKey(missing.text());
            reporter.error("unknown-name", missing.pos(), notAPart
                    ? missing.text() + " in " + owner + " is not a part, so it has no " + ref.path().get(2 + lookup.failedAt()).text()
                    : owner + " has no input, neuron, layer or part named " + missing.text(),
                    Suggestions.didYouMean(missing.text(), lookup.failedIn().names().keySet()));
            return Optional.empty();
        }
        return mapped(part, lookup.sources(), ref.pos(), pending);
    }

    /** {@code sources} of a part's network as slices here; needs the part bound when they read its inputs. */
    private Optional<List<Slice>> mapped(Declarations.Part part, List<Source> sources, SourcePos pos, Pending pending) {
        boolean readsInputs = sources.stream().anyMatch(Source::isInput);
        if (readsInputs && !bindings.containsKey(part.declIndex())) {
            if (!failedBindings.contains(part.declIndex()) && pending != null) {
                pending.part = part;
            }
            return Optional.empty();
        }
        return Optional.of(map(part, sources, pos));
    }

    /** Sources of a part's network as slices of this network: its inputs are what the part binds. */
    List<Slice> map(Declarations.Part part, List<Source> sources, SourcePos pos) {
        List<Slice> binding = bindings.get(part.declIndex());
        List<Slice> slices = new ArrayList<>();
        for (Source s : sources) {
            if (s.isInput()) {
                slices.addAll(Slice.cut(binding, s.offset(), s.length(), pos));
            } else {
                slices.add(new Slice(part.firstFlat() + s.node(), s.offset(), s.length(), pos));
            }
        }
        return slices;
    }

    /**
     * Binds the inputs of {@code part}'s network to what its arguments name. An argument that reads
     * an input of another part through that part's output (a network whose output passes an input
     * through) needs that part bound first; the parts are bound in such an order, without recursion,
     * and parts that wait on each other are a {@code cycle}.
     */
    void bind(Declarations.Part start) {
        if (bindings.containsKey(start.declIndex()) || failedBindings.contains(start.declIndex())) {
            return;
        }
        Deque<Declarations.Part> stack = new ArrayDeque<>();
        Set<Integer> onStack = new HashSet<>();
        stack.push(start);
        onStack.add(start.declIndex());
        while (!stack.isEmpty()) {
            Declarations.Part part = stack.peek();
            Pending pending = new Pending();
            Reporter real = reporter;
            reporter = new Reporter();
            Optional<List<Slice>> binding;
            try {
                binding = bindArguments(part, pending);
            } finally {
                Reporter found = reporter;
                reporter = real;
                if (pending.part == null) {
                    real.addAll(found.diagnostics());
                }
            }
            if (pending.part != null) {
                if (onStack.contains(pending.part.declIndex())) {
                    reportBindingCycle(stack, pending.part);
                    for (Declarations.Part p : stack) {
                        failedBindings.add(p.declIndex());
                    }
                    return;
                }
                stack.push(pending.part);
                onStack.add(pending.part.declIndex());
                continue;
            }
            stack.pop();
            onStack.remove(part.declIndex());
            if (binding.isPresent()) {
                bindings.put(part.declIndex(), binding.get());
            } else {
                failedBindings.add(part.declIndex());
            }
        }
    }

    private void reportBindingCycle(Deque<Declarations.Part> stack, Declarations.Part repeated) {
        List<String> names = new ArrayList<>();
        List<Declarations.Part> parts = new ArrayList<>(stack);
        java.util.Collections.reverse(parts);
        boolean in = false;
        for (Declarations.Part p : parts) {
            in |= p == repeated;
            if (in) {
                names.add(p.decl().name().text());
            }
        }
        names.add(repeated.decl().name().text());
        reporter.error("cycle", repeated.decl().name().pos(), "these parts read each other's inputs in a cycle: "
                + String.join(" -> ", names), "a network must be acyclic: a part cannot read, directly or not, itself");
    }

    /** A part that must be bound before the one being bound; set by a resolution that needs it. */
    private static final class Pending {
        Declarations.Part part;
    }

    /**
     * The part's network's input vector as slices: each input bound by position or by name, checked
     * for size. Empty after reporting a problem, or when {@code pending} names a part to bind first
     * (then nothing is reported).
     */
    private Optional<List<Slice>> bindArguments(Declarations.Part part, Pending pending) {
        List<Input> inputs = part.sub().model().inputs();
        String networkName = part.sub().model().name();
        Map<String, NodeDecl.PartArg> bound = new LinkedHashMap<>();
        Map<String, List<Slice>> slices = new HashMap<>();
        int before = reporter.count();
        boolean complete = true;
        int position = 0;
        for (NodeDecl.PartArg arg : part.decl().args()) {
            Input input;
            if (arg.input().isEmpty()) {
                if (position >= inputs.size()) {
                    reporter.error("wrong-arity", arg.pos(), "network " + networkName + " has "
                            + count(inputs.size(), "input") + ", but part " + part.decl().name().text()
                            + " binds more");
                    continue;
                }
                input = inputs.get(position++);
            } else {
                Name name = arg.input().get();
                input = inputs.stream().filter(in -> in.name().equals(name.text())).findFirst().orElse(null);
                if (input == null) {
                    List<String> names = inputs.stream().map(Input::name).toList();
                    reporter.error("unknown-argument", name.pos(), "network " + networkName + " has no input "
                            + name.text() + "; its inputs are " + String.join(", ", names),
                            Suggestions.didYouMean(name.text(), names));
                    continue;
                }
            }
            NodeDecl.PartArg earlier = bound.putIfAbsent(input.name(), arg);
            if (earlier != null) {
                reporter.error("duplicate-argument", arg.pos(), "input " + input.name() + " of network " + networkName
                        + " is already bound at column " + earlier.pos().column());
                continue;
            }
            Optional<List<Slice>> resolved = resolve(arg.source(), pending);
            if (pending.part != null) {
                return Optional.empty();
            }
            if (resolved.isEmpty()) {
                complete = false;
                continue;
            }
            int length = Slice.length(resolved.get());
            if (length != input.size()) {
                reporter.error("size-mismatch", arg.source().pos(), "input " + input.name() + " of network "
                        + networkName + " has " + count(input.size(), "element") + ", but " + arg.source().text()
                        + " has " + length);
                continue;
            }
            slices.put(input.name(), resolved.get());
        }
        for (Input input : inputs) {
            if (!bound.containsKey(input.name())) {
                reporter.error("missing-argument", part.decl().pos(), "part " + part.decl().name().text()
                        + " binds nothing to input " + input.name() + " of network " + networkName,
                        "bind every input, in order or by name: " + networkName + "("
                                + inputs.stream().map(Input::name).collect(Collectors.joining(", ")) + ")");
            }
        }
        if (reporter.count() > before || !complete) {
            return Optional.empty();
        }
        List<Slice> binding = new ArrayList<>();
        for (Input input : inputs) {
            binding.addAll(slices.get(input.name()));
        }
        return Optional.of(List.copyOf(binding));
    }

    private static String count(int n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
