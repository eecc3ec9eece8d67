package nnlang.lsp;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The documents the editor has open, their analyses and the publishing of their diagnostics.
 *
 * <p>Texts change on the protocol's thread, in the order the editor sends them. Everything else
 * runs on one analysis thread, in order: a feature asked for after a change sees the changed text,
 * and an analysis is computed at most once per version and texts of the open files it imports.
 * A document is checked with the editor's texts of the files it imports, saved or not. Diagnostics
 * are published when a document opens and, after a change, once no further change has come for the
 * debounce delay; then the open documents that import the changed one, directly or not, are checked
 * again and theirs are published too (also when it closes, as they now read it from disk). The analysis
 * thread has a large stack, so that the deepest text the front end accepts cannot overflow it; a
 * failure inside a feature is reported to the client's log and the feature answers nothing.
 */
final class OpenDocuments {
    static final long DEFAULT_DEBOUNCE_MILLIS = 150;
    private static final long STACK_BYTES = 64L << 20;

    private record Text(int version, String text) {}

    private final Map<String, Text> texts = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    /** Touched on the analysis thread only. */
    private final Map<String, Analysis> analyses = new HashMap<>();
    /** Documents whose publication is queued on the analysis thread; touched there only. */
    private final Set<String> queued = new HashSet<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> daemon(r, "nnlang-analysis", STACK_BYTES));
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "nnlang-debounce", 0));
    private volatile LanguageClient client;
    private volatile long debounceMillis = DEFAULT_DEBOUNCE_MILLIS;

    void connect(LanguageClient client) {
        this.client = client;
    }

    void debounce(long millis) {
        debounceMillis = Math.max(0, millis);
    }

    void open(String uri, int version, String text) {
        texts.put(uri, new Text(version, text));
        publishAfter(uri, 0);
    }

    /** Applies the editor's changes in order: whole texts, or ranges replaced. */
    void change(String uri, int version, List<TextDocumentContentChangeEvent> changes) {
        Text current = texts.get(uri);
        if (current == null) {
            return;
        }
        String text = current.text();
        for (TextDocumentContentChangeEvent change : changes) {
            if (change.getRange() == null) {
                text = change.getText();
            } else {
                LineMap lines = new LineMap(text);
                int start = lines.offset(change.getRange().getStart());
                int end = Math.max(start, lines.offset(change.getRange().getEnd()));
                text = text.substring(0, start) + change.getText() + text.substring(end);
            }
        }
        texts.put(uri, new Text(version, text));
        publishAfter(uri, debounceMillis);
    }

    void close(String uri) {
        texts.remove(uri);
        ScheduledFuture<?> scheduled = pending.remove(uri);
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        worker.execute(() -> {
            analyses.remove(uri);
            LanguageClient c = client;
            if (c != null) {
                c.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
            }
            recheckDependents();
        });
    }

    /**
     * Runs {@code feature} on the document's current analysis on the analysis thread; {@code none}
     * when the document is not open or the feature fails.
     */
    <T> CompletableFuture<T> read(String uri, String featureName, Function<Analysis, T> feature, T none) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Analysis a = analysis(uri, false);
                return a == null ? none : feature.apply(a);
            } catch (RuntimeException | StackOverflowError e) {
                logFailure(featureName, uri, e);
                return none;
            }
        }, worker);
    }

    /** Text as the editor has it now, for tests of change handling and for tools; null when not open. */
    String text(String uri) {
        Text t = texts.get(uri);
        return t == null ? null : t.text();
    }

    void shutdown() {
        timer.shutdownNow();
        worker.shutdownNow();
    }

    private void publishAfter(String uri, long delay) {
        ScheduledFuture<?> previous = pending.put(uri, timer.schedule(() -> worker.execute(() -> publish(uri)),
                delay, TimeUnit.MILLISECONDS));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private void publish(String uri) {
        LanguageClient c = client;
        try {
            Analysis a = analysis(uri, true);
            if (a != null && c != null) {
                c.publishDiagnostics(new PublishDiagnosticsParams(uri, Diagnostics.of(a), a.version()));
            }
        } catch (RuntimeException | StackOverflowError e) {
            logFailure("diagnostics", uri, e);
        }
        recheckDependents();
    }

    /**
     * Publishes again, each as its own step, the diagnostics of the open documents whose analysis read
     * an editor's text that has changed since: those that import a changed or closed document.
     */
    private void recheckDependents() {
        Map<Path, String> open = openTexts();
        analyses.forEach((uri, a) -> {
            if (texts.containsKey(uri) && a.outdatedBy(open)) {
                publishNext(uri);
            }
        });
    }

    /** Queues a publication of the document on the analysis thread unless one is queued already. */
    private void publishNext(String uri) {
        if (queued.add(uri)) {
            worker.execute(() -> {
                queued.remove(uri);
                publish(uri);
            });
        }
    }

    /** The texts the editor has open, by file path (documents that are no files left out). */
    private Map<Path, String> openTexts() {
        Map<Path, String> open = new HashMap<>();
        texts.forEach((uri, t) -> {
            Path path = Analysis.path(uri);
            if (path != null) {
                open.put(path, t.text());
            }
        });
        return open;
    }

    /**
     * The analysis of the document's current text, computed when the text, or the editor's text of a
     * file it imports, changed since the last one; {@code publishing} when its diagnostics are about to
     * be published, else they are published after an import's change.
     */
    private Analysis analysis(String uri, boolean publishing) {
        Text t = texts.get(uri);
        if (t == null) {
            return null;
        }
        Analysis a = analyses.get(uri);
        Map<Path, String> open = openTexts();
        boolean own = a == null || a.version() != t.version() || a.text() != t.text();
        if (own || a.outdatedBy(open)) {
            a = Analysis.of(uri, t.version(), t.text(), a, open);
            analyses.put(uri, a);
            if (!own && !publishing) {
                // An import changed: the editor shows the diagnostics of the text as it checks now.
                publishNext(uri);
            }
        }
        return a;
    }

    private void logFailure(String feature, String uri, Throwable e) {
        LanguageClient c = client;
        if (c != null) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            c.logMessage(new MessageParams(MessageType.Error, "nnlang: " + feature + " failed on " + uri + ": " + trace));
        }
    }

    private static Thread daemon(Runnable r, String name, long stack) {
        Thread t = new Thread(null, r, name, stack);
        t.setDaemon(true);
        return t;
    }
}
