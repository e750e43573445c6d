// Bundles the extension (Node, `vscode` external) and the Studio page (browser) into dist/.
// `node esbuild.mjs` builds for development, `--production` minifies, `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// In --watch mode every build says when it starts and ends, and each error as `> file:line:col: error: text`: the
// `$esbuild-watch` problem matcher (connor4312.esbuild-problem-matchers, recommended in .vscode/extensions.json) reads
// these lines, so F5 waits for the first build and the Problems view lists its errors. The three builds count as one.
let running = 0;
const watchLog = {
  name: 'watch-log',
  setup(build) {
    build.onStart(() => {
      if (running++ === 0) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const [kind, messages] of [['error', result.errors], ['warning', result.warnings]]) {
        for (const { text, location } of messages) {
          if (location) console.error(`> ${location.file}:${location.line}:${location.column}: ${kind}: ${text}`);
          else console.error(`> ${kind}: ${text}`);
        }
      }
      if (--running === 0) console.log('[watch] build finished');
    });
  },
};

// (esbuild's own watch messages are per build, so in watch mode ours replace them.)
const watchPlugins = watch ? [watchLog] : [];
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: watch ? 'silent' : 'info',
  plugins: watchPlugins };

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
    plugins: [...watchPlugins, lazy({ './runtime': './media.js' })] },
  { ...node, entryPoints: ['src/runtime.ts'], outfile: 'dist/media.js',
    plugins: [...watchPlugins, lazy({ '@azure/identity': './identity.js' })] },
  { ...node, entryPoints: ['src/identity.ts'], outfile: 'dist/identity.js' },
  // The command line (src/cli, the package's `bin`): the core alone, @azure/identity from the same identity.js.
  // tinyglobby's fdir asks import.meta.url, which a CommonJS bundle has not: it gets the bundle's own file URL.
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', define: { 'import.meta.url': '__cliFileUrl' },
    banner: { js: '#!/usr/bin/env node\nconst __cliFileUrl = require(\'node:url\').pathToFileURL(__filename).href;' },
    plugins: [...watchPlugins, lazy({ '@azure/identity': './identity.js' })] },
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
