// Shared by the command integration tests (runs inside the extension host, with the real `vscode` API).
// The harness (scripts/run-integration.sh) gives the host AOAI_EMULATOR_URL / AOAI_EMULATOR_KEY and user settings
// that point the extension at the emulator; the workspace is a fresh sample workspace (AOAI_WORKSPACE).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { MediaExtensionApi } from '../../src/extension';
import type { HandledError } from '../../src/commands/errorBoundary';

export const EXTENSION_ID = 'azure-openai-media.azure-openai-media';

export interface RecordedRequest {
  id: number;
  method: string;
  path: string;
  operation?: 'transcriptions' | 'translations' | 'speech' | 'generations' | 'edits';
  deployment?: string;
  apiVersion?: string;
  auth: 'apiKey' | 'bearer' | 'none';
  contentType?: string;
  fields: Record<string, string[]>;
  files: Array<{ field: string; filename: string; contentType: string; size: number }>;
  json?: Record<string, unknown>;
  headers: Record<string, string>;
  status: number;
  errorCode?: string;
}

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

export const emulator = {
  async requests(): Promise<RecordedRequest[]> {
    const res = await fetch(`${emulatorUrl()}/_emulator/requests`);
    assert.strictEqual(res.status, 200);
    return (await res.json()) as RecordedRequest[];
  },
  /** Only the API calls (control routes are not recorded, but be safe). */
  async operations(): Promise<RecordedRequest[]> {
    return (await this.requests()).filter((r) => r.operation);
  },
  async reset(): Promise<void> {
    const res = await fetch(`${emulatorUrl()}/_emulator/reset`, { method: 'POST' });
    assert.strictEqual(res.status, 200);
  },
  async fault(fault: { kind: string; times?: number; operation?: string; delayMs?: number }): Promise<void> {
    const res = await fetch(`${emulatorUrl()}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    assert.strictEqual(res.status, 200, await res.text());
  },
  async clearFaults(): Promise<void> {
    await fetch(`${emulatorUrl()}/_emulator/faults`, { method: 'DELETE' });
  },
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

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
