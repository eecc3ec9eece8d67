package nnlang.lsp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.TextDocumentService;

/** The document features, each answered from the document's current {@link Analysis}. */
final class NnTextDocumentService implements TextDocumentService {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");

    private final OpenDocuments documents;
    private volatile boolean snippets;

    NnTextDocumentService(OpenDocuments documents) {
        this.documents = documents;
    }

    void snippets(boolean supported) {
        snippets = supported;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        documents.open(params.getTextDocument().getUri(), params.getTextDocument().getVersion(),
                params.getTextDocument().getText());
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        documents.change(params.getTextDocument().getUri(), params.getTextDocument().getVersion(),
                params.getContentChanges());
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        documents.close(params.getTextDocument().getUri());
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // every change is checked already
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return documents.read(params.getTextDocument().getUri(), "hover",
                a -> Hovers.hover(a, params.getPosition()).orElse(null), null);
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return documents.read(params.getTextDocument().getUri(), "completion",
                a -> Either.forLeft(Completions.at(a, params.getPosition(), snippets)), Either.forLeft(List.of()));
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams params) {
        return documents.read(params.getTextDocument().getUri(), "definition",
                a -> Either.forLeft(Navigation.definition(a, params.getPosition()).map(List::of).orElse(List.of())),
                Either.forLeft(List.of()));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        return documents.read(params.getTextDocument().getUri(), "references",
                a -> Navigation.references(a, params.getPosition(), params.getContext().isIncludeDeclaration()),
                List.of());
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
            DocumentSymbolParams params) {
        return documents.read(params.getTextDocument().getUri(), "documentSymbol",
                a -> DocumentSymbols.of(a).stream().map(Either::<SymbolInformation, DocumentSymbol>forRight).toList(),
                List.of());
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        return documents.read(params.getTextDocument().getUri(), "formatting",
                a -> Formatter.format(a.text()).map(formatted -> edits(a, formatted)).orElse(List.of()), List.of());
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        return documents.read(params.getTextDocument().getUri(), "codeAction",
                a -> CodeActions.at(a, params.getRange()).stream().map(Either::<Command, CodeAction>forRight).toList(),
                List.of());
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(
            PrepareRenameParams params) {
        return documents.read(params.getTextDocument().getUri(), "prepareRename",
                a -> Navigation.renameTargetAt(a, params.getPosition())
                        .map(t -> Either3.<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>forFirst(
                                Navigation.uses(a, t).stream().map(Navigation.Use::range)
                                        .filter(r -> contains(r, params.getPosition())).findFirst()
                                        .orElse(a.lines().range(t.symbol().token()))))
                        .orElse(null), null);
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        String name = params.getNewName();
        if (!IDENTIFIER.matcher(name).matches()) {
            return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(
                    ResponseErrorCode.InvalidParams, name + " is not a name: letters, digits and _, not starting "
                    + "with a digit", null)));
        }
        return documents.read(params.getTextDocument().getUri(), "rename",
                a -> Navigation.renameTargetAt(a, params.getPosition()).map(t -> new WorkspaceEdit(Map.of(a.uri(),
                        Navigation.uses(a, t).stream().map(u -> new TextEdit(u.range(), name)).toList())))
                        .orElse(null), null);
    }

    private static boolean contains(Range r, org.eclipse.lsp4j.Position p) {
        return r.getStart().getLine() == p.getLine() && r.getStart().getCharacter() <= p.getCharacter()
                && p.getCharacter() <= r.getEnd().getCharacter();
    }

    /** One edit replacing only the part of the text that changes. */
    private static List<TextEdit> edits(Analysis a, String formatted) {
        String text = a.text();
        if (text.equals(formatted)) {
            return List.of();
        }
        int prefix = 0;
        int max = Math.min(text.length(), formatted.length());
        while (prefix < max && text.charAt(prefix) == formatted.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < max - prefix
                && text.charAt(text.length() - 1 - suffix) == formatted.charAt(formatted.length() - 1 - suffix)) {
            suffix++;
        }
        // Whole lines only, so that no edit ends between \r and \n or inside a surrogate pair.
        while (prefix > 0 && text.charAt(prefix - 1) != '\n') {
            prefix--;
        }
        while (suffix > 0 && text.charAt(text.length() - suffix - 1) != '\n') {
            suffix--;
        }
        Range range = new Range(a.lines().position(prefix), a.lines().position(text.length() - suffix));
        return List.of(new TextEdit(range, formatted.substring(prefix, formatted.length() - suffix)));
    }
}
