// The extension as packaged loads: every module extension.js requires, directly or through the
// language client, is among the files vsce puts into the .vsix (the `vscode` module, which VS Code
// provides, is stood in for by an object that answers everything).
'use strict';

const path = require('path');
const Module = require('module');
const { execFileSync } = require('child_process');

const extension = path.join(__dirname, '..');
const listed = execFileSync(path.join(extension, 'node_modules', '.bin', 'vsce'), ['ls'], { cwd: extension, encoding: 'utf8' })
  .split('\n').map((line) => line.trim()).filter((line) => line !== '');
const packaged = new Set(listed.map((file) => path.join(extension, file)));

function standIn() {
  return new Proxy(function () {}, {
    get: (target, property) => (property === 'prototype' ? {} : standIn()),
    construct: () => standIn(),
    apply: () => standIn(),
  });
}

const resolve = Module._resolveFilename;
const required = new Set();
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'vscode') {
    return 'vscode';
  }
  const file = resolve.call(this, request, parent, ...rest);
  if (path.isAbsolute(file) && file.startsWith(extension)) {
    required.add(file);
    if (!packaged.has(file)) {
      throw new Error(path.relative(extension, file) + ' is required by ' + path.relative(extension, parent.filename)
        + ' but not packaged');
    }
  }
  return file;
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: standIn() };

const loaded = require(path.join(extension, 'extension.js'));
if (typeof loaded.activate !== 'function' || typeof loaded.deactivate !== 'function') {
  throw new Error('extension.js exports no activate and deactivate');
}
console.log('The packaged extension loads: ' + required.size + ' modules of ' + packaged.size + ' packaged files.');
console.log('package: 1 passed, 0 failed');
