// The layer rule of src/ as an ESLint rule, so `npm run lint` holds what ARCHITECTURE.md draws. Each folder of src/
// may import only the folders listed for it (type-only imports and re-exports included: a type import is still a
// dependency, and the page's bundle must not reach the host's files). Relative imports are resolved against the file,
// so `../../studio/x` from src/core/long/ is caught as well as `../studio/x` from src/webview/. `vscode` is held by
// no-restricted-imports in eslint.config.mjs; the files at the top of src/ (extension.ts, runtime.ts, identity.ts)
// wire everything together and may import anything.
import path from 'node:path';

/** What each folder of src/ may import from src/ (itself always included). */
export const LAYERS = {
  core: [],
  shared: ['core'],
  webview: ['core', 'shared'],
  services: ['core', 'shared'],
  studio: ['core', 'shared', 'services'],
  commands: ['core', 'shared', 'services'],
  // The command line runs on the core alone (issue 21): what it shares with the extension is the engine.
  cli: ['core'],
};

/** The folder of src/ that `file` is in, or undefined outside src/ or for a file at its top. */
function folderOf(srcRoot, file) {
  const rel = path.relative(srcRoot, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder of src/ imports only the layers below it (ARCHITECTURE.md)' },
    schema: [{ type: 'object', properties: { srcRoot: { type: 'string' } }, additionalProperties: false }],
    messages: {
      wrongLayer: "src/{{from}}/ may not import src/{{to}} ('{{source}}'): it may import {{allowed}}.",
    },
  },
  create(context) {
    const srcRoot = context.options[0]?.srcRoot ?? path.join(context.cwd, 'src');
    const from = folderOf(srcRoot, context.filename);
    if (!from || !(from in LAYERS)) return {};
    const allowed = [from, ...LAYERS[from]];
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = folderOf(srcRoot, path.resolve(path.dirname(context.filename), source));
      if (to && allowed.includes(to)) return;
      // A file at the top of src/ (runtime.ts, …) has no folder: only the other top files may import it.
      const target = to ? `${to}/` : path.relative(srcRoot, path.resolve(path.dirname(context.filename), source));
      if (target.startsWith('..')) return; // outside src/ (package.json, say): not a layer
      const list = LAYERS[from].length ? LAYERS[from].map((l) => `src/${l}/`).join(', ') : 'nothing outside itself';
      context.report({ node, messageId: 'wrongLayer', data: { from, to: target, source, allowed: list } });
    };
    const literal = (node) => (node && node.type === 'Literal' ? node.value : undefined);
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, literal(node.source)),
      TSImportType: (node) => check(node, literal(node.argument?.literal ?? node.argument)),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, literal(node.arguments[0]));
      },
    };
  },
};

export default { rules: { 'allowed-imports': allowedImports } };
