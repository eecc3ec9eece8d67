package nnlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;

/**
 * {@code nnlang lsp} as an editor starts it: a child JVM speaking the protocol on its standard input
 * and output, which publishes diagnostics and exits with status 0 after shutdown and exit.
 */
class LspCommandTest {

    @Test
    void anEditorSessionOverStandardInputAndOutput() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "lsp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            List<PublishDiagnosticsParams> published = new CopyOnWriteArrayList<>();
            CompletableFuture<PublishDiagnosticsParams> first = new CompletableFuture<>();
            LanguageClient client = new LanguageClient() {
                @Override
                public void publishDiagnostics(PublishDiagnosticsParams params) {
                    published.add(params);
                    first.complete(params);
                }

                @Override
                public void telemetryEvent(Object object) {
                }

                @Override
                public void showMessage(MessageParams params) {
                }

                @Override
                public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public void logMessage(MessageParams params) {
                }
            };
            Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, child.getInputStream(),
                    child.getOutputStream());
            launcher.startListening();
            LanguageServer server = launcher.getRemoteProxy();
            InitializeResult init = server.initialize(new InitializeParams()).get(30, TimeUnit.SECONDS);
            assertEquals("nnlang", init.getServerInfo().getName());
            server.initialized(new InitializedParams());
            server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(
                    "file:///tmp/typo.nn", "nn", 1, "network T {\n    input x1\n    neuron o = sigmoid(x2: 1, bias: 0)\n}\n")));
            PublishDiagnosticsParams diagnostics = first.get(30, TimeUnit.SECONDS);
            assertEquals("unknown-name", diagnostics.getDiagnostics().get(0).getCode().getLeft());
            server.shutdown().get(30, TimeUnit.SECONDS);
            server.exit();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the server ends after exit");
            assertEquals(0, child.exitValue());
        } finally {
            child.destroyForcibly();
        }
    }
}
