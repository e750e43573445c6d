// Bundles the extension (Node, `vscode` external) and the Studio page (browser) into dist/.
// `node esbuild.mjs` builds for development, `--production` minifies, `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'info' };
const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs',
    target: 'node20', external: ['vscode'] },
];
if (existsSync('src/webview/main.ts')) {
  builds.push({ ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview/studio.js', platform: 'browser',
    format: 'iife', target: 'es2022' });
}
if (existsSync('media/studio.css')) {
  // The Studio's stylesheet with VS Code's codicons (@vscode/codicons) inlined: the font lands beside it in dist/webview.
  builds.push({ ...common, entryPoints: ['media/studio.css'], outfile: 'dist/webview/studio.css', loader: { '.ttf': 'file' },
    assetNames: '[name]' });
}

const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
