// Exit 0 when node_modules matches package-lock.json (every non-optional locked package installed at its locked
// version, according to npm's own node_modules/.package-lock.json), 1 when `npm ci` is needed (the reason on stderr).
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const stale = (why) => { console.error(`node_modules is stale: ${why}`); process.exit(1); };
const read = (p) => JSON.parse(fs.readFileSync(path.join(root, p), 'utf8'));

if (!fs.existsSync(path.join(root, 'node_modules'))) stale('missing');
let lock, hidden;
try { lock = read('package-lock.json'); } catch (e) { stale(`cannot read package-lock.json: ${e.message}`); }
try { hidden = read('node_modules/.package-lock.json'); } catch { stale('no node_modules/.package-lock.json'); }
const installed = hidden.packages || {};
for (const [p, entry] of Object.entries(lock.packages || {})) {
  if (!p.startsWith('node_modules/') || entry.link) continue;
  const have = installed[p];
  if (!have) {
    if (entry.optional || entry.peer) continue; // platform-specific optional packages are legitimately absent
    stale(`${p} not installed`);
  }
  if (have.version !== entry.version) stale(`${p} is ${have.version}, lock wants ${entry.version}`);
  if (!fs.existsSync(path.join(root, p))) stale(`${p} listed but missing on disk`);
}
