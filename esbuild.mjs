// Bundles the extension (Node, `vscode` external) and the Studio page (browser) into dist/.
// `node esbuild.mjs` builds for development, `--production` minifies, `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'info' };

/**
 * The extension host loads CommonJS, and esbuild splits code only for ESM, so the extension is three bundles that
 * load each other with a plain `require` on first use: dist/extension.js (activation: settings, secrets, status
 * bar, registrations), dist/media.js (src/runtime.ts: services, client, undici, Studio host) and dist/identity.js
 * (@azure/identity, for Entra ID only). `lazy` turns an import of one of them into a require of its bundle, so no
 * module is in two bundles (one StudioPanel.current, one MediaApiError class).
 */
const lazy = (map) => ({
  name: 'lazy-bundles',
  setup(build) {
    for (const [request, outfile] of Object.entries(map)) {
      const filter = new RegExp(`^${request.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
      build.onResolve({ filter }, () => ({ path: outfile, external: true }));
    }
  },
});
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] };
const builds = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', metafile: true,
    plugins: [lazy({ './runtime': './media.js' })] },
  { ...node, entryPoints: ['src/runtime.ts'], outfile: 'dist/media.js', plugins: [lazy({ '@azure/identity': './identity.js' })] },
  { ...node, entryPoints: ['src/identity.ts'], outfile: 'dist/identity.js' },
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
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  // What activation loads must stay small (issue: under 100 KB); the bench reports the production figure.
  const activation = Object.entries(results[0].metafile.outputs).find(([file]) => file.endsWith('extension.js'));
  if (activation) console.log(`activation bundle ${activation[0]}: ${(activation[1].bytes / 1024).toFixed(1)} KB`);
  await Promise.all(contexts.map((c) => c.dispose()));
}
