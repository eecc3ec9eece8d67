package nnlang.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import com.google.gson.JsonObject;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionCapabilities;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemCapabilities;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolCapabilities;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * An editor's side of a session with a fresh server: LSP4J's client launcher and the server's
 * {@link NnLanguageServer#run}, joined by two operating-system pipes, so that every request and
 * notification is JSON-RPC on a stream as with a real editor. Waits are bounded, so a hung server
 * fails the test instead of stopping it.
 */
final class LspSession implements AutoCloseable {
    static final long TIMEOUT_SECONDS = 20;

    private final LanguageServer server;
    private final RecordingClient client = new RecordingClient();
    private final Thread serverThread;
    private final AtomicInteger exitStatus = new AtomicInteger(-1);
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();
    private final Map<String, String> texts = new ConcurrentHashMap<>();
    final InitializeResult initialized;

    /** A session whose diagnostics are published {@code debounceMillis} after the last change. */
    LspSession(long debounceMillis) {
        try {
            Pipe toServer = Pipe.open();
            Pipe toClient = Pipe.open();
            InputStream serverIn = Channels.newInputStream(toServer.source());
            OutputStream serverOut = Channels.newOutputStream(toClient.sink());
            serverThread = new Thread(() -> exitStatus.set(NnLanguageServer.run(serverIn, serverOut)), "server");
            serverThread.setDaemon(true);
            serverThread.start();
            Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client,
                    Channels.newInputStream(toClient.source()), Channels.newOutputStream(toServer.sink()));
            launcher.startListening();
            server = launcher.getRemoteProxy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InitializeParams params = new InitializeParams();
        JsonObject options = new JsonObject();
        options.addProperty("debounceMillis", debounceMillis);
        params.setInitializationOptions(options);
        TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
        text.setCompletion(new CompletionCapabilities(new CompletionItemCapabilities(false)));
        DocumentSymbolCapabilities symbols = new DocumentSymbolCapabilities();
        symbols.setHierarchicalDocumentSymbolSupport(true);
        text.setDocumentSymbol(symbols);
        params.setCapabilities(new ClientCapabilities(null, text, null));
        initialized = get(server.initialize(params));
        server.initialized(new InitializedParams());
    }

    LspSession() {
        this(0);
    }

    static String uri(Path file) {
        return file.toAbsolutePath().normalize().toUri().toString();
    }

    /** Opens a file with its text on disk; returns its URI. */
    String open(Path file) {
        try {
            return open(uri(file), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String open(String uri, String text) {
        versions.put(uri, 1);
        texts.put(uri, text);
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "nn", 1, text)));
        return uri;
    }

    /** Replaces the whole text, as a new version; returns the version. */
    int change(String uri, String text) {
        return change(uri, text, new TextDocumentContentChangeEvent(text));
    }

    /** Sends one edit of a range, as editors do while typing; {@code expected} is the text after it. */
    int change(String uri, String expected, TextDocumentContentChangeEvent edit) {
        int version = versions.merge(uri, 1, Integer::sum);
        texts.put(uri, expected);
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), List.of(edit)));
        return version;
    }

    void close(String uri) {
        server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
    }

    String text(String uri) {
        return texts.get(uri);
    }

    /** The diagnostics published for the document's current version. */
    List<Diagnostic> diagnostics(String uri) {
        return client.await(uri, versions.getOrDefault(uri, 1)).getDiagnostics();
    }

    /** Every publication for the document so far, in order. */
    List<PublishDiagnosticsParams> publications(String uri) {
        return client.published(uri);
    }

    /** The diagnostics of publication number {@code n} (from 0) for the document, waiting for it. */
    List<Diagnostic> publication(String uri, int n) {
        return client.awaitNth(uri, n).getDiagnostics();
    }

    String hoverText(String uri, Position p) {
        return hoverText(uri, p.getLine(), p.getCharacter());
    }

    List<CompletionItem> completion(String uri, Position p) {
        return completion(uri, p.getLine(), p.getCharacter());
    }

    List<String> completionLabels(String uri, Position p) {
        return completionLabels(uri, p.getLine(), p.getCharacter());
    }

    Hover hover(String uri, int line, int character) {
        return get(server.getTextDocumentService().hover(new HoverParams(id(uri), new Position(line, character))));
    }

    /** The hover's text, or "" when there is none. */
    String hoverText(String uri, int line, int character) {
        Hover hover = hover(uri, line, character);
        return hover == null ? "" : hover.getContents().getRight().getValue();
    }

    List<CompletionItem> completion(String uri, int line, int character) {
        return get(server.getTextDocumentService().completion(new CompletionParams(id(uri), new Position(line, character))))
                .getLeft();
    }

    List<String> completionLabels(String uri, int line, int character) {
        return completion(uri, line, character).stream().map(CompletionItem::getLabel).toList();
    }

    List<? extends Location> definition(String uri, Position p) {
        return definition(uri, p.getLine(), p.getCharacter());
    }

    List<? extends Location> references(String uri, Position p, boolean includeDeclaration) {
        return references(uri, p.getLine(), p.getCharacter(), includeDeclaration);
    }

    WorkspaceEdit rename(String uri, Position p, String name) {
        return rename(uri, p.getLine(), p.getCharacter(), name);
    }

    List<? extends Location> definition(String uri, int line, int character) {
        return get(server.getTextDocumentService().definition(new DefinitionParams(id(uri), new Position(line, character))))
                .getLeft();
    }

    List<? extends Location> references(String uri, int line, int character, boolean includeDeclaration) {
        return get(server.getTextDocumentService().references(new ReferenceParams(id(uri), new Position(line, character),
                new ReferenceContext(includeDeclaration))));
    }

    List<DocumentSymbol> symbols(String uri) {
        return get(server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(id(uri)))).stream()
                .map(e -> e.getRight()).toList();
    }

    List<? extends TextEdit> formatting(String uri) {
        return get(server.getTextDocumentService().formatting(new DocumentFormattingParams(id(uri),
                new FormattingOptions(4, true))));
    }

    List<CodeAction> codeActions(String uri, Range range) {
        return get(server.getTextDocumentService().codeAction(new CodeActionParams(id(uri), range,
                new CodeActionContext(List.of())))).stream().map(e -> e.getRight()).toList();
    }

    WorkspaceEdit rename(String uri, int line, int character, String name) {
        return get(server.getTextDocumentService().rename(new RenameParams(id(uri), new Position(line, character), name)));
    }

    /** What the server wrote to the client's log at error level: a failure inside a feature. */
    List<String> errors() {
        return client.messages.stream().filter(m -> m.getType() == MessageType.Error).map(MessageParams::getMessage)
                .toList();
    }

    /** Ends the session as an editor does: shutdown, exit; returns the server's exit status. */
    int shutdown() {
        get(server.shutdown());
        server.exit();
        try {
            serverThread.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (serverThread.isAlive()) {
            throw new AssertionError("the server did not end after exit");
        }
        return exitStatus.get();
    }

    @Override
    public void close() {
        if (serverThread.isAlive()) {
            shutdown();
        }
    }

    /** The edits applied to a text, last first so that earlier ranges stay valid. */
    static String apply(String text, List<? extends TextEdit> edits) {
        LineMap lines = new LineMap(text);
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort((a, b) -> Integer.compare(lines.offset(b.getRange().getStart()), lines.offset(a.getRange().getStart())));
        String result = text;
        for (TextEdit edit : sorted) {
            int start = lines.offset(edit.getRange().getStart());
            int end = lines.offset(edit.getRange().getEnd());
            result = result.substring(0, start) + edit.getNewText() + result.substring(end);
        }
        return result;
    }

    /** Where the {@code nth} (from 0) occurrence of {@code needle} starts in {@code text}, plus {@code offset} characters. */
    static Position position(String text, String needle, int nth, int offset) {
        int at = -1;
        for (int i = 0; i <= nth; i++) {
            at = text.indexOf(needle, at + 1);
            if (at < 0) {
                throw new AssertionError(needle + " occurs fewer than " + (nth + 1) + " times");
            }
        }
        return new LineMap(text).position(at + offset);
    }

    static Position position(String text, String needle) {
        return position(text, needle, 0, 0);
    }

    private static TextDocumentIdentifier id(String uri) {
        return new TextDocumentIdentifier(uri);
    }

    static <T> T get(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not answer", e);
        }
    }

    /** The editor: records what the server publishes and logs. */
    static final class RecordingClient implements LanguageClient {
        private final Map<String, List<PublishDiagnosticsParams>> published = new ConcurrentHashMap<>();
        final List<MessageParams> messages = new CopyOnWriteArrayList<>();

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            synchronized (this) {
                published.computeIfAbsent(params.getUri(), u -> new CopyOnWriteArrayList<>()).add(params);
                notifyAll();
            }
        }

        synchronized PublishDiagnosticsParams await(String uri, int version) {
            return awaitFirst(uri, all -> all.stream().filter(p -> p.getVersion() != null && p.getVersion() == version)
                    .findFirst(), "no diagnostics for version " + version + " of " + uri);
        }

        /** The publication number {@code n} (from 0) for the document, once there is one. */
        synchronized PublishDiagnosticsParams awaitNth(String uri, int n) {
            return awaitFirst(uri, all -> all.size() > n ? Optional.of(all.get(n)) : Optional.empty(),
                    "no publication " + n + " for " + uri);
        }

        /** What {@code pick} finds in the document's publications, waiting for them until it finds something. */
        private synchronized PublishDiagnosticsParams awaitFirst(String uri,
                Function<List<PublishDiagnosticsParams>, Optional<PublishDiagnosticsParams>> pick, String failure) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (true) {
                Optional<PublishDiagnosticsParams> found = pick.apply(published(uri));
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(failure);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }

        List<PublishDiagnosticsParams> published(String uri) {
            return List.copyOf(published.getOrDefault(uri, List.of()));
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams params) {
            messages.add(params);
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            messages.add(new MessageParams(params.getType(), params.getMessage()));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams params) {
            messages.add(params);
        }
    }
}
