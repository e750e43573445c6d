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
const common = { bundle: true, sourcemap: !production, minify: production, ...(watch ? { logLevel: 'silent', plugins: [watchLog] }
  : { logLevel: 'info' }) };
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
