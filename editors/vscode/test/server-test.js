// The language server as the extension starts it, `java -jar nnlang.jar lsp`, driven by the JSON-RPC
// library the VS Code client is built on: it initialises, publishes diagnostics for an opened and a changed file,
// answers a hover and a completion, and exits with status 0 after shutdown and exit. Skipped, with a
// line that says so, when the jar is not built (mvn package builds cli/target/nnlang.jar).
'use strict';

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const rpc = require('vscode-jsonrpc/node');

const repository = path.join(__dirname, '..', '..', '..');
const jar = process.env.NNLANG_JAR || path.join(repository, 'cli', 'target', 'nnlang.jar');
if (!fs.existsSync(jar)) {
  console.log('server: skipped, ' + jar + ' is not built');
  process.exit(0);
}

const file = path.join(repository, 'examples', 'mnist', 'mnist.nn');
const uri = 'file://' + file;
const clean = fs.readFileSync(file, 'utf8');
const text = clean.replace('dense(10, sigmoid)', 'dense(10, sigmiod)');
const lines = text.split('\n');
const server = spawn(process.env.JAVA || 'java', ['-jar', jar, 'lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout),
  new rpc.StreamMessageWriter(server.stdin));
const timeout = setTimeout(() => fail('no answer within 60 s'), 60000);

function fail(message) {
  console.error('server: ' + message);
  server.kill();
  process.exit(1);
}

function expect(condition, message) {
  if (!condition) fail(message);
}

const published = [];
const waiting = [];
connection.onNotification('textDocument/publishDiagnostics', (params) => {
  const next = waiting.shift();
  if (next) next(params); else published.push(params);
});
const diagnostics = () => (published.length > 0 ? Promise.resolve(published.shift())
  : new Promise((resolve) => waiting.push(resolve)));
connection.listen();

(async () => {
  const init = await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  expect(init.serverInfo.name === 'nnlang', 'initialize answered ' + JSON.stringify(init.serverInfo));
  expect(init.capabilities.hoverProvider && init.capabilities.completionProvider, 'hover and completion offered');
  connection.sendNotification('initialized', {});
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'nn', version: 1, text: clean } });
  const opened = await diagnostics();
  expect(opened.diagnostics.length === 0, 'the example checks: ' + JSON.stringify(opened.diagnostics));
  connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 },
    contentChanges: [{ text }] });
  const changed = await diagnostics();
  expect(changed.version === 2 && changed.diagnostics.length === 1 && changed.diagnostics[0].code === 'unknown-activation',
    'diagnostics: ' + JSON.stringify(changed));
  const hiddenLine = lines.findIndex((l) => l.includes('layer hidden'));
  const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri },
    position: { line: hiddenLine, character: lines[hiddenLine].indexOf('hidden') } });
  expect(hover && hover.contents.value.includes('layer **hidden** · 30 sigmoid neurons'), 'hover: ' + JSON.stringify(hover));
  const optimizerLine = lines.findIndex((l) => l.includes('optimizer sgd'));
  const completion = await connection.sendRequest('textDocument/completion', { textDocument: { uri },
    position: { line: optimizerLine, character: lines[optimizerLine].indexOf('sgd') } });
  const labels = completion.map((c) => c.label);
  expect(labels[0] === 'sgd' && labels.includes('momentum') && !labels.includes('sigmoid'),
    'completion offers the optimizers, sgd first: ' + JSON.stringify(labels));
  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  server.on('exit', (status) => {
    clearTimeout(timeout);
    expect(status === 0, 'the server exited with status ' + status);
    console.log('The server answers the client library: diagnostics, hover, completion, shutdown.');
    console.log('server: 1 passed, 0 failed');
    process.exit(0);
  });
})().catch((e) => fail(e.stack || String(e)));
