package nnlang.lsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import nnlang.frontend.FrontEnd;
import nnlang.frontend.syntax.SourceToken;
import nnlang.frontend.syntax.SourceToken.Kind;
import nnlang.lsp.SymbolIndex.Occurrence;
import nnlang.lsp.SymbolIndex.Statement;
import nnlang.lsp.SymbolIndex.Symbol;
import nnlang.model.NetworkModel;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;

/**
 * What a hover shows: on a neuron or layer its kind, activation, output shape and parameter count;
 * on a part the network it uses, that network's inputs and outputs, the part's parameter count and
 * whether training changes it; on a constant its value;
 * on a formula activation its derivative as {@code check --explain} prints it; on a name, also where
 * it is declared; on a keyword, a setting or an argument, what it means and its range. Facts that
 * need the checked model come from the last version of the file that checked, and say so when that
 * is not the current one.
 */
final class Hovers {

    private Hovers() {}

    static Optional<Hover> hover(Analysis a, Position position) {
        int[] at = a.lines().frontEnd(position);
        Optional<Integer> index = a.index().indexAt(at[0], at[1]);
        if (index.isEmpty()) {
            return Optional.empty();
        }
        SourceToken token = a.index().token(index.get());
        Optional<SymbolIndex.Import> imported = Navigation.importAt(a, position);
        Optional<String> text = imported.isPresent() ? Optional.of(importedFile(a, imported.get()))
                : a.index().occurrenceAt(at[0], at[1]).map(o -> name(a, o)).orElseGet(() -> word(a, index.get()));
        return text.map(t -> new Hover(new MarkupContent(MarkupKind.MARKDOWN, t), a.lines().range(token)));
    }

    private static Optional<String> name(Analysis a, Occurrence o) {
        String word = o.token().text();
        Optional<Navigation.Target> target = Navigation.resolve(a, o);
        if (target.isPresent()) {
            Navigation.Target t = target.get();
            String about = describe(a, t);
            boolean elsewhere = o.role() != SymbolIndex.Role.DECLARATION;
            String where = t.file() == null ? "" : " of " + t.file().path.getFileName();
            return Optional.of(about + (elsewhere ? "\n\nDeclared at line " + t.symbol().token().line() + where + "." : ""));
        }
        return switch (o.role()) {
            case ACTIVATION -> Vocabulary.builtinActivation(word).or(() -> Vocabulary.word(word))
                    .map(Vocabulary.Entry::markdown).or(() -> Optional.of("No activation named `" + word + "`."));
            case CALL -> Vocabulary.function(word).or(() -> Vocabulary.builtinActivation(word))
                    .map(Vocabulary.Entry::markdown);
            case SETTING_VALUE -> Vocabulary.value(o.owner(), word).map(Vocabulary.Entry::markdown);
            case ARGUMENT -> Vocabulary.argument(o.owner(), word).map(Vocabulary.Entry::markdown);
            case SOURCE -> Optional.of("Network " + o.statement().network().name()
                    + " has no input, neuron, layer or part named `" + word + "`.");
            case CONSTANT -> Optional.of("No constant named `" + word + "` in network " + o.statement().network().name()
                    + " or its file.");
            case NETWORK -> Optional.of("No network named `" + word + "` in this file or the files it imports.");
            default -> Vocabulary.any(word).map(Vocabulary.Entry::markdown);
        };
    }

    /** A keyword, or a number whose meaning is its setting's or argument's. */
    private static Optional<String> word(Analysis a, int index) {
        SymbolIndex ix = a.index();
        SourceToken t = ix.token(index);
        Optional<Statement> statement = ix.statementOf(index);
        if (t.kind() == Kind.KEYWORD) {
            if (statement.isPresent() && statement.get().first() == index) {
                Statement s = statement.get();
                return (s.setting() ? Vocabulary.setting(t.text()) : Vocabulary.statement(t.text()))
                        .map(Vocabulary.Entry::markdown);
            }
            return Vocabulary.word(t.text()).or(() -> Vocabulary.any(t.text())).map(Vocabulary.Entry::markdown);
        }
        if (t.kind() == Kind.NUMBER && index >= 2 && ix.token(index - 1).is(Kind.SYMBOL, ":")) {
            SourceToken name = ix.token(index - 2);
            Optional<Occurrence> argument = ix.occurrenceAt(name.line(), name.column());
            if (argument.isPresent() && argument.get().role() == SymbolIndex.Role.ARGUMENT) {
                return Vocabulary.argument(argument.get().owner(), name.text()).map(Vocabulary.Entry::markdown);
            }
        }
        if (t.kind() == Kind.NUMBER && statement.isPresent() && statement.get().setting()) {
            return Vocabulary.setting(statement.get().keyword()).map(Vocabulary.Entry::markdown);
        }
        return Optional.empty();
    }

    private static String describe(Analysis a, Navigation.Target target) {
        Symbol symbol = target.symbol();
        String network = symbol.statement().network().name();
        boolean own = target.file() == null;
        SymbolIndex index = own ? a.index() : target.file().index;
        List<NetworkModel> models = !own ? target.file().networks() : a.checked() ? a.check().networks() : a.lastGood();
        String stale = !own || a.checked() ? "" : "\n\n*As of the last version of this file that checked without errors.*";
        String written = "```nn\n" + index.text(symbol.statement().first(), symbol.statement().last()) + "\n```\n";
        return switch (symbol.kind()) {
            case NETWORK -> "**network " + symbol.name() + "**\n\n" + ModelFacts.network(models, network)
                    .map(n -> n.inputs() + " inputs · " + String.join(", ", n.nodes()) + " · "
                            + String.format("%,d", n.parameters()) + " parameters"
                            + n.training().map(t -> "\n\nTrains " + t + ".").orElse("") + stale)
                    .orElse(unchecked(a));
            case INPUT -> written + ModelFacts.input(models, network, symbol.name())
                    .map(i -> "input **" + i.name() + "** · " + (i.shape().isEmpty() ? "a scalar"
                            : "shape [" + i.shape().stream().map(String::valueOf).collect(Collectors.joining(" x "))
                            + "], " + String.format("%,d", i.size()) + " values") + stale)
                    .orElse(unchecked(a));
            case NEURON, LAYER -> written + ModelFacts.node(models, network, symbol.name())
                    .map(n -> node(n) + stale).orElse(unchecked(a));
            case PART -> written + ModelFacts.part(models, network, symbol.name(), name -> usedNetwork(a, models, name))
                    .map(p -> part(p) + stale).orElse(unchecked(a));
            case CONSTANT -> written + constant(own ? a.text() : target.file().text, index, symbol);
            case ACTIVATION -> written + ModelFacts.formula(models, network, symbol.name())
                    .map(lines -> "```\n" + String.join("\n", lines) + "\n```" + stale)
                    .orElse(a.checked() ? "No node uses it, so its derivative is not derived."
                            : "Its derivative shows once the file checks without errors.");
            case PARAMETER -> "The parameter **" + symbol.name() + "** of activation "
                    + a.index().token(symbol.statement().first() + 1).text() + ": the neuron's weighted sum z.";
            case CLASS_LABEL -> "Class label **" + symbol.name() + "**: output element "
                    + labelIndex(symbol) + " of the classifier.";
        };
    }

    /** An import's file and the networks it brings. */
    private static String importedFile(Analysis a, SymbolIndex.Import i) {
        return a.imported().file(i).map(f -> "File `" + f.path + "`: networks " + f.index.networks().stream()
                        .filter(n -> n.symbol != null).map(SymbolIndex.Network::name).collect(Collectors.joining(", ")) + ".")
                .orElse("There is no file `" + i.path() + "` beside this one.");
    }

    /** The model of a network a part uses: one of {@code models}, else one of an imported file. */
    private static Optional<NetworkModel> usedNetwork(Analysis a, List<NetworkModel> models, String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst()
                .or(() -> a.imported().network(name).flatMap(n -> n.file().networks().stream()
                        .filter(m -> m.name().equals(name)).findFirst()));
    }

    private static String part(ModelFacts.PartFacts p) {
        List<String> parts = new ArrayList<>();
        parts.add("part **" + p.name() + "** = network " + p.network());
        p.inputs().ifPresent(inputs -> parts.add("inputs " + String.join(", ", inputs)));
        p.outputs().ifPresent(outputs -> parts.add(plural(outputs, "output")));
        parts.add(plural(p.nodes(), "node"));
        parts.add(String.format("%,d", p.parameters()) + " parameters");
        parts.add(p.fixedNodes() == p.nodes() ? "fixed: training leaves it as it is"
                : p.fixedNodes() == 0 ? "trainable" : p.fixedNodes() + " of its " + p.nodes() + " nodes fixed");
        return String.join(" · ", parts);
    }

    /** A constant's value as checking folds it (in its own network, without the values parts set). */
    private static String constant(String text, SymbolIndex index, Symbol symbol) {
        SymbolIndex.Network scope = symbol.statement().network();
        String where = scope == index.file() ? "" : scope.name();
        Double value = FrontEnd.constants(text).getOrDefault(where, Map.of())
                .get(symbol.name());
        String owner = where.isEmpty() ? "the file" : "network " + where;
        return value == null ? "Constant **" + symbol.name() + "** of " + owner + "; its value shows once its formula "
                + "and the file are valid." : "Constant **" + symbol.name() + "** of " + owner + " = " + number(value);
    }

    /** A value as the language writes it: an integer without a point. */
    private static String number(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? new java.math.BigDecimal(v).toPlainString() : Double.toString(v);
    }

    private static String node(ModelFacts.NodeFacts n) {
        List<String> parts = new ArrayList<>();
        parts.add(n.kind() + " **" + n.name() + "**");
        if (n.image().isPresent()) {
            return parts.get(0) + " · " + n.image().get() + (n.formula().isEmpty() ? ""
                    : "\n```\n" + String.join("\n", n.formula()) + "\n```");
        }
        parts.add(n.kind().equals("layer") ? n.size() + " " + n.activation() + " neurons" : n.activation());
        parts.add("output shape [" + n.size() + "]");
        String weights = n.size() == 1 ? plural(n.fanIn(), "weight") : n.size() + " × " + n.fanIn() + " weights";
        parts.add(String.format("%,d", n.parameterCount()) + " parameters (" + weights + " + "
                + plural(n.size(), "bias") + ")");
        String formula = n.formula().isEmpty() ? "" : "\n```\n" + String.join("\n", n.formula()) + "\n```";
        return String.join(" · ", parts) + formula;
    }

    private static String plural(int n, String noun) {
        return String.format("%,d", n) + " " + noun + (n == 1 ? "" : noun.endsWith("s") ? "es" : "s");
    }

    private static int labelIndex(Symbol label) {
        List<Symbol> labels = new ArrayList<>(label.statement().network().labels.values());
        return Math.max(0, labels.indexOf(label));
    }

    private static String unchecked(Analysis a) {
        int errors = a.check().diagnostics().size();
        return "Shape and parameters show once the file checks without errors; it has " + errors
                + (errors == 1 ? " error." : " errors.");
    }
}
