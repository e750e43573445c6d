// Checks a packaged .vsix holds only what a user needs: the manifest, README, LICENSE, CHANGELOG, l10n files, the
// bundles in dist/ and media/, and nothing else (no sources, tests, node_modules, source maps, work dirs).
// Usage: node check-vsix.js <file.vsix>   Exit 1 with the offending entries listed.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const vsix = process.argv[2];
if (!vsix || !fs.existsSync(vsix)) { console.error('usage: check-vsix.js <file.vsix>'); process.exit(2); }
const root = path.resolve(__dirname, '..', '..');

// The zip's entry names, read with Python's zipfile (present on Debian; no npm dependency needed).
const names = execFileSync('python3', ['-c',
  'import sys, zipfile, json; print(json.dumps(zipfile.ZipFile(sys.argv[1]).namelist()))', vsix]).toString();
const entries = JSON.parse(names).filter((n) => !n.endsWith('/'));

const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/package\.nls(\.[\w-]+)?\.json$/,
  /^extension\/(readme|changelog)\.md$/i, // vsce stores them as readme.md / changelog.md
  /^extension\/LICENSE(\.txt|\.md)?$/,
  /^extension\/dist\/[^]+$/,
  /^extension\/media\/[^]+$/,
  /^extension\/docs\/[\w.-]+\.(png|gif|svg|jpg)$/, // the README's screenshots, shown by VS Code's extension page
  /^extension\/l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
];
const FORBIDDEN = [/\.map$/, /\.ts$/, /(^|\/)node_modules\//, /(^|\/)(src|out|test|scripts|\.vstest|\.artifacts|\.team|\.ci)\//];

const problems = [];
for (const e of entries) {
  if (!ALLOWED.some((r) => r.test(e))) problems.push(`not allowed: ${e}`);
  else if (FORBIDDEN.some((r) => r.test(e.replace(/^extension\//, '')) && !/\.d\.ts$/.test(e))) problems.push(`forbidden: ${e}`);
}
// extension.js requires media.js on first use, and media.js requires identity.js for Entra ID (esbuild.mjs).
const required = ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/media.js', 'extension/dist/identity.js'];
if (fs.existsSync(path.join(root, 'src', 'webview', 'main.ts'))) required.push('extension/dist/webview/studio.js');
for (const r of required) if (!entries.includes(r)) problems.push(`missing: ${r}`);
if (!entries.some((e) => /^extension\/LICENSE/.test(e))) problems.push('missing: extension/LICENSE');
const readmeEntry = entries.find((e) => /^extension\/readme\.md$/i.test(e));
if (!readmeEntry) problems.push('missing: extension/README.md');

// The manifest's entry point must be inside the package.
const manifest = JSON.parse(execFileSync('python3', ['-c',
  'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("extension/package.json").decode())', vsix]).toString());
const main = 'extension/' + path.posix.normalize(String(manifest.main || '')).replace(/^\.\//, '');
if (!entries.includes(main) && !entries.includes(main + '.js')) problems.push(`package.json main ${manifest.main} is not in the vsix`);

// Every image the README shows must be inside the package (the links stay relative: no published repository URL).
const readme = readmeEntry ? execFileSync('python3', ['-c',
  'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))', vsix, readmeEntry]).toString('utf8') : '';
for (const m of readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)) {
  const target = m[1];
  if (/^[a-z]+:/i.test(target)) continue;
  if (!entries.includes('extension/' + path.posix.normalize(target).replace(/^\.\//, ''))) problems.push(
    `README image not in the vsix: ${target}`);
}

const size = fs.statSync(vsix).size;
if (size > 20 * 1024 * 1024) problems.push(`vsix is ${(size / 1048576).toFixed(1)} MB`);

console.log(`${path.basename(vsix)}: ${entries.length} files, ${(size / 1024).toFixed(0)} KB`);
for (const e of entries) console.log(`  ${e}`);
if (problems.length) {
  console.error(`vsix check FAILED:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('vsix check passed');
