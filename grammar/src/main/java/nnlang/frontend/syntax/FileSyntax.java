package nnlang.frontend.syntax;

import java.util.List;

/** One {@code .nn} file: its imports, its file-level constants and its networks, each in source order. */
public record FileSyntax(List<ImportDecl> imports, List<LetDecl> lets, List<NetworkSyntax> networks) {
    public FileSyntax {
        imports = List.copyOf(imports);
        lets = List.copyOf(lets);
        networks = List.copyOf(networks);
    }
}
