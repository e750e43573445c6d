// One engine: for the same input and options, the command line (dist/cli.js, run here as a child process) writes the
// same files, byte for byte and by name, as the extension's Transcribe Audio File command does in this host.
import * as assert from 'assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { settingKeys } from '../../src/core/settings';
import { makeWav } from '../unit/coreFixtures';
import { closeAllEditors, commandSuite, emulatorKey, emulatorUrl, file, readBytes, withSettings, workspaceRoot } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');

/** The command line's environment: the emulator and its key, as a CI job sets them (the host's node runs it). */
function cliEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, ELECTRON_RUN_AS_NODE: '1', AZURE_OPENAI_ENDPOINT: emulatorUrl(), AZURE_OPENAI_API_KEY: emulatorKey() };
}

describe('command line and extension: one engine, the same outputs', () => {
  const created = commandSuite(closeAllEditors);

  /** The extension's current settings as a VS Code settings file, for the command line's --settings. */
  async function settingsFile(): Promise<vscode.Uri> {
    const config = vscode.workspace.getConfiguration('azureOpenAIMedia');
    const values: Record<string, unknown> = {};
    for (const key of settingKeys()) values[`azureOpenAIMedia.${key}`] = config.get(key);
    const uri = file('.vscode/cli-settings.json');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(`// written by the test\n${JSON.stringify(values, null, 2)}\n`));
    created.push(uri);
    return uri;
  }

  it('a transcript by speaker with known speakers and subtitles: the same names and bytes from both', async function () {
    this.timeout(60000);
    const meeting = file('cli-meeting.wav');
    await vscode.workspace.fs.writeFile(meeting, makeWav(12));
    await vscode.workspace.fs.writeFile(file('cli-dana.wav'), makeWav(3));
    await vscode.workspace.fs.writeFile(file('cli-lee.wav'), makeWav(4));
    created.push(meeting, file('cli-dana.wav'), file('cli-lee.wav'));
    const out = mkdtempSync(path.join(tmpdir(), 'aoai-cli-same-'));
    try {
      await withSettings({
        'deployments.transcription': 'gpt-4o-transcribe-diarize', 'models.transcription': 'gpt-4o-transcribe-diarize',
        'transcription.askForOptions': false, 'transcription.subtitles': ['srt', 'vtt'],
        'transcription.knownSpeakers': { Dana: 'cli-dana.wav', Lee: 'cli-lee.wav' },
      }, async () => {
        const outputs = await vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.transcribeAudio', meeting, undefined,
          { open: false });
        assert.ok(outputs);
        created.push(...outputs, file('cli-meeting.srt'), file('cli-meeting.vtt'));
        const settings = await settingsFile();
        const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'transcribe', meeting.fsPath, '--out', out,
          '--settings', settings.fsPath, '--json'], {
          cwd: workspaceRoot().fsPath, encoding: 'utf8', timeout: 50000,
          env: cliEnv(),
        });
        assert.strictEqual(run.status, 0, `${run.stdout}\n${run.stderr}`);
      });
      const names = readdirSync(out).sort();
      assert.deepStrictEqual(names, ['cli-meeting.md', 'cli-meeting.srt', 'cli-meeting.vtt']);
      for (const name of names) {
        const fromExtension = Buffer.from(await readBytes(file(name)));
        assert.ok(fromExtension.length > 0, `${name} is empty`);
        assert.ok(fromExtension.equals(readFileSync(path.join(out, name))), `${name} differs between the extension and the command line`);
      }
      assert.match(readFileSync(path.join(out, 'cli-meeting.md'), 'utf8'), /^\*\*Dana:\*\* \S/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('a plain transcript (whisper, srt): the same name and bytes', async function () {
    this.timeout(60000);
    const out = mkdtempSync(path.join(tmpdir(), 'aoai-cli-same-'));
    try {
      const outputs = await vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.transcribeAudio', file('hello.wav'), undefined,
        { responseFormat: 'srt', language: 'en', open: false });
      assert.ok(outputs);
      created.push(...outputs);
      const settings = await settingsFile();
      const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'transcribe', file('hello.wav').fsPath, '--out', out,
        '--settings', settings.fsPath, '--response-format', 'srt', '--language', 'en'], {
        cwd: workspaceRoot().fsPath, encoding: 'utf8', timeout: 50000,
        env: cliEnv(),
      });
      assert.strictEqual(run.status, 0, `${run.stdout}\n${run.stderr}`);
      assert.deepStrictEqual(readdirSync(out), [path.basename(outputs[0].fsPath)]);
      assert.ok(Buffer.from(await readBytes(outputs[0])).equals(readFileSync(path.join(out, 'hello.srt'))), 'hello.srt differs');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
