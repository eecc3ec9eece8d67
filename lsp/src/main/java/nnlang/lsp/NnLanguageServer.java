package nnlang.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The nnlang language server: its lifecycle and what it offers. {@link #run} serves one client over
 * a pair of streams (standard input and output for {@code nnlang lsp}).
 *
 * <p>The client may pass {@code {"debounceMillis": N}} as initialization options: how long after a
 * change the diagnostics are published if no other change comes (150 ms by default).
 */
public final class NnLanguageServer implements LanguageServer, LanguageClientAware {
    private final OpenDocuments documents = new OpenDocuments();
    private final NnTextDocumentService textDocuments = new NnTextDocumentService(documents);
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private volatile boolean shutdown;

    /**
     * Serves the client at the other end of the streams until it sends {@code exit} or closes its
     * stream. Returns the exit status the protocol asks for: 0 after {@code shutdown}, else 1.
     */
    public static int run(InputStream in, OutputStream out) {
        NnLanguageServer server = new NnLanguageServer();
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        try {
            CompletableFuture.anyOf(server.exited, CompletableFuture.runAsync(() -> waitFor(listening))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the connection ended; the status says whether it ended as the protocol asks
        } finally {
            server.documents.shutdown();
            listening.cancel(true);
        }
        return server.shutdown ? 0 : 1;
    }

    private static void waitFor(Future<Void> listening) {
        try {
            listening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            // the stream closed
        }
    }

    @Override
    public void connect(LanguageClient client) {
        documents.connect(client);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        if (params.getInitializationOptions() instanceof JsonObject options && options.has("debounceMillis")) {
            JsonElement millis = options.get("debounceMillis");
            documents.debounce(millis.getAsLong());
        }
        textDocuments.snippets(snippetSupport(params.getCapabilities()));
        ServerCapabilities capabilities = new ServerCapabilities();
        capabilities.setTextDocumentSync(TextDocumentSyncKind.Incremental);
        capabilities.setHoverProvider(true);
        capabilities.setCompletionProvider(new CompletionOptions(false, List.of(" ", "(", ",")));
        capabilities.setDefinitionProvider(true);
        capabilities.setReferencesProvider(true);
        capabilities.setDocumentSymbolProvider(true);
        capabilities.setDocumentFormattingProvider(true);
        capabilities.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix,
                CodeActionKind.RefactorRewrite)));
        capabilities.setRenameProvider(new RenameOptions(true));
        String version = NnLanguageServer.class.getPackage().getImplementationVersion();
        return CompletableFuture.completedFuture(new InitializeResult(capabilities,
                new ServerInfo("nnlang", version == null ? "development build" : version)));
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        documents.shutdown();
        exited.complete(shutdown ? 0 : 1);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return textDocuments;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return new WorkspaceService() {
            @Override
            public void didChangeConfiguration(org.eclipse.lsp4j.DidChangeConfigurationParams params) {
                // no settings
            }

            @Override
            public void didChangeWatchedFiles(org.eclipse.lsp4j.DidChangeWatchedFilesParams params) {
                // each file is checked alone
            }
        };
    }

    private static boolean snippetSupport(ClientCapabilities capabilities) {
        try {
            return Boolean.TRUE.equals(capabilities.getTextDocument().getCompletion().getCompletionItem().getSnippetSupport());
        } catch (NullPointerException e) {
            return false;
        }
    }
}
