import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// No file in src/ over 400 lines (the house rule in ARCHITECTURE.md): past it a file is split along a seam of what it
// does, not grown. Every file under src/ counts, whatever its kind.
const src = path.join(__dirname, '..', '..', '..', 'src');
export const MAX_LINES = 400;

/** Lines of a text as an editor numbers them: a final newline ends the last line, it does not start another. */
export function lineCount(text: string): number {
  if (!text) return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** `dir/…/file (n lines)` for each file under `dir` over `max` lines, longest first. */
export function overLimit(dir: string, max = MAX_LINES): string[] {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return files
    .map((e) => {
      const file = path.join(e.parentPath, e.name);
      return { rel: path.relative(path.dirname(dir), file).split(path.sep).join('/'), lines: lineCount(readFileSync(file, 'utf8')) };
    })
    .filter((f) => f.lines > max)
    .sort((a, b) => b.lines - a.lines)
    .map((f) => `${f.rel} (${f.lines} lines)`);
}

describe('file size', () => {
  it(`no file in src/ is over ${MAX_LINES} lines`, () => {
    const over = overLimit(src);
    assert.deepEqual(over, [], `split along a seam: ${over.join(', ')}`);
  });

  it('counts lines as an editor does, and lists what is over the limit', () => {
    assert.equal(lineCount(''), 0);
    assert.equal(lineCount('a'), 1);
    assert.equal(lineCount('a\n'), 1);
    assert.equal(lineCount('a\nb'), 2);
    assert.equal(lineCount('a\n\n'), 2);
    const dir = mkdtempSync(path.join(tmpdir(), 'size-'));
    try {
      const lines = (n: number): string => 'x\n'.repeat(n);
      mkdirSync(path.join(dir, 'deep', 'er'), { recursive: true });
      writeFileSync(path.join(dir, 'at.ts'), lines(400));
      writeFileSync(path.join(dir, 'over.ts'), lines(401));
      writeFileSync(path.join(dir, 'deep', 'er', 'long.css'), lines(450));
      writeFileSync(path.join(dir, 'deep', 'no-newline.ts'), `${lines(401)}x`);
      const name = path.basename(dir);
      assert.deepEqual(overLimit(dir), [`${name}/deep/er/long.css (450 lines)`, `${name}/deep/no-newline.ts (402 lines)`,
        `${name}/over.ts (401 lines)`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
