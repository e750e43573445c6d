// Writes the catalog's part of package.json (the settings' types, defaults, values and bounds), package.nls.json
// (the models.* descriptions; a new setting's description) and README.md (the models table and the settings tables)
// from src/core/catalog. Run after changing the catalog: `node scripts/gen-manifest.js`; `--check` only reports.
// test/unit/catalogManifest.test.ts fails while the files disagree with the catalog.
'use strict';
const fs = require('fs');
const path = require('path');
const { loadTs } = require('./lib/load-ts');

const root = path.join(__dirname, '..');
const check = process.argv.includes('--check');

// The catalog is TypeScript: scripts/lib/load-ts.js bundles its manifest module in memory and loads it.
const { applyToManifest, applyToReadme } = loadTs(path.join(root, 'src/core/catalog/manifest.ts'));

const read = (name) => fs.readFileSync(path.join(root, name), 'utf8');
const files = { 'package.json': read('package.json'), 'package.nls.json': read('package.nls.json'), 'README.md': read('README.md') };
const { manifest, nls } = applyToManifest(JSON.parse(files['package.json']), JSON.parse(files['package.nls.json']));
const next = {
  'package.json': JSON.stringify(manifest, null, 2) + '\n',
  'package.nls.json': JSON.stringify(nls, null, 2) + '\n',
  'README.md': applyToReadme(files['README.md'], manifest, nls),
};

let stale = 0;
for (const [name, text] of Object.entries(next)) {
  if (text === files[name]) continue;
  stale++;
  if (check) console.log(`${name} disagrees with the catalog`);
  else {
    fs.writeFileSync(path.join(root, name), text);
    console.log(`wrote ${name}`);
  }
}
if (!stale) console.log('package.json, package.nls.json and README.md agree with the catalog');
process.exitCode = check && stale ? 1 : 0;
