// The TextMate grammar's tests. First the cases in test/cases, whose comments state the scopes
// their lines must get (vscode-tmgrammar-test). Then every example and golden file of the
// repository, tokenised by vscode-tmgrammar-snap: every character outside whitespace must get a
// scope of its own, a statement keyword at the start of a line must be coloured as one, a number
// as a number, and only characters the language has no use for may be marked invalid.
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const here = __dirname;
const extension = path.join(here, '..');
const repository = path.join(extension, '..', '..');
const grammar = path.join(extension, 'syntaxes', 'nn.tmLanguage.json');
const bin = (name) => path.join(extension, 'node_modules', '.bin', name);

function run(tool, args) {
  execFileSync(bin(tool), args, { cwd: extension, stdio: 'inherit' });
}

function sourceFiles() {
  const files = [];
  const examples = path.join(repository, 'examples');
  for (const dir of fs.readdirSync(examples)) {
    const folder = path.join(examples, dir);
    if (fs.statSync(folder).isDirectory()) {
      for (const f of fs.readdirSync(folder)) {
        if (f.endsWith('.nn')) files.push(path.join(folder, f));
      }
    }
  }
  const golden = path.join(repository, 'grammar', 'src', 'test', 'resources', 'golden');
  for (const f of fs.readdirSync(golden)) {
    if (f.endsWith('.nn')) files.push(path.join(golden, f));
  }
  return files.sort();
}

/** The lines of a .snap file: each source line with its tokens (start, end, scopes). */
function parseSnapshot(text) {
  const lines = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('>')) {
      lines.push({ source: line.substring(1), tokens: [] });
    } else if (line.startsWith('#') && lines.length > 0) {
      const start = line.indexOf('^');
      let end = start;
      while (line[end] === '^') end++;
      lines[lines.length - 1].tokens.push({ start: start - 1, end: end - 1, scopes: line.substring(end + 1).split(' ') });
    }
  }
  return lines;
}

const STATEMENTS = /^\s*(import|let|fixed|trainable|part|network|input|neuron|layer|output|train|activation|data|validation|test|cost|optimizer|schedule|epochs|init|seed|report|expect|stop|keep|shards)\b(?!\s*:)/;
const NUMBER = /^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const LANGUAGE_CHARACTERS = /[A-Za-z0-9_{}\[\]()=:;,.\-+*\/^"<>]/;

function check(name, lines, problems) {
  lines.forEach((line, index) => {
    const where = name + ':' + (index + 1);
    const keyword = STATEMENTS.exec(line.source);
    for (const token of line.tokens) {
      const text = line.source.substring(token.start, token.end);
      const scopes = token.scopes.join(' ');
      const code = !/comment|string/.test(scopes);
      if (text.trim() !== '' && token.scopes.length === 1) {
        problems.push(where + ': "' + text + '" has no scope of its own');
      }
      if (code && /invalid/.test(scopes) && LANGUAGE_CHARACTERS.test(text)) {
        problems.push(where + ': "' + text + '" is marked invalid, but the language uses it');
      }
      if (code && NUMBER.test(text) && !/constant\.numeric/.test(scopes)) {
        problems.push(where + ': the number "' + text + '" is coloured ' + scopes);
      }
      if (code && keyword && token.start === line.source.indexOf(keyword[1]) && !/storage\.(?:type|modifier)|keyword/.test(scopes)) {
        problems.push(where + ': the statement keyword "' + keyword[1] + '" is coloured ' + scopes);
      }
    }
  });
}

run('vscode-tmgrammar-test', ['-g', grammar, 'test/cases/*.nn']);

const copies = path.join(here, 'sources');
fs.rmSync(copies, { recursive: true, force: true });
fs.mkdirSync(copies);
const files = sourceFiles();
for (const file of files) {
  const group = path.basename(path.dirname(file));
  fs.copyFileSync(file, path.join(copies, group + '--' + path.basename(file)));
}
execFileSync(bin('vscode-tmgrammar-snap'), ['-g', grammar, '-s', 'source.nn', '-u', 'test/sources/*.nn'],
  { cwd: extension, stdio: 'ignore' });
const problems = [];
for (const copy of fs.readdirSync(copies).filter((f) => f.endsWith('.nn'))) {
  const snapshot = path.join(copies, copy + '.snap');
  check(copy.replace('--', '/'), parseSnapshot(fs.readFileSync(snapshot, 'utf8')), problems);
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(problems.length + ' problems in the colouring of the examples and golden files');
  process.exit(1);
}
console.log('The colouring of ' + files.length + ' examples and golden files is as the language reads them.');
console.log('grammar: ' + (fs.readdirSync(path.join(here, 'cases')).length + files.length) + ' passed, 0 failed');
