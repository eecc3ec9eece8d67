package nnlang.lsp;

import java.util.List;
import java.util.Optional;
import nnlang.lsp.SymbolIndex.Occurrence;
import nnlang.lsp.SymbolIndex.Symbol;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;

/**
 * Go to definition and find references: from a name to its declaration, and from either to every
 * use of the same declaration, within the file (names are scoped by network, a formula's parameter
 * by its activation).
 */
final class Navigation {

    private Navigation() {}

    /** The declaration of the name under the cursor. */
    static Optional<Location> definition(Analysis a, Position position) {
        return symbolAt(a, position).map(s -> new Location(a.uri(), a.lines().range(s.token())));
    }

    /** Every use of the declaration named under the cursor, with the declaration when asked. */
    static List<Location> references(Analysis a, Position position, boolean includeDeclaration) {
        return symbolAt(a, position).map(s -> a.index().occurrencesOf(s).stream()
                .filter(o -> includeDeclaration || o.role() != SymbolIndex.Role.DECLARATION)
                .map(o -> new Location(a.uri(), a.lines().range(o.token()))).toList()).orElse(List.of());
    }

    static Optional<Symbol> symbolAt(Analysis a, Position position) {
        int[] at = a.lines().frontEnd(position);
        return a.index().occurrenceAt(at[0], at[1]).flatMap(Occurrence::resolved);
    }
}
