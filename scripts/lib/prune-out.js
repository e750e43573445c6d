// Deletes compiled files in out/ whose TypeScript source is gone (a renamed or deleted test would otherwise keep
// running from its stale .js). Leaves everything else alone, so runs of other developers are not disturbed.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const out = path.join(root, 'out');
let pruned = 0;
function walk(dir) {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) { walk(full); continue; }
    const m = /^(.*)\.js(\.map)?$/.exec(e.name);
    if (!m) continue;
    const rel = path.relative(out, path.join(dir, m[1]));
    if (!fs.existsSync(path.join(root, `${rel}.ts`)) && !fs.existsSync(path.join(root, `${rel}.tsx`))) {
      fs.rmSync(full);
      pruned++;
    }
  }
}
walk(out);
if (pruned) console.log(`pruned ${pruned} stale file(s) from out/`);
