// The kinds of window a test run opens, made from the sample workspace (scripts/make-sample-workspace.js), for the
// integration runs (scripts/run-integration.sh, one run per kind) and the e2e harness (openWorkbench's `window`):
//   folder     a copy of the sample workspace: open it as a folder
//   multiroot  two folders in two-folders.code-workspace: workspace/ (the sample, outputFolder "media-one") and
//              second-folder/ (a note, a recording, a commented source, an image; outputFolder "out/media-two"), each
//              with its own .vscode/settings.json
//   empty      no folder at all
// makeWindow(kind, dir, sample) fills `dir` and returns what to open: a folder, a .code-workspace file, or '' (none).
// CLI: node scripts/lib/make-window.js <kind> <dir> <sample-dir>   (prints the same)
'use strict';
const fs = require('fs');
const path = require('path');

const KINDS = ['folder', 'multiroot', 'empty'];

/** The outputFolder setting of each folder of the multi-root window (the tests read them from here). */
const MULTIROOT_OUTPUT = { workspace: 'media-one', 'second-folder': 'out/media-two' };

function folderSettings(folder, outputFolder) {
  fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'),
    JSON.stringify({ 'azureOpenAIMedia.outputFolder': outputFolder }, null, 2) + '\n');
}

function makeWindow(kind, dir, sample) {
  if (!KINDS.includes(kind)) throw new Error(`unknown window kind "${kind}" (${KINDS.join(', ')})`);
  fs.mkdirSync(dir, { recursive: true });
  if (kind === 'empty') return '';
  if (kind === 'folder') {
    fs.cpSync(sample, dir, { recursive: true });
    return dir;
  }
  const first = path.join(dir, 'workspace');
  const second = path.join(dir, 'second-folder');
  fs.cpSync(sample, first, { recursive: true });
  fs.mkdirSync(second, { recursive: true });
  for (const name of ['hello.wav', 'fox.ts', 'landscape.png', 'landscape.mask.png', 'notes.md']) {
    fs.copyFileSync(path.join(sample, name), path.join(second, name));
  }
  fs.writeFileSync(path.join(second, 'second-note.txt'),
    'A note in the second folder.\nThe second folder keeps its own recordings.\n');
  folderSettings(first, MULTIROOT_OUTPUT.workspace);
  folderSettings(second, MULTIROOT_OUTPUT['second-folder']);
  const file = path.join(dir, 'two-folders.code-workspace');
  fs.writeFileSync(file, JSON.stringify({ folders: [{ path: 'workspace' }, { path: 'second-folder' }], settings: {} }, null, 2) + '\n');
  return file;
}

/** The workbench URL's query for what makeWindow returned. */
function windowQuery(target) {
  if (!target) return 'ew=true';
  return `${target.endsWith('.code-workspace') ? 'workspace' : 'folder'}=${encodeURIComponent(target)}`;
}

module.exports = { KINDS, MULTIROOT_OUTPUT, makeWindow, windowQuery };

if (require.main === module) {
  const [kind, dir, sample] = process.argv.slice(2);
  if (!kind || !dir || (kind !== 'empty' && !sample)) {
    console.error('usage: node scripts/lib/make-window.js <folder|multiroot|empty> <dir> <sample-dir>');
    process.exit(2);
  }
  console.log(makeWindow(kind, path.resolve(dir), sample && path.resolve(sample)));
}
