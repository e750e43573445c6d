#!/usr/bin/env node
// A pseudo-locale from the English strings: each message wrapped in [ ] with its letters accented and its
// {placeholders} left alone, so that a screen showing a string the translation did not cover stands out.
// Usage: node scripts/lib/pseudo-l10n.js [locale]   (default qps-ploc) writes, from l10n/bundle.l10n.json and
// package.nls.json, l10n/bundle.l10n.<locale>.json (vscode.l10n, the Studio page) and package.nls.<locale>.json
// (command titles, settings) and prints their paths. scripts/lib/stack.sh writes them for a run with AOAI_LOCALE and
// removes them afterwards; .gitignore and .vscodeignore keep them out of git and the vsix.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ACCENTED = {
  a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', y: 'ý', n: 'ñ', c: 'ç', A: 'Á', E: 'É', I: 'Í', O: 'Ó', U: 'Ú', N: 'Ñ', C: 'Ç',
};

/** The pseudo form of one message: accented letters outside {placeholders}, wrapped in [ ]. */
function pseudo(text) {
  const body = text.split(/(\{\w+\})/).map((part) => (/^\{\w+\}$/.test(part) ? part : part.replace(/[a-zA-Z]/g, (c) => ACCENTED[c] ?? c)));
  return `[${body.join('')}]`;
}

/** The pseudo bundle for an English bundle object (values are the messages, or carry a `message` and `comment`). */
function pseudoBundle(english) {
  const out = {};
  for (const [key, value] of Object.entries(english)) out[key] = pseudo(typeof value === 'string' ? value : value.message);
  return out;
}

module.exports = { pseudo, pseudoBundle };

/** Writes both pseudo files for `locale` into the extension folder `root`; returns their paths. */
function writePseudoLocale(root, locale = 'qps-ploc') {
  const read = (rel) => JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));
  const files = [
    [path.join(root, 'l10n', `bundle.l10n.${locale}.json`), pseudoBundle(read(path.join('l10n', 'bundle.l10n.json')))],
    [path.join(root, `package.nls.${locale}.json`), pseudoBundle(read('package.nls.json'))],
  ];
  for (const [file, content] of files) fs.writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  return files.map(([file]) => file);
}

module.exports.writePseudoLocale = writePseudoLocale;

if (require.main === module) {
  const [locale = 'qps-ploc'] = process.argv.slice(2);
  if (!/^qps-\w+$/.test(locale)) {
    console.error(`usage: pseudo-l10n.js [qps-locale]: "${locale}" is not a pseudo-locale (qps-ploc, qps-plocm, ...)`);
    process.exit(2);
  }
  for (const file of writePseudoLocale(path.join(__dirname, '..', '..'), locale)) console.log(file);
}
