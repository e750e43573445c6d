// Shared by the command integration tests (runs inside the extension host, with the real `vscode` API).
// The harness (scripts/run-integration.sh) gives the host AOAI_EMULATOR_URL / AOAI_EMULATOR_KEY and user settings
// that point the extension at the emulator; the workspace is a fresh sample workspace (AOAI_WORKSPACE).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { MediaExtensionApi } from '../../src/extension';
import type { HandledError } from '../../src/commands/errorBoundary';
import { emulatorControl } from '../emulator/control';
import type { RecordedRequest as EmulatorRecordedRequest } from '../emulator/server';

export const EXTENSION_ID = 'azure-openai-media.azure-openai-media';

/** What the emulator recorded, with a request's JSON body as an object (the tests read fields of it). */
export type RecordedRequest = Omit<EmulatorRecordedRequest, 'json'> & { json?: Record<string, unknown> };

export function emulatorUrl(): string {
  const url = process.env.AOAI_EMULATOR_URL;
  assert.ok(url, 'AOAI_EMULATOR_URL is not set: run through scripts/run-integration.sh');
  return url;
}

export function emulatorKey(): string {
  const key = process.env.AOAI_EMULATOR_KEY;
  assert.ok(key, 'AOAI_EMULATOR_KEY is not set: run through scripts/run-integration.sh');
  return key;
}

const control = emulatorControl(emulatorUrl);

export const emulator = {
  async requests(): Promise<RecordedRequest[]> {
    return (await control.requests()) as RecordedRequest[];
  },
  /** Only the API calls (control routes are not recorded, but be safe). */
  async operations(): Promise<RecordedRequest[]> {
    return (await this.requests()).filter((r) => r.operation);
  },
  reset: control.reset,
  fault: control.injectFault,
  pace: control.pace,
  stats: control.stats,
  maskDrift: control.maskDrift,
  management: control.management,
};

export async function api(): Promise<MediaExtensionApi> {
  const ext = vscode.extensions.getExtension<MediaExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  return ext.activate();
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration run opens a sample workspace');
  return folder.uri;
}

export function file(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function readBytes(uri: vscode.Uri): Promise<Uint8Array> {
  return vscode.workspace.fs.readFile(uri);
}

/** Every file of a folder (names), temporary `.partial` files included: a failed run must leave none. */
/**
 * Writes a 16-bit mono WAV of `seconds` to disk in 5-second pieces (never whole in memory): 4 s of a 300 Hz tone, then
 * 1 s of silence, over and over, so a long recording has a quiet moment to cut at every 5 s.
 */
export async function writeToneWav(uri: vscode.Uri, seconds: number, rate = 16000): Promise<void> {
  const period = Buffer.alloc(rate * 2 * 5);
  for (let i = 0; i < rate * 4; i++) period.writeInt16LE(Math.round(9000 * Math.sin((2 * Math.PI * 300 * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + seconds * rate * 2, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(seconds * rate * 2, 40);
  const fs = await import('node:fs/promises');
  const handle = await fs.open(uri.fsPath, 'w');
  try {
    await handle.write(header);
    for (let s = 0; s < seconds; s += 5) await handle.write(period.subarray(0, Math.min(5, seconds - s) * rate * 2));
  } finally {
    await handle.close();
  }
}

export async function listNames(folder: vscode.Uri): Promise<string[]> {
  try {
    return (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name).sort();
  } catch {
    return [];
  }
}

/** Deletes what a test created, so the tests stay independent of their order. */
export async function remove(...uris: Array<vscode.Uri | undefined>): Promise<void> {
  for (const uri of uris) {
    if (!uri) continue;
    try {
      await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
    } catch {
      // already gone
    }
  }
}

/** Stores the emulator's key for the emulator's origin through the command a user runs. */
export async function setEmulatorKey(): Promise<void> {
  const ok = await vscode.commands.executeCommand<boolean>('azureOpenAIMedia.setApiKey', emulatorKey());
  assert.strictEqual(ok, true, 'setApiKey did not store the key');
}

/**
 * The hooks of a suite that runs commands: the extension active with the emulator's key stored, a fresh emulator for
 * each test, and after each test `cleanUp` (e.g. closing editors) and the removal of what the test pushed onto the
 * returned list. Call it inside `describe`.
 */
export function commandSuite(cleanUp?: () => Promise<void>): vscode.Uri[] {
  const created: vscode.Uri[] = [];
  before(async () => {
    await api();
    await setEmulatorKey();
  });
  beforeEach(() => emulator.reset());
  afterEach(async () => {
    await cleanUp?.();
    await remove(...created.splice(0));
  });
  return created;
}

/** Sets user settings for the duration of `body`, then restores them. */
export async function withSettings<T>(values: Record<string, unknown>, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('azureOpenAIMedia');
  const previous = Object.keys(values).map((key) => [key, config.inspect(key)?.globalValue] as const);
  for (const [key, value] of Object.entries(values)) await config.update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await body();
  } finally {
    for (const [key, value] of previous) await config.update(key, value, vscode.ConfigurationTarget.Global);
  }
}

/** Collects what the command error boundary handled while `body` ran. */
export async function handledErrors(body: () => Thenable<unknown>): Promise<HandledError[]> {
  const errors: HandledError[] = [];
  const subscription = (await api()).onDidHandleError((e) => errors.push(e));
  try {
    await body();
  } finally {
    subscription.dispose();
  }
  return errors;
}

/** Reverts every dirty document (a test that edits a selection leaves it changed) and closes all editors. */
export async function revertAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (document.isDirty) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await closeAllEditors();
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Opens `relative` in a text editor and selects lines `from`..`to` (0-based, inclusive, whole lines). */
export async function openAndSelect(relative: string, from: number, to: number): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(file(relative));
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(from, 0, to, document.lineAt(to).text.length);
  return editor;
}

/** Waits until `probe` holds (checked every 50 ms), failing the test with `what` after `ms`. */
export async function until(what: string, probe: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Transcribes hello.wav against a deployment that does not exist and answers the DeploymentNotFound notification with
 * `choice` (it comes after the command's end: the deployments are read for it). The handled errors' codes and what the
 * notification said.
 */
export async function answerDeploymentNotFound(choice: string):
  Promise<{ codes: Array<HandledError['code']>; message: string; items: string[] }> {
  let shown: { message: string; items: string[] } | undefined;
  const stand = ((message: string, ...buttons: string[]) => {
    shown = { message, items: buttons };
    return Promise.resolve(buttons.find((b) => b === choice));
  }) as unknown as typeof vscode.window.showErrorMessage;
  const errors = await withWindow('showErrorMessage', stand, async () => {
    const handled = await handledErrors(() => vscode.commands.executeCommand(
      'azureOpenAIMedia.transcribeAudio', file('hello.wav'), undefined, { responseFormat: 'text', open: false }));
    await until('the notification', () => shown !== undefined);
    return handled;
  });
  return { codes: errors.map((e) => e.code), ...shown! };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Puts `standIn` in place of `vscode.window[name]` while `body` runs (a dialog the test answers). The tests share the
 * extension's `vscode` API object (they load from its folder), so the extension meets the stand-in.
 */
export async function withWindow<K extends keyof typeof vscode.window, T>(
  name: K,
  standIn: (typeof vscode.window)[K],
  body: () => Thenable<T>,
): Promise<T> {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = window[name];
  window[name] = standIn;
  try {
    return await body();
  } finally {
    window[name] = original;
  }
}
