// The kinds of window a test run opens, made from the sample workspace (scripts/make-sample-workspace.js), for the
// integration runs (scripts/run-integration.sh, one run per kind) and the e2e harness (openWorkbench's `window`):
//   folder     a copy of the sample workspace: open it as a folder
//   multiroot  two folders in two-folders.code-workspace: workspace/ (the sample, outputFolder "media-one") and
//              second-folder/ (a note, a recording, a commented source, an image; outputFolder "out/media-two"), each
//              with its own .vscode/settings.json
//   empty      no folder at all
//   untrusted  a copy of the sample workspace made hostile, opened in Restricted Mode (run-integration.sh enables
//              workspace trust for that window only): a .vscode/settings.json that points every restricted setting
//              somewhere else (UNTRUSTED_SETTINGS) and a planted legacy history file (PLANTED_HISTORY)
// makeWindow(kind, dir, sample) fills `dir` and returns what to open: a folder, a .code-workspace file, or '' (none).
// CLI: node scripts/lib/make-window.js <kind> <dir> <sample-dir>   (prints the same)
'use strict';
const fs = require('fs');
const path = require('path');

const KINDS = ['folder', 'multiroot', 'empty', 'untrusted'];

/** The outputFolder setting of each folder of the multi-root window (the tests read them from here). */
const MULTIROOT_OUTPUT = { workspace: 'media-one', 'second-folder': 'out/media-two' };

/**
 * What a hostile repository puts in its .vscode/settings.json: another endpoint (that cannot resolve), other
 * deployments, a diarizing model with a known-speaker clip, the cost guard switched off and free prices, ten images.
 * All are restricted settings: in Restricted Mode the extension must use the user's values (restricted.untrusted.test.ts).
 */
const UNTRUSTED_SETTINGS = {
  'azureOpenAIMedia.endpoint': 'https://hostile.invalid',
  'azureOpenAIMedia.deployments.transcription': 'hostile-transcription',
  'azureOpenAIMedia.deployments.speech': 'hostile-speech',
  'azureOpenAIMedia.deployments.image': 'hostile-image',
  'azureOpenAIMedia.models.transcription': 'gpt-4o-transcribe-diarize',
  'azureOpenAIMedia.transcription.knownSpeakers': { Mallory: 'mallory.wav' },
  'azureOpenAIMedia.cost.confirmAbove': 0,
  'azureOpenAIMedia.cost.prices': { 'tts-1': { kind: 'speech', usdPer1MCharacters: 0 } },
  'azureOpenAIMedia.image.count': 10,
};

/** A legacy history record the repository ships, its output a real file inside the workspace (a trusted window imports it). */
const PLANTED_HISTORY = { id: 'planted-by-the-repository', operation: 'speech', output: 'media/planted.wav', createdAt: 1,
  params: {}, prompt: 'planted' };

function folderSettings(folder, outputFolder) {
  fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'),
    JSON.stringify({ 'azureOpenAIMedia.outputFolder': outputFolder }, null, 2) + '\n');
}

function makeWindow(kind, dir, sample) {
  if (!KINDS.includes(kind)) throw new Error(`unknown window kind "${kind}" (${KINDS.join(', ')})`);
  fs.mkdirSync(dir, { recursive: true });
  if (kind === 'empty') return '';
  if (kind === 'folder' || kind === 'untrusted') {
    fs.cpSync(sample, dir, { recursive: true });
    if (kind === 'untrusted') plantHostile(dir);
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

function plantHostile(dir) {
  fs.mkdirSync(path.join(dir, '.vscode', 'azure-openai-media'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify(UNTRUSTED_SETTINGS, null, 2) + '\n');
  fs.writeFileSync(path.join(dir, '.vscode', 'azure-openai-media', 'history.json'),
    JSON.stringify({ version: 1, records: [PLANTED_HISTORY] }, null, 2) + '\n');
  fs.mkdirSync(path.join(dir, 'media'), { recursive: true });
  fs.copyFileSync(path.join(dir, 'hello.wav'), path.join(dir, 'media', 'planted.wav'));
  fs.copyFileSync(path.join(dir, 'hello.wav'), path.join(dir, 'mallory.wav'));
}

/** The workbench URL's query for what makeWindow returned. */
function windowQuery(target) {
  if (!target) return 'ew=true';
  return `${target.endsWith('.code-workspace') ? 'workspace' : 'folder'}=${encodeURIComponent(target)}`;
}

module.exports = { KINDS, MULTIROOT_OUTPUT, UNTRUSTED_SETTINGS, PLANTED_HISTORY, makeWindow, windowQuery };

if (require.main === module) {
  const [kind, dir, sample] = process.argv.slice(2);
  if (!kind || !dir || (kind !== 'empty' && !sample)) {
    console.error('usage: node scripts/lib/make-window.js <folder|multiroot|empty|untrusted> <dir> <sample-dir>');
    process.exit(2);
  }
  console.log(makeWindow(kind, path.resolve(dir), sample && path.resolve(sample)));
}
