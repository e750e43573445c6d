// Output names are claimed atomically: many writers that want the same name each end up in a file of their own.
import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { claimByExclusiveCreate, claimFirstFree, claimLocalFile, KeyedQueue } from '../../src/core/claim';

const WRITERS = 24;
const ROUNDS = 5;

describe('claim: KeyedQueue', () => {
  it('runs the tasks of one key one at a time, in order, and a failure does not stop the next', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string, fail = false) => async (): Promise<string> => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      log.push(name);
      running--;
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([
      queue.run('a', task('1')), queue.run('a', task('2', true)), queue.run('a', task('3')),
    ]);
    assert.deepEqual(log, ['1', '2', '3']);
    assert.equal(most, 1);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.equal(queue.size, 0, 'an idle key is forgotten');
  });

  it('runs different keys side by side', async () => {
    const queue = new KeyedQueue();
    let running = 0;
    let most = 0;
    const task = async (): Promise<void> => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 10));
      running--;
    };
    await Promise.all([queue.run('a', task), queue.run('b', task), queue.run('c', task)]);
    assert.equal(most, 3);
  });
});

describe('claim: claimFirstFree', () => {
  it('tries x, x-2, x-3 … and returns the first name the attempt claims', async () => {
    const tried: string[] = [];
    const name = await claimFirstFree('call.txt', (n) => {
      tried.push(n);
      return Promise.resolve(n === 'call-3.txt' ? 'claimed' : 'taken');
    });
    assert.equal(name, 'call-3.txt');
    assert.deepEqual(tried, ['call.txt', 'call-2.txt', 'call-3.txt']);
  });

  it('gives up after the limit', async () => {
    assert.equal(await claimFirstFree('a.txt', () => Promise.resolve('taken'), 5), undefined);
  });

  it('passes an attempt error through', async () => {
    await assert.rejects(claimFirstFree('a.txt', () => Promise.reject(new Error('disk full'))), /disk full/);
  });
});

describe('claim: on the local disk, many writers at once', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'aoai-claim-'));
  });
  afterEach(async () => {
    await fsp.rm(dir, { recursive: true, force: true });
  });

  async function temps(round: number): Promise<string[]> {
    return Promise.all(
      Array.from({ length: WRITERS }, async (_, i) => {
        const temp = path.join(dir, `.call.txt.${round}-${i}.partial`);
        await fsp.writeFile(temp, `round ${round} writer ${i}`);
        return temp;
      }),
    );
  }

  async function checkRound(round: number, names: Array<string | undefined>, before: string[]): Promise<void> {
    assert.equal(names.filter(Boolean).length, WRITERS, 'a writer got no name');
    assert.equal(new Set(names).size, WRITERS, `two writers took the same name: ${names.join(', ')}`);
    for (const name of before) assert.ok(!names.includes(name), `${name} existed and was taken again`);
    for (let i = 0; i < WRITERS; i++) {
      assert.equal(await fsp.readFile(path.join(dir, names[i]!), 'utf8'), `round ${round} writer ${i}`);
    }
    const left = (await fsp.readdir(dir)).filter((n) => n.endsWith('.partial'));
    assert.deepEqual(left, [], 'a temporary file was left behind');
  }

  it(`${WRITERS} hard-link claims of one name, ${ROUNDS} rounds: every output in its own file, none overwritten`, async () => {
    await fsp.writeFile(path.join(dir, 'call.txt'), 'the user\'s own notes');
    for (let round = 1; round <= ROUNDS; round++) {
      const before = await fsp.readdir(dir);
      const list = await temps(round);
      const names = await Promise.all(list.map((temp) => claimLocalFile(temp, dir, 'call.txt')));
      await checkRound(round, names, before);
    }
    assert.equal(await fsp.readFile(path.join(dir, 'call.txt'), 'utf8'), 'the user\'s own notes');
    assert.equal((await fsp.readdir(dir)).length, 1 + WRITERS * ROUNDS);
  });

  it(`${WRITERS} exclusive-create claims of one name (no hard links), ${ROUNDS} rounds: none overwritten`, async () => {
    await fsp.writeFile(path.join(dir, 'call.txt'), 'the user\'s own notes');
    for (let round = 1; round <= ROUNDS; round++) {
      const before = await fsp.readdir(dir);
      const list = await temps(round);
      const names = await Promise.all(
        list.map((temp) => claimFirstFree('call.txt', (n) => claimByExclusiveCreate(temp, path.join(dir, n)))),
      );
      await checkRound(round, names, before);
    }
    assert.equal(await fsp.readFile(path.join(dir, 'call.txt'), 'utf8'), 'the user\'s own notes');
  });

  it('a claim that fails for another reason than a taken name throws and leaves no placeholder', async () => {
    await assert.rejects(claimLocalFile(path.join(dir, 'missing.partial'), dir, 'x.txt'), { code: 'ENOENT' });
    assert.deepEqual(await fsp.readdir(dir), []);
    await assert.rejects(claimByExclusiveCreate(path.join(dir, 'missing.partial'), path.join(dir, 'y.txt')), { code: 'ENOENT' });
    assert.deepEqual(await fsp.readdir(dir), []);
  });
});
