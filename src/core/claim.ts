// Claiming an output's final name so that two writers can never take the same one. "Is the name free? then rename"
// is two steps and lets a second writer replace the first; a hard link (or an exclusive create) is one step the file
// system either does or refuses with EEXIST, across processes and windows too.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { candidateName } from './naming';

/** How many suffixed names (`x-2`, `x-3`, …) are tried before giving up. */
export const MAX_CANDIDATES = 10_000;

export type ClaimAttempt = 'claimed' | 'taken';

/**
 * Runs tasks one after another per key (a folder), in the order they were queued; a failed task does not stop the
 * ones queued after it. Keys are forgotten once their queue is empty.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with queued or running tasks (for tests). */
  get size(): number {
    return this.tails.size;
  }
}

/**
 * Tries `desired`, then `desired-2`, `desired-3`, … with `attempt`, which must claim the name in one atomic step
 * and answer 'taken' when another file holds it. Returns the claimed name, or undefined when every candidate was
 * taken.
 */
export async function claimFirstFree(
  desired: string,
  attempt: (name: string) => Promise<ClaimAttempt>,
  limit = MAX_CANDIDATES,
): Promise<string | undefined> {
  for (let n = 1; n <= limit; n++) {
    const name = candidateName(desired, n);
    if ((await attempt(name)) === 'claimed') return name;
  }
  return undefined;
}

/** Errors that mean "this file system cannot hard-link" rather than "the name is taken". */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK', 'EACCES']);

function codeOf(err: unknown): string | undefined {
  return err && typeof err === 'object' ? (err as { code?: string }).code : undefined;
}

/**
 * Moves the complete file at `temp` (a path on the local disk) to the first free name like `desired` in `folder`,
 * never over an existing file. The name is claimed by hard-linking the temp file to it, which fails with EEXIST when
 * the name exists, and the temp name is removed afterwards. Where the file system has no hard links, the name is
 * claimed by an exclusive create (`wx`) and the temp file renamed over that empty placeholder. Returns the claimed
 * name, or undefined when no free name was found.
 */
export async function claimLocalFile(temp: string, folder: string, desired: string, limit = MAX_CANDIDATES): Promise<string | undefined> {
  let links = true;
  return claimFirstFree(
    desired,
    async (candidate) => {
      const target = path.join(folder, candidate);
      if (links) {
        try {
          await fsp.link(temp, target);
          await fsp.unlink(temp).catch(() => undefined); // the caller removes a leftover temp file
          return 'claimed';
        } catch (err) {
          if (codeOf(err) === 'EEXIST') return 'taken';
          if (!NO_LINKS.has(codeOf(err) ?? '')) throw err;
          links = false;
        }
      }
      return claimByExclusiveCreate(temp, target);
    },
    limit,
  );
}

/** The fallback claim where hard links are missing: an exclusive create of `target`, then `temp` renamed over it. */
export async function claimByExclusiveCreate(temp: string, target: string): Promise<ClaimAttempt> {
  try {
    await (await fsp.open(target, 'wx')).close();
  } catch (err) {
    if (codeOf(err) === 'EEXIST') return 'taken';
    throw err;
  }
  try {
    // The empty placeholder is ours: replacing it is replacing nothing of anyone else's.
    await fsp.rename(temp, target);
  } catch (err) {
    await fsp.unlink(target).catch(() => undefined);
    throw err;
  }
  return 'claimed';
}
