// Smoke test of the harness and the extension: it is installed in this extension host, it activates, the commands it
// contributes are registered, and the host was given the emulator (env + user settings) by the launcher.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'azure-openai-media.azure-openai-media';

interface ContributedCommand { command: string; title: string; category?: string }
interface Manifest { name: string; contributes?: { commands?: ContributedCommand[] } }

describe('smoke: extension host', () => {
  it('has the extension installed from the development path', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded in this extension host`);
    assert.strictEqual((ext.packageJSON as Manifest).name, 'azure-openai-media');
  });

  it('activates without throwing', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('registers every command it contributes, all in the "Azure OpenAI" category', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    const contributed = (ext.packageJSON as Manifest).contributes?.commands ?? [];
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepStrictEqual(missing, [], 'contributed but not registered');
    const nlsFile = path.join(ext.extensionPath, 'package.nls.json');
    const nls = fs.existsSync(nlsFile) ? (JSON.parse(fs.readFileSync(nlsFile, 'utf8')) as Record<string, string>) : {};
    const text = (s = '') => s.replace(/^%(.+)%$/, (m, key: string) => nls[key] ?? m);
    const otherCategory = contributed.filter((c) => text(c.category) !== 'Azure OpenAI').map((c) => c.command);
    assert.deepStrictEqual(otherCategory, [], 'commands outside the "Azure OpenAI" category');
  });

  it('was started with the emulator: reachable, and the user settings point at it', async () => {
    const url = process.env.AOAI_EMULATOR_URL;
    assert.ok(url, 'AOAI_EMULATOR_URL is not set in the extension host');
    const res = await fetch(`${url}/_emulator/requests`);
    assert.strictEqual(res.status, 200);
    assert.ok(Array.isArray(await res.json()), '/_emulator/requests does not list requests');
    const endpoint = vscode.workspace.getConfiguration('azureOpenAIMedia').inspect<string>('endpoint');
    assert.strictEqual(endpoint?.globalValue, url);
  });
});
