// The manifest and the code agree: every contributed command is registered (and every registered one contributed),
// every menu entry is one we intend, every setting the code reads is contributed with a description and the same
// default, and every %key% resolves in package.nls.json.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/shared/commandIds';
import { WALKTHROUGH_ID } from '../../src/commands/welcome';
import { DEFAULTS, settingKeys } from '../../src/services/configuration';
import { api, EXTENSION_ID } from './helpers';

interface Manifest {
  name: string;
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    menus: Record<string, Array<{ command: string; when?: string; group?: string }>>;
    configuration: Array<{ title: string; properties: Record<string,
      { default?: unknown; description?: string; markdownDescription?: string; enum?: unknown[] }> }>;
    walkthroughs?: Array<{ id: string; steps: Array<{ completionEvents?: string[]; media?: { markdown?: string } }> }>;
  };
  capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[] }; virtualWorkspaces: unknown };
  extensionKind: string[];
  activationEvents: string[];
}

/** The menu entries we mean to have; anything else in package.json is a mistake. */
const INTENDED_MENUS: Record<string, string[]> = {
  'explorer/context': [CommandIds.transcribeAudio, CommandIds.translateAudio, CommandIds.editImage],
  'editor/context': [CommandIds.speakSelection, CommandIds.generateImageFromSelection],
  commandPalette: [
    CommandIds.transcribeAudio,
    CommandIds.translateAudio,
    CommandIds.editImage,
    CommandIds.speakSelection,
    CommandIds.generateImageFromSelection,
    CommandIds.clearApiKey,
    CommandIds.openInPortal,
  ],
  // The Azure OpenAI view: Refresh in its title bar; "Use Another Deployment…" on each operation, inline and in the
  // context menu; "Open in Azure Portal" on the resource when its Azure id is known (hidden from the palette).
  'view/title': [CommandIds.refreshDiscovery],
  'view/item/context': [CommandIds.useDeploymentFor, CommandIds.useDeploymentFor, CommandIds.openInPortal, CommandIds.openInPortal],
};

/** The titles issue 3 pins, exactly. */
const PINNED_TITLES: Record<string, string> = {
  [CommandIds.transcribeAudio]: 'Transcribe Audio File',
  [CommandIds.translateAudio]: 'Translate Audio File to English',
  [CommandIds.speakSelection]: 'Speak Selected Text',
  [CommandIds.generateImageFromSelection]: 'Generate Image from Selected Comment',
  [CommandIds.editImage]: 'Edit Image with Prompt',
  [CommandIds.openStudio]: 'Open Studio',
  [CommandIds.setApiKey]: 'Set API Key',
  [CommandIds.clearApiKey]: 'Clear API Key',
};

describe('manifest', () => {
  let manifest: Manifest;
  let nls: Record<string, string>;
  let root: string;
  const text = (value: string | undefined): string => (value ?? '').replace(/^%(.+)%$/, (m, key: string) => nls[key] ?? m);

  before(async () => {
    await api();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    root = ext.extensionPath;
    manifest = ext.packageJSON as Manifest;
    nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  });

  it('contributes exactly the commands in CommandIds, and all are registered', async () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepStrictEqual(contributed, Object.values(CommandIds).sort());
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(contributed.filter((c) => !registered.has(c)), []);
  });

  it('uses the pinned titles and the "Azure OpenAI" category, Title Case everywhere', () => {
    for (const command of manifest.contributes.commands) {
      assert.strictEqual(text(command.category), 'Azure OpenAI', command.command);
      const title = text(command.title);
      if (PINNED_TITLES[command.command]) assert.strictEqual(title, PINNED_TITLES[command.command]);
      for (const word of title.split(' ').filter((w) => !['to', 'from', 'with', 'and', 'of', 'in'].includes(w))) {
        assert.match(word, /^[A-Z]/, `"${title}" is not Title Case`);
      }
    }
  });

  it('has exactly the intended menu entries', () => {
    const actual = Object.fromEntries(Object.entries(manifest.contributes.menus).map(([menu, entries]) =>
      [menu, entries.map((e) => e.command)]));
    assert.deepStrictEqual(actual, INTENDED_MENUS);
  });

  it('gates explorer entries to files of the right type', () => {
    for (const entry of manifest.contributes.menus['explorer/context']) {
      assert.match(entry.when ?? '', /!explorerResourceIsFolder/, entry.command);
      assert.match(entry.when ?? '', /resourceExtname =~/, entry.command);
    }
    const audio = manifest.contributes.menus['explorer/context'].find((e) => e.command === CommandIds.transcribeAudio)!;
    const regex = /resourceExtname =~ \/(.+)\/i/.exec(audio.when!)![1];
    const re = new RegExp(regex, 'i');
    for (const ext of ['.wav', '.mp3', '.m4a', '.ogg', '.webm', '.flac', '.mp4', '.mpeg', '.mpga']) assert.ok(re.test(ext), ext);
    for (const ext of ['.txt', '.png', '.wav.txt']) assert.ok(!re.test(ext), ext);
  });

  it('contributes every setting the code reads, with a description and the same default', () => {
    const properties: Record<string, { default?: unknown; description?: string; markdownDescription?: string }> = {};
    for (const group of manifest.contributes.configuration) Object.assign(properties, group.properties);
    const contributed = Object.keys(properties).map((k) => k.replace(/^azureOpenAIMedia\./, '')).sort();
    assert.deepStrictEqual(contributed, settingKeys().sort());
    for (const [key, schema] of Object.entries(properties)) {
      const description = text(schema.markdownDescription ?? schema.description);
      assert.ok(description.length > 30, `${key} has no helpful description`);
      const dotted = key.replace(/^azureOpenAIMedia\./, '').split('.');
      let expected: unknown = DEFAULTS;
      for (const part of dotted) expected = (expected as Record<string, unknown>)[part];
      assert.deepStrictEqual(schema.default, expected, `${key} default`);
    }
    assert.strictEqual(properties['azureOpenAIMedia.apiVersion'].default, '2025-04-01-preview');
  });

  it('resolves every %key% and ships the walkthrough media', () => {
    const raw = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const keys = [...raw.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 20);
    assert.deepStrictEqual(keys.filter((k) => !(k in nls)), []);
    assert.deepStrictEqual((manifest.contributes.walkthroughs ?? []).map((w) => `${EXTENSION_ID}#${w.id}`), [WALKTHROUGH_ID],
      'the first-run offer opens a walkthrough that does not exist');
    for (const walkthrough of manifest.contributes.walkthroughs ?? []) {
      for (const step of walkthrough.steps) {
        if (step.media?.markdown) assert.ok(fs.existsSync(path.join(root, step.media.markdown)), step.media.markdown);
      }
    }
  });

  it('declares honest capabilities: an untrusted workspace cannot redirect the key or token', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.strictEqual(untrusted.supported, 'limited');
    for (const key of ['endpoint', 'authentication', 'requestHeaders', 'entra.scope', 'entra.authorityHost', 'outputFolder']) {
      assert.ok(untrusted.restrictedConfigurations?.includes(`azureOpenAIMedia.${key}`), key);
    }
    for (const key of untrusted.restrictedConfigurations ??
      []) assert.ok(settingKeys().includes(key.replace(/^azureOpenAIMedia\./, '')), key);
    assert.ok(manifest.capabilities.virtualWorkspaces, 'virtualWorkspaces is not declared');
    assert.deepStrictEqual(manifest.extensionKind, ['workspace', 'ui']);
    assert.ok(!manifest.activationEvents.includes('*'));
  });
});
