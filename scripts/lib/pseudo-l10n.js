#!/usr/bin/env node
// A pseudo-locale bundle from the English one: each message wrapped in [ ] with its letters accented and its
// {placeholders} left alone, so that a screen showing a string the bundle did not translate stands out.
// Usage: node scripts/lib/pseudo-l10n.js <out-dir> [locale]   (default locale qps-ploc; reads l10n/bundle.l10n.json)
// The pseudo bundle is written at test time only; .vscodeignore keeps l10n/bundle.l10n.qps-*.json out of the vsix.
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

/** The pseudo bundle for an English bundle object (keys are the messages, or carry a `message` and `comment`). */
function pseudoBundle(english) {
  const out = {};
  for (const [key, value] of Object.entries(english)) out[key] = pseudo(typeof value === 'string' ? value : value.message);
  return out;
}

module.exports = { pseudo, pseudoBundle };

if (require.main === module) {
  const [outDir, locale = 'qps-ploc'] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: pseudo-l10n.js <out-dir> [locale]');
    process.exit(2);
  }
  const root = path.join(__dirname, '..', '..');
  const english = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8'));
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `bundle.l10n.${locale}.json`);
  fs.writeFileSync(file, `${JSON.stringify(pseudoBundle(english), null, 2)}\n`);
  console.log(file);
}
