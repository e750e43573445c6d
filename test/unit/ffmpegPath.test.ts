// Finding 1 of issue 17: a repository that ships `node_modules/.bin/ffmpeg` (or `./ffmpeg`, `bin/ffmpeg`) must not
// have it run. findFfmpeg takes only absolute PATH entries outside the workspace folders, and none when untrusted.
import * as assert from 'assert';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { findFfmpeg } from '../../src/core/long/ffmpeg';
import { planAudioParts } from '../../src/core/long/longAudio';
import { MediaApiError } from '../../src/core/errors';
import { TempDir } from './coreFixtures';

describe('ffmpeg: never from the repository', function () {
  if (process.platform === 'win32') return;
  let tmp: TempDir;
  let repo: string;
  let system: string;
  const cwd = process.cwd();

  function plant(dir: string): string {
    mkdirSync(dir, { recursive: true });
    const exe = join(dir, 'ffmpeg');
    writeFileSync(exe, `#!/bin/sh\necho ran > "${join(tmp.path, 'ran')}"\nexit 1\n`);
    chmodSync(exe, 0o755);
    return exe;
  }

  beforeEach(() => {
    tmp = new TempDir();
    repo = tmp.join('repo');
    system = tmp.join('usr-bin');
    plant(join(repo, 'node_modules', '.bin'));
    plant(join(repo, 'bin'));
    plant(repo);
    process.chdir(repo); // the extension host's working directory when VS Code was started in the repository
  });
  afterEach(() => {
    process.chdir(cwd);
    tmp.remove();
  });

  it('skips relative PATH entries (., bin, ./node_modules/.bin), which resolve inside the repository', async () => {
    const PATH = ['./node_modules/.bin', '.', 'bin', 'node_modules/.bin'].join(delimiter);
    assert.strictEqual(await findFfmpeg({ PATH }), undefined);
  });

  it('skips absolute PATH entries inside a workspace folder, and takes one outside', async () => {
    const outside = plant(system);
    const PATH = [join(repo, 'node_modules', '.bin'), join(repo, 'bin'), system].join(delimiter);
    assert.strictEqual(await findFfmpeg({ PATH }, { exclude: [repo] }), outside);
  });

  it('finds none in an untrusted workspace, and planning a long m4a says so instead of running anything', async () => {
    plant(system);
    assert.strictEqual(await findFfmpeg({ PATH: system }, { allowed: false }), undefined);
    const m4a = tmp.file('long.m4a', Buffer.alloc(64 * 1024, 1));
    await assert.rejects(planAudioParts({ name: 'long.m4a', path: m4a }, 16 * 1024, { ffmpeg: { allowed: false } }), (err) =>
      MediaApiError.is(err, 'validation') && err.setting === 'workspaceTrust' && /Restricted Mode/.test(err.message));
  });
});
