// The nnlang extension: colouring comes from the TextMate grammar; everything else from the nnlang
// language server, which this starts as `java -jar nnlang.jar lsp` for the .nn files of the window.
'use strict';

const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

/** The jar the settings name, else cli/target/nnlang.jar in a workspace folder; undefined if none exists. */
function serverJar() {
  const configured = vscode.workspace.getConfiguration('nnlang').get('jar');
  if (configured) {
    return configured;
  }
  for (const folder of vscode.workspace.workspaceFolders || []) {
    const candidate = path.join(folder.uri.fsPath, 'cli', 'target', 'nnlang.jar');
    if (fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

async function start(context) {
  const jar = serverJar();
  if (!jar || !fs.existsSync(jar)) {
    vscode.window.showErrorMessage(
      'nnlang: no language server jar' + (jar ? ' at ' + jar : '') + '. Build it with '
      + '"mvn -B -ntp package -DskipTests" in the nnlang repository and set "nnlang.jar" to its '
      + 'cli/target/nnlang.jar.');
    return;
  }
  const java = vscode.workspace.getConfiguration('nnlang').get('java') || 'java';
  const serverOptions = { command: java, args: ['-jar', jar, 'lsp'], transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'nn' }, { scheme: 'untitled', language: 'nn' }],
  };
  client = new LanguageClient('nnlang', 'nnlang language server', serverOptions, clientOptions);
  await client.start();
}

async function stop() {
  if (client) {
    const running = client;
    client = undefined;
    await running.stop();
  }
}

async function activate(context) {
  context.subscriptions.push(vscode.commands.registerCommand('nnlang.restartServer', async () => {
    await stop();
    await start(context);
  }));
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (event) => {
    if (event.affectsConfiguration('nnlang')) {
      await stop();
      await start(context);
    }
  }));
  await start(context);
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
