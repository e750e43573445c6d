// Restricted Mode in the real extension host (issue 17): a folder window opened with workspace trust on and the folder
// not trusted (scripts/run-integration.sh, kind `untrusted`). The folder is a hostile repository
// (scripts/lib/make-window.js): its .vscode/settings.json points every restricted setting elsewhere (UNTRUSTED_SETTINGS)
// and it ships a legacy history file (PLANTED_HISTORY). What the user set (scripts/lib/write-settings.js) must win, and
// what src/services/trust.ts lists as refused must be refused with "Manage Workspace Trust".
import * as assert from 'assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GenerateImageResult } from '../../src/commands/generateImageFromSelection';
import {
  EXTENSION_ID, api, commandSuite, emulator, emulatorUrl, file, handledErrors, openAndSelect, revertAll, withSettings,
} from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain JavaScript shared with the harness
const hostile = require('../../../scripts/lib/make-window.js') as {
  UNTRUSTED_SETTINGS: Record<string, unknown>;
  PLANTED_HISTORY: { id: string; output: string };
};

const MANAGE_TRUST = 'Manage Workspace Trust';

/** The error notifications shown while `body` ran (message and buttons); the boundary shows them through this API. */
async function shownErrors(body: () => Thenable<unknown>): Promise<Array<{ message: string; buttons: string[] }>> {
  const window: { showErrorMessage: typeof vscode.window.showErrorMessage } = vscode.window;
  const original = window.showErrorMessage;
  const shown: Array<{ message: string; buttons: string[] }> = [];
  window.showErrorMessage = (message: string, ...buttons: unknown[]) => {
    shown.push({ message, buttons: buttons.filter((b): b is string => typeof b === 'string') });
    return Promise.resolve(undefined);
  };
  try {
    await body();
  } finally {
    window.showErrorMessage = original;
  }
  return shown;
}

/** Answers the cost question with Cancel and records it (cost.test.ts does the same for the trusted window). */
async function costQuestions(body: () => Thenable<unknown>): Promise<string[]> {
  const window: { showWarningMessage: typeof vscode.window.showWarningMessage } = vscode.window;
  const original = window.showWarningMessage;
  const asked: string[] = [];
  window.showWarningMessage = async (message: string, ...rest: unknown[]) => {
    if (!(rest[0] as vscode.MessageOptions | undefined)?.modal) return original(message, ...(rest as string[]));
    asked.push(message);
    return undefined;
  };
  try {
    await body();
  } finally {
    window.showWarningMessage = original;
  }
  return asked;
}

describe('Restricted Mode: an untrusted folder that points every restricted setting elsewhere (issue 17)', function () {
  this.timeout(120000);
  const created = commandSuite(revertAll);

  it('is a folder window in Restricted Mode, with the hostile settings on disk, and the extension is active', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the window is trusted: the harness did not enable workspace trust');
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'the extension did not activate in Restricted Mode');
    const onDisk = JSON.parse(fs.readFileSync(file('.vscode/settings.json').fsPath, 'utf8')) as Record<string, unknown>;
    assert.deepStrictEqual(onDisk, hostile.UNTRUSTED_SETTINGS);
    // VS Code hides the workspace's values of restricted settings: the merged value is the user's.
    const config = vscode.workspace.getConfiguration('azureOpenAIMedia');
    assert.strictEqual(config.get('endpoint'), emulatorUrl());
    assert.strictEqual(config.get('deployments.transcription'), 'whisper');
    assert.strictEqual(config.get('image.count'), 1);
    // Not even inspect() shows them (so mediaService.costLimit's own Restricted Mode branch is a second line only).
    for (const key of Object.keys(hostile.UNTRUSTED_SETTINGS)) {
      assert.strictEqual(vscode.workspace.getConfiguration().inspect(key)?.workspaceValue, undefined, `${key} from the workspace`);
    }
  });

  it('transcribes with the user\'s endpoint, deployment and model; the workspace\'s endpoint and speakers are not used', async () => {
    const errors = await handledErrors(async () => {
      const outputs = await vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.transcribeAudio', file('hello.wav'),
        undefined, { responseFormat: 'text', open: false });
      created.push(...(outputs ?? []));
    });
    assert.deepStrictEqual(errors, []);
    const sent = await emulator.operations();
    assert.strictEqual(sent.length, 1, 'the request did not reach the user\'s endpoint (the emulator)');
    assert.strictEqual(sent[0].deployment, 'whisper', 'the workspace\'s deployment was used');
    assert.deepStrictEqual(sent[0].fields.model, ['whisper-1'], 'the workspace\'s model was used');
    assert.deepStrictEqual(Object.keys(sent[0].fields).filter((k) => k.startsWith('known_speaker')), [],
      'the workspace\'s known speakers were sent');
    assert.strictEqual(sent[0].headers.host, new URL(emulatorUrl()).host);
  });

  it('speech asks at the user\'s cost limit at the built-in price: the workspace\'s 0 limit and free prices are ignored', async () => {
    const { media } = await api();
    await withSettings({ 'cost.confirmAbove': 0.0001 }, async () => {
      assert.strictEqual(media.costLimit, 0.0001);
      const asked = await costQuestions(() => vscode.commands.executeCommand('azureOpenAIMedia.speakSelection',
        { text: 'A sentence long enough to cost more than a hundredth of a cent.', open: false }));
      assert.strictEqual(asked.length, 1, 'no question was asked: the workspace switched the cost guard off');
      assert.match(asked[0], /characters × \$[1-9][\d.]*\/1M/, 'priced with the workspace\'s free price');
    });
    assert.deepStrictEqual(await emulator.operations(), [], 'a request was sent after Cancel');
  });

  it('an image: one (the user\'s count), not the workspace\'s ten, from the user\'s deployment', async () => {
    await openAndSelect('fox.ts', 2, 2);
    const result = await vscode.commands.executeCommand<GenerateImageResult>('azureOpenAIMedia.generateImageFromSelection',
      { open: false });
    created.push(...(result?.outputs ?? []));
    const sent = await emulator.operations();
    assert.strictEqual(sent.length, 1);
    assert.strictEqual(sent[0].deployment, 'gpt-image-1');
    assert.strictEqual(sent[0].json?.n ?? 1, 1, 'the workspace\'s image.count was used');
    assert.strictEqual(result?.outputs.length, 1);
  });

  it('known-speaker clips are not read, even when the user names them: refused with Manage Workspace Trust, nothing sent', async () => {
    const diarize = { 'deployments.transcription': 'gpt-4o-transcribe-diarize', 'models.transcription': 'gpt-4o-transcribe-diarize',
      'transcription.askForOptions': false, 'transcription.knownSpeakers': { Alice: 'mallory.wav' } };
    const shown = await withSettings(diarize, () => shownErrors(() =>
      vscode.commands.executeCommand('azureOpenAIMedia.transcribeAudio', file('hello.wav'), undefined, { open: false })));
    assert.strictEqual(shown.length, 1, JSON.stringify(shown));
    assert.match(shown[0].message, /knownSpeakers were not read\. This is not done in Restricted Mode/);
    assert.ok(shown[0].buttons.includes(MANAGE_TRUST), JSON.stringify(shown[0].buttons));
    assert.deepStrictEqual(await emulator.operations(), [], 'the clip was read and sent');
  });

  it('a long .m4a is refused with Manage Workspace Trust; the ffmpeg on the PATH is not run', async () => {
    // An ffmpeg that would be found (an absolute PATH entry outside the workspace) and leaves a mark when run.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'aoai-fake-ffmpeg-'));
    const marker = path.join(bin, 'ran');
    fs.writeFileSync(path.join(bin, 'ffmpeg'), `#!/bin/sh\necho "$@" > '${marker}'\nexit 1\n`, { mode: 0o755 });
    const long = file('long-talk.m4a');
    fs.writeFileSync(long.fsPath, '');
    fs.truncateSync(long.fsPath, 26 * 1024 * 1024); // over the 25 MB limit; sparse, never read whole
    created.push(long);
    const PATH = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${PATH ?? ''}`;
    try {
      const shown = await shownErrors(() => vscode.commands.executeCommand('azureOpenAIMedia.transcribeAudio', long, undefined,
        { responseFormat: 'text', open: false }));
      assert.strictEqual(fs.existsSync(marker), false, `ffmpeg ran: ${fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : ''}`);
      assert.strictEqual(shown.length, 1, JSON.stringify(shown));
      assert.match(shown[0].message, /ffmpeg is not run in Restricted Mode/);
      assert.ok(shown[0].buttons.includes(MANAGE_TRUST), JSON.stringify(shown[0].buttons));
      assert.deepStrictEqual(await emulator.operations(), []);
    } finally {
      process.env.PATH = PATH;
      fs.rmSync(bin, { recursive: true, force: true });
    }
  });

  it('the planted legacy history is not imported, at start or when asked, and stays where it was', async () => {
    const { history } = await api();
    await history.ready;
    await history.migrateLegacy();
    assert.strictEqual(history.get(hostile.PLANTED_HISTORY.id), undefined, 'the repository\'s record was imported');
    assert.ok(fs.existsSync(file('.vscode/azure-openai-media/history.json').fsPath), 'the repository\'s file was moved');
    assert.ok(fs.existsSync(file(hostile.PLANTED_HISTORY.output).fsPath));
  });
});
