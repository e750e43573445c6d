#!/usr/bin/env node
// Writes the English bundle: @vscode/l10n-dev's export of every literal vscode.l10n.t / @vscode/l10n t call in src/,
// then the core's sentences (src/core/sentences.ts) and the catalog's labels and descriptions
// (src/core/catalog/strings.ts): data that the export cannot see, but that the extension and the page word through
// vscode.l10n.t(text) / l10n.t(text) all the same (core/messages.ts `wordsOf`).
// Usage: node scripts/l10n-export.js [out-dir]   (default ./l10n; scripts/lib/check-l10n.sh writes to a temporary one)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { loadTs } = require('./lib/load-ts');

const root = path.join(__dirname, '..');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'l10n'));

execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/l10n-dev/dist/cli.js'), 'export', '-o', outDir, './src'],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

// The core is TypeScript: load its modules as scripts/gen-manifest.js loads the catalog's manifest module.
const strings = loadTs(path.join(root, 'src/core/catalog/strings.ts'));
const { MESSAGES } = loadTs(path.join(root, 'src/core/sentences.ts'));

const file = path.join(outDir, 'bundle.l10n.json');
const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
const add = (texts) => {
  let added = 0;
  for (const text of texts) {
    if (text in bundle) continue;
    bundle[text] = text;
    added++;
  }
  return added;
};
const fromCore = add(Object.values(MESSAGES));
const fromCatalog = add(strings.catalogStrings());
fs.writeFileSync(file, JSON.stringify(bundle, null, 2));
console.log(`${file}: ${Object.keys(bundle).length} messages (${fromCore} from the core's sentences, ${fromCatalog} from the catalog)`);
