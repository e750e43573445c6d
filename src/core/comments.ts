// Comment markers of the common languages: strip them from a selected comment to get a prompt, and write a comment
// line in a given language. Pure functions, no `vscode` import.

export interface CommentSyntax {
  /** Line-comment markers, longest first where one is a prefix of another (`///` before `//`). */
  line: string[];
  /** Block-comment delimiters. */
  block: Array<[open: string, close: string]>;
}

const C_BLOCK: [string, string] = ['/*', '*/'];
const C_STYLE: CommentSyntax = { line: ['///', '//!', '//'], block: [C_BLOCK] };
const HASH: CommentSyntax = { line: ['#'], block: [] };
const HTML: CommentSyntax = { line: [], block: [['<!--', '-->']] };

const SYNTAX: Record<string, CommentSyntax> = {};
const define = (ids: string[], syntax: CommentSyntax): void => {
  for (const id of ids) SYNTAX[id] = syntax;
};
define(
  ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'java', 'c', 'cpp', 'csharp', 'go', 'rust', 'swift',
    'kotlin', 'scala', 'dart', 'jsonc', 'json5', 'groovy', 'objective-c', 'objective-cpp', 'cuda-cpp', 'hlsl', 'glsl',
    'proto', 'zig', 'solidity', 'less', 'scss', 'vue', 'svelte'],
  C_STYLE,
);
define(['css'], { line: [], block: [C_BLOCK] });
define(['php'], { line: ['//', '#'], block: [C_BLOCK] });
define(['fsharp'], { line: ['///', '//'], block: [['(*', '*)']] });
define(['python'], { line: ['#'], block: [['"""', '"""'], ["'''", "'''"]] });
define(['ruby'], { line: ['#'], block: [['=begin', '=end']] });
define(['powershell'], { line: ['#'], block: [['<#', '#>']] });
define(['julia'], { line: ['#'], block: [['#=', '=#']] });
define(
  ['shellscript', 'perl', 'r', 'yaml', 'toml', 'dockerfile', 'makefile', 'coffeescript', 'elixir', 'nim', 'properties',
    'cmake', 'terraform', 'graphql', 'gdscript', 'tcl'],
  HASH,
);
define(['sql', 'plsql', 'ada', 'elm', 'vhdl'], { line: ['--'], block: [C_BLOCK] });
define(['haskell', 'purescript'], { line: ['--'], block: [['{-', '-}']] });
define(['lua'], { line: ['--'], block: [['--[[', ']]']] });
define(['html', 'xml', 'xsl', 'markdown', 'svg', 'razor', 'handlebars'], HTML);
define(['clojure', 'lisp', 'scheme', 'racket', 'asm', 'ini'], { line: [';;', ';'], block: [] });
define(['latex', 'tex', 'bibtex', 'matlab', 'erlang', 'prolog'], { line: ['%'], block: [] });
define(['vb', 'vba'], { line: ["'", 'REM '], block: [] });
define(['bat'], { line: ['::', 'REM ', 'rem '], block: [] });

/** Every marker we know, for text whose language is unknown ('plaintext', or none given). */
const GENERIC: CommentSyntax = {
  line: ['///', '//!', '//', '#', '--', ';;', '%'],
  block: [['/*', '*/'], ['<!--', '-->'], ['"""', '"""'], ["'''", "'''"], ['{-', '-}'], ['(*', '*)'], ['<#', '#>']],
};

export function commentSyntax(languageId: string | undefined): CommentSyntax {
  return (languageId && SYNTAX[languageId]) || GENERIC;
}

/** True when we know the language's comment syntax (as opposed to guessing with every marker). */
export function knowsLanguage(languageId: string | undefined): boolean {
  return !!languageId && languageId in SYNTAX;
}

/**
 * The text of a selected comment without its markers: block delimiters (`/* *\/`, `<!-- -->`, `"""`, …), the `*`
 * that starts each JSDoc line, and line markers (`//`, `#`, `--`, …) at the start of each line. Lines are joined
 * with spaces; blank lines separate paragraphs (kept as one newline). Text that is not a comment comes back trimmed.
 * Markdown headings are not comments: in Markdown only `<!-- -->` is stripped.
 */
export function stripCommentMarkers(text: string, languageId?: string): string {
  const syntax = commentSyntax(languageId);
  let lines = text.replace(/\r\n?/g, '\n').split('\n');

  const joined = lines.join('\n').trim();
  const block = findBlock(joined, syntax);
  if (block) {
    const [open, close] = block;
    const prefix = /^[rRuUbBfF]{1,2}(?="""|''')/.exec(joined)?.[0] ?? '';
    let inner = joined.slice(prefix.length + open.length, joined.length - close.length);
    if (open === '/*') inner = inner.replace(/^[*!]+/, ''); // `/**` and `/*!` openers
    lines = inner.split('\n');
    if (open === '/*' || open === '(*') lines = lines.map((l) => l.replace(/^\s*\*(?!\/)\s?/, ''));
    if (open === '<#') lines = lines.map((l) => l.replace(/^\s*#\s?/, ''));
  } else {
    const markers = [...syntax.line].sort((a, b) => b.length - a.length);
    const commented = lines.filter((l) => l.trim()).every((l) => markers.some((m) => l.trimStart().startsWith(m)));
    if (commented) {
      lines = lines.map((l) => {
        const trimmed = l.trimStart();
        const marker = markers.find((m) => trimmed.startsWith(m));
        if (!marker) return trimmed;
        let rest = trimmed.slice(marker.length);
        // `#!` shebangs, `##` and `---` rulers: drop the repeated marker characters too
        rest = rest.replace(new RegExp(`^${escapeRegExp(marker.trim().slice(-1))}+`), '');
        return rest;
      });
    }
  }
  return normalizeParagraphs(lines);
}

/** A one-line comment in `languageId` holding `text` (a block comment where the language has no line comment). */
export function formatCommentLine(text: string, languageId: string | undefined): string {
  const syntax = commentSyntax(languageId);
  if (!knowsLanguage(languageId)) return `// ${text}`;
  const line = syntax.line.find((m) => m === '//' || m === '#' || m === '--') ?? syntax.line[0];
  if (line) return `${line.trimEnd()} ${text}`;
  const [open, close] = syntax.block[0] ?? C_BLOCK;
  return `${open} ${text} ${close}`;
}

function findBlock(text: string, syntax: CommentSyntax): [string, string] | undefined {
  // Python string prefixes (r""" … """) are allowed before a docstring
  const body = /^[rRuUbBfF]{1,2}("""|''')/.test(text) ? text.replace(/^[rRuUbBfF]{1,2}/, '') : text;
  const ordered = [...syntax.block].sort((a, b) => b[0].length - a[0].length);
  return ordered.find(([open, close]) => body.startsWith(open) && body.length >= open.length + close.length && body.endsWith(close));
}

function normalizeParagraphs(lines: string[]): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line) {
      current.push(line);
    } else if (current.length) {
      paragraphs.push(current.join(' '));
      current = [];
    }
  }
  if (current.length) paragraphs.push(current.join(' '));
  return paragraphs.join('\n').trim();
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
