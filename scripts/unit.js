#!/usr/bin/env node
// `npm run test:unit [-- test/unit/x.test.ts …]`.
// Without files: drops stale output, compiles everything with tsc (type errors stop the run) and runs every unit test.
// With files: the inner loop. esbuild transpiles src/ and test/ into out/ as tsc would lay them out (one .js per .ts,
// CommonJS, source maps; about a second, no type check: the editor and `npm run typecheck` do that), then mocha runs
// only the files named. `--watch` re-runs them whenever a .ts file changes.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const args = process.argv.slice(2);
const watch = args.includes('--watch');
const files = args.filter((a) => a !== '--watch');
const run = (cmd, cmdArgs) => spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' }).status ?? 1;
const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

if (!files.length) {
  const status = run(process.execPath, [path.join(__dirname, 'lib', 'prune-out.js')]) ||
    run(process.execPath, [tsc, '-p', '.']) || run(process.execPath, [mocha, '--config', '.mocharc.json']);
  process.exit(status);
}

/** test/unit/x.test.ts (or out/test/unit/x.test.js) → out/test/unit/x.test.js; refuses what is not a unit test. */
function compiled(file) {
  const rel = path.relative(root, path.resolve(file)).replace(/^out[\\/]/, '').replace(/\.(ts|js)$/, '.js');
  if (!/^test[\\/]unit[\\/].*\.test\.js$/.test(rel)) {
    console.error(`not a unit test file: ${file} (give test/unit/<name>.test.ts)`);
    process.exit(2);
  }
  return path.join('out', rel);
}
const targets = files.map(compiled);

/** Every .ts of src/ (the page excepted, which only esbuild bundles) and test/, as tsconfig.json includes them. */
function sources() {
  const list = [];
  for (const dir of ['src', 'test']) {
    for (const rel of fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })) {
      if (rel.endsWith('.ts') && !rel.endsWith('.d.ts') && !rel.startsWith(`webview${path.sep}`)) list.push(path.join(dir, rel));
    }
  }
  return list;
}

function transpile() {
  const started = Date.now();
  esbuild.buildSync({
    entryPoints: sources(), outdir: 'out', outbase: '.', absWorkingDir: root, format: 'cjs', platform: 'node',
    target: 'node20', sourcemap: true, logLevel: 'error',
  });
  return Date.now() - started;
}

function once() {
  const ms = transpile();
  console.log(`transpiled src/ and test/ in ${ms} ms (no type check); running ${targets.join(', ')}`);
  // The named files only: mocha adds files named on its command line to the config's spec, so the config's other
  // options are passed as arguments instead.
  const options = JSON.parse(fs.readFileSync(path.join(root, '.mocharc.json'), 'utf8'));
  const flags = Object.entries(options).filter(([name]) => name !== 'spec').flatMap(([name, value]) => [`--${name}`, String(value)]);
  return run(process.execPath, [mocha, '--no-config', ...flags, ...targets]);
}

if (!watch) process.exit(once());
once();
let timer;
for (const dir of ['src', 'test']) {
  fs.watch(path.join(root, dir), { recursive: true }, (_event, name) => {
    if (!name || !String(name).endsWith('.ts')) return;
    clearTimeout(timer);
    timer = setTimeout(once, 200);
  });
}
