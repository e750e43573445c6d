// Loads a TypeScript module of src/ from a Node script: bundled in memory with esbuild (no files written) and run as
// CommonJS, so scripts read the catalog itself rather than a copy of its facts.
'use strict';
const esbuild = require('esbuild');

/** The exports of the TypeScript module at `entry` (an absolute path). */
function loadTs(entry) {
  const built = esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'error' });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', built.outputFiles[0].text)(mod, mod.exports, require);
  return mod.exports;
}

module.exports = { loadTs };
