package nnlang.lsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nnlang.frontend.syntax.SourceToken;
import nnlang.lsp.SymbolIndex.Occurrence;
import nnlang.lsp.SymbolIndex.Role;
import nnlang.lsp.SymbolIndex.Symbol;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Go to definition and find references: from a name to its declaration, and from either to every
 * use of the same declaration. Names are scoped by network (a formula's parameter by its
 * activation, a constant by its network, then its file); a part's network is one of the file's, or
 * of a file it imports, and so are the names of that network a part binds or sets
 * ({@code Nand(x1: a)}, {@code with limit = 3}). An import's path leads to the file.
 */
final class Navigation {

    /** A declaration: in the document itself ({@code file} null) or in a file it imports. */
    record Target(Symbol symbol, ImportedFiles.File file) {
        String uri(Analysis a) {
            return file == null ? a.uri() : file.uri;
        }

        Range range(Analysis a) {
            return (file == null ? a.lines() : file.lines).range(symbol.token());
        }
    }

    private Navigation() {}

    /** The declaration of the name under the cursor, or the file of the import path under it. */
    static Optional<Location> definition(Analysis a, Position position) {
        Optional<SymbolIndex.Import> imported = importAt(a, position);
        if (imported.isPresent()) {
            return a.imported().file(imported.get()).map(f -> new Location(f.uri, new Range(new Position(0, 0),
                    new Position(0, 0))));
        }
        return targetAt(a, position).map(t -> new Location(t.uri(a), t.range(a)));
    }

    /**
     * Every use of the declaration named under the cursor, with the declaration when asked: in the
     * document, and for a declaration in an imported file, in that file too.
     */
    static List<Location> references(Analysis a, Position position, boolean includeDeclaration) {
        return targetAt(a, position).map(t -> uses(a, t).stream()
                .filter(o -> includeDeclaration || o.role() != Role.DECLARATION)
                .map(o -> new Location(o.uri(), o.range())).toList()).orElse(List.of());
    }

    /** An occurrence of a declaration, in the document or the imported file it is declared in. */
    record Use(String uri, Range range, Role role) {}

    /**
     * Every occurrence of {@code t}: in the file that declares it, and in the document the names that
     * resolve to it through a part (its network, the inputs and constants the part binds or sets).
     */
    static List<Use> uses(Analysis a, Target t) {
        List<Use> uses = new ArrayList<>();
        SymbolIndex home = t.file() == null ? a.index() : t.file().index;
        LineMap lines = t.file() == null ? a.lines() : t.file().lines;
        home.occurrencesOf(t.symbol()).forEach(o -> uses.add(new Use(t.uri(a), lines.range(o.token()), o.role())));
        for (int i = 0; i < a.index().tokenCount(); i++) {
            SourceToken token = a.index().token(i);
            Optional<Occurrence> o = a.index().occurrenceAt(token.line(), token.column());
            if (o.isPresent() && o.get().target() == null && resolve(a, o.get()).filter(x -> x.equals(t)).isPresent()) {
                uses.add(new Use(a.uri(), a.lines().range(token), o.get().role()));
            }
        }
        return uses;
    }

    /** The declaration in the document named under the cursor (what a rename may change), with every use of it in the document. */
    static Optional<Target> renameTargetAt(Analysis a, Position position) {
        return targetAt(a, position).filter(t -> t.file() == null);
    }

    /** The declaration named under the cursor, in the document or a file it imports. */
    static Optional<Target> targetAt(Analysis a, Position position) {
        return occurrenceAt(a, position).flatMap(o -> resolve(a, o));
    }

    /** What an occurrence refers to: its declaration in the document, else one in an imported file. */
    static Optional<Target> resolve(Analysis a, Occurrence o) {
        if (o.target() != null) {
            return Optional.of(new Target(o.target(), null));
        }
        if (o.role() == Role.NETWORK) {
            return a.imported().network(o.token().text()).map(n -> new Target(n.symbol(), n.file()));
        }
        if (o.role() == Role.PART_MEMBER && o.owner() != null) {
            String name = o.token().text();
            Optional<SymbolIndex.Network> local = a.index().network(o.owner());
            if (local.isPresent()) {
                return member(a.index(), local.get(), name).map(s -> new Target(s, null));
            }
            return a.imported().network(o.owner())
                    .flatMap(n -> member(n.file().index, n.network(), name).map(s -> new Target(s, n.file())));
        }
        return Optional.empty();
    }

    /** An input, neuron, layer or part of a network, else one of its constants. */
    private static Optional<Symbol> member(SymbolIndex index, SymbolIndex.Network network, String name) {
        return Optional.ofNullable(network.names.get(name)).or(() -> index.constant(network, name));
    }

    private static Optional<Occurrence> occurrenceAt(Analysis a, Position position) {
        int[] at = a.lines().frontEnd(position);
        return a.index().occurrenceAt(at[0], at[1]);
    }

    /** The import whose path is under the cursor. */
    static Optional<SymbolIndex.Import> importAt(Analysis a, Position position) {
        int[] at = a.lines().frontEnd(position);
        return a.index().indexAt(at[0], at[1]).map(a.index()::token)
                .flatMap(t -> a.index().imports().stream().filter(i -> i.token() == t).findFirst());
    }
}
