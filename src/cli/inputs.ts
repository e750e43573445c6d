// What a run works on: files and globs expanded in a stable order, a CI job's share of them, texts and prompts.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UsageError } from './config';

/** Text inputs (speech, prompt files) larger than this are not what the tool is for; long speech goes in parts. */
export const MAX_TEXT_BYTES = 1024 * 1024;

/**
 * Files named or matched by `patterns`, each once, sorted by path (so every shard of a CI matrix sees the same list).
 * `extensions` keeps only those a glob matches (an explicitly named file is kept, and validation says what is wrong).
 */
export async function expandInputs(patterns: readonly string[], extensions?: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    if (!isDynamicPattern(pattern) || isFile(pattern)) {
      if (!isFile(pattern)) {
        throw new UsageError(`${pattern} is not a file; give audio or image files, or a quoted glob such as "talks/**/*.mp3".`);
      }
      found.add(path.normalize(pattern));
      continue;
    }
    const matches = (await glob(pattern, { onlyFiles: true, dot: false, expandDirectories: false }))
      .filter((f) => !extensions || extensions.includes(path.extname(f).slice(1).toLowerCase()));
    if (!matches.length) throw new UsageError(`Nothing matches ${pattern}.`);
    for (const match of matches) found.add(path.normalize(match));
  }
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `--shard K/N`: the K-th of N disjoint shares that together are every input (every N-th item from the K-th). */
export function shardOf<T>(items: readonly T[], shard: string | undefined): T[] {
  if (shard === undefined) return [...items];
  const match = /^(\d+)\/(\d+)$/.exec(shard.trim());
  const k = match ? Number(match[1]) : NaN;
  const n = match ? Number(match[2]) : NaN;
  if (!match || n < 1 || k < 1 || k > n) throw new UsageError(`--shard ${shard} is not K/N with 1 ≤ K ≤ N, e.g. --shard 2/4.`);
  return items.filter((_, i) => i % n === k - 1);
}

/** A text file's contents, bounded. */
export function readText(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`${file} is not a file.`);
  }
  if (size > MAX_TEXT_BYTES) throw new UsageError(`${file} is ${size} bytes; a text input may be at most ${MAX_TEXT_BYTES}.`);
  return readFileSync(file, 'utf8');
}

/** Standard input as text, bounded (speech from a pipe). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_TEXT_BYTES) throw new UsageError(`Standard input is over ${MAX_TEXT_BYTES} bytes; a text input may be at most that.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
