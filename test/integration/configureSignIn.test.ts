// Configure → Sign in to Azure inside the real extension host, against the emulator's Resource Manager (pointed at
// by azureOpenAIMedia.management.endpoint) with a managed-identity token from its token endpoint (IDENTITY_ENDPOINT):
// the plan it writes after confirming, and each failure users hit, with the message that says what to do and nothing
// written. The prompts are answered from the command's `signIn` argument (commands/configureUi.ts scriptedUi).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ManagementState } from '../emulator/management';
import { english } from '../../src/core/messages';
import type { CheckResult } from '../../src/services/connectionCheck';
import type { DirectoryEntry } from '../../src/services/discoveryStore';
import { api, emulator, emulatorKey, emulatorUrl, handledErrors, setEmulatorKey } from './helpers';

/** Every setting Configure may write. */
const WRITTEN = ['endpoint', 'authentication', 'entra.tenantId', 'entra.scope', 'entra.authorityHost',
  ...['transcription', 'translation', 'speech', 'image', 'imageEdit'].map((k) => `deployments.${k}`),
  ...['transcription', 'speech', 'image', 'imageEdit'].map((k) => `models.${k}`)];

const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('azureOpenAIMedia');
const snapshot = (): Record<string, unknown> => Object.fromEntries(WRITTEN.map((k) => [k, settings().inspect(k)?.globalValue]));

const configure = (signIn: Record<string, unknown>): Thenable<CheckResult[] | undefined> =>
  vscode.commands.executeCommand<CheckResult[]>('azureOpenAIMedia.configure', { signIn });

async function managementState(): Promise<ManagementState> {
  return (await (await fetch(`${emulatorUrl()}/_emulator/management`)).json()) as ManagementState;
}

/** Runs Configure expecting a failure: its one message, and the settings as they were. */
async function fails(signIn: Record<string, unknown>): Promise<string> {
  const before = snapshot();
  const errors = await handledErrors(() => configure(signIn));
  assert.strictEqual(errors.length, 1, JSON.stringify(errors));
  assert.strictEqual(errors[0].kind, 'user', 'a message the user can act on, not "something went wrong"');
  assert.deepStrictEqual(snapshot(), before, 'a failure wrote settings');
  return errors[0].message;
}

describe('Configure: Sign in to Azure (Resource Manager in the emulator)', function () {
  this.timeout(120000);
  let saved: Record<string, unknown>;
  let directoryBefore: DirectoryEntry | undefined;

  before(async function () {
    if (!process.env.IDENTITY_ENDPOINT || !process.env.IDENTITY_HEADER) this.skip();
    await api();
    await setEmulatorKey();
    saved = snapshot();
    directoryBefore = (await api()).discovery.directory(emulatorUrl());
    await settings().update('management.endpoint', emulatorUrl(), vscode.ConfigurationTarget.Global);
  });
  beforeEach(async () => {
    await emulator.reset();
    // From nothing: no endpoint, the defaults' deployments.
    for (const key of WRITTEN) await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    // The emulator's resource as the other files know it: what the data plane lists, no Resource Manager account.
    const store = (await api()).discovery;
    await store.putDirectory(emulatorUrl(), directoryBefore ?? { readAt: 0, deployments: null, source: 'dataPlane' });
    await store.forgetLifecycles(emulatorUrl());
    await settings().update('management.endpoint', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('cloud', undefined, vscode.ConfigurationTarget.Global);
    for (const [key, value] of Object.entries(saved ?? {})) await settings().update(key, value, vscode.ConfigurationTarget.Global);
    await setEmulatorKey();
  });

  it('finds the resource, maps each operation by the model it runs and writes deployment and model only after confirming', async () => {
    const results = await configure({ resource: 'emulator-openai' });
    assert.deepStrictEqual(results?.map((r) => `${r.operation}:${r.status}`), [
      'transcription:ok', 'translation:ok', 'speech:ok', 'imageGeneration:ok', 'imageEdit:ok',
    ]);
    const cfg = settings();
    assert.strictEqual(cfg.get('endpoint'), emulatorUrl());
    assert.strictEqual(cfg.get('authentication'), 'entraId', 'Entra ID is proposed');
    assert.strictEqual(cfg.get('deployments.translation'), 'whisper', 'only whisper translates');
    // Each deployment written with the model it runs (the catalog's dated name where it knows the version).
    const families: Record<string, RegExp> = { transcription: /transcribe|whisper/, speech: /tts/, image: /^(gpt-image|dall-e)/,
      imageEdit: /^gpt-image/ };
    for (const [op, family] of Object.entries(families)) {
      const deployment = cfg.get<string>(`deployments.${op}`);
      const model = cfg.get<string>(`models.${op}`) ?? '';
      assert.ok(deployment, `${op}: no deployment`);
      assert.match(model, family, `${op}: ${deployment} runs ${model}`);
      assert.strictEqual(cfg.inspect(`models.${op}`)?.globalValue, model, `models.${op} was written`);
    }
    const requests = await emulator.requests();
    const management = requests.filter((r) => r.plane === 'management');
    assert.ok(management.length >= 3, 'subscriptions, accounts and deployments were read from Resource Manager');
    assert.ok(management.every((r) => r.auth === 'bearer' && r.headers['api-key'] === undefined));
    assert.ok(requests.filter((r) => r.operation).every((r) => r.auth === 'bearer'), 'the check signed in with Entra ID');
  });

  it('signed in, retirement dates come from the region\'s catalog of the resource Configure recorded', async () => {
    await configure({ resource: 'emulator-openai' });
    const { discovery, statusBar } = await api();
    assert.match(discovery.directory(emulatorUrl())?.account?.id ?? '', /\/accounts\/emulator-openai$/);
    const retires = new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10);
    const { catalog } = await managementState();
    await emulator.management({ catalog: catalog.map((m) => (m.name === 'whisper' ? { ...m, retires: `${retires}T00:00:00Z` } : m)) });
    await vscode.commands.executeCommand('azureOpenAIMedia.refreshDiscovery');
    const transcription = settings().get<string>('deployments.transcription');
    const model = settings().get<string>('models.transcription') ?? '';
    // The emulator's whisper deployment runs whisper 001, which outlives its other transcription models: the mapping's pick.
    assert.strictEqual(model, 'whisper', `transcription → ${transcription} runs ${model}`);
    const notice = statusBar.lifecycle().find((n) => n.model === 'whisper');
    assert.strictEqual(notice?.retires, retires, 'the date the region\'s catalog gives');
    assert.match(english(notice.sourced), /catalog for eastus/);
    const region = (await emulator.requests()).filter((r) => r.plane === 'management' && /\/locations\/eastus\/models/.test(r.path));
    assert.ok(region.length >= 1, 'the region\'s catalog was read from Resource Manager');
  });

  it('with the resource\'s key: listKeys into secret storage, never into settings', async () => {
    const results = await configure({ resource: 'emulator-openai', signInWith: 'apiKey' });
    assert.ok(results?.every((r) => r.status === 'ok'), JSON.stringify(results));
    assert.strictEqual(settings().get('authentication'), 'apiKey');
    const listKeys = (await emulator.requests()).filter((r) => r.plane === 'management' && /\/listKeys$/i.test(r.path.split('?')[0]));
    assert.strictEqual(listKeys.length, 1);
    assert.ok((await emulator.operations()).every((r) => r.auth === 'apiKey'));
    assert.ok(!JSON.stringify(snapshot()).includes(emulatorKey()), 'the key is in settings');
  });

  it('reads the accounts across pages (nextLink)', async () => {
    await emulator.management({ pageSize: 1 });
    await configure({ resource: 'emulator-openai' });
    assert.strictEqual(settings().get('endpoint'), emulatorUrl());
    const pages = (await emulator.requests()).filter((r) => r.plane === 'management' && /\/accounts$/.test(r.path.split('?')[0]));
    assert.strictEqual(pages.length, 3, 'three accounts, one per page');
  });

  it('cancelled at the confirmation: nothing is written', async () => {
    const before = snapshot();
    const results = await configure({ resource: 'emulator-openai', confirm: false });
    assert.strictEqual(results, undefined);
    assert.deepStrictEqual(snapshot(), before);
  });

  it('a role that cannot list deployments: says which role (403 AuthorizationFailed)', async () => {
    await emulator.management({ deny: ['deployments'] });
    assert.match(await fails({ resource: 'emulator-openai' }), /Cognitive Services OpenAI User/);
  });

  it('a role without listKeys: says which role, and that Entra ID is the other way', async () => {
    await emulator.management({ deny: ['listKeys'] });
    assert.match(await fails({ resource: 'emulator-openai', signInWith: 'apiKey' }), /Cognitive Services User/);
  });

  it('keys disabled on the resource (disableLocalAuth): only Entra ID is offered', async () => {
    const { accounts } = await managementState();
    await emulator.management({ accounts: accounts.map((a) => (a.name === 'emulator-openai' ? { ...a, disableLocalAuth: true } : a)) });
    assert.match(await fails({ resource: 'emulator-openai', signInWith: 'apiKey' }), /Keys are disabled on emulator-openai/);
  });

  it('waits out throttling (429 with Retry-After) and goes on', async () => {
    await emulator.management({ throttle: 2 });
    const started = Date.now();
    await configure({ resource: 'emulator-openai' });
    assert.ok(Date.now() - started >= 1800, 'the two Retry-After seconds were waited');
    assert.strictEqual(settings().get('endpoint'), emulatorUrl());
  });

  it('throttled past the bound: says when to try again', async () => {
    await emulator.management({ throttle: 50 });
    assert.match(await fails({ resource: 'emulator-openai' }), /throttling requests; try again in \d+ seconds/);
  });

  it('no subscriptions: says to sign in with the resource\'s account or use a key', async () => {
    await emulator.management({ subscriptions: [], tenants: [] });
    assert.match(await fails({}), /sees no Azure subscription/);
  });

  it('an empty resource: says to deploy a model first', async () => {
    const { accounts } = await managementState();
    await emulator.management({ accounts: accounts.map((a) => (a.name === 'emulator-openai' ? { ...a, deployments: {} } : a)) });
    assert.match(await fails({ resource: 'emulator-openai' }), /emulator-openai has no deployments yet/);
  });

  it('a custom cloud without a Resource Manager address: skipped with a word why', async () => {
    await settings().update('cloud', 'custom', vscode.ConfigurationTarget.Global);
    await settings().update('management.endpoint', undefined, vscode.ConfigurationTarget.Global);
    try {
      assert.match(await fails({}), /no Resource Manager address is set/);
    } finally {
      await settings().update('cloud', undefined, vscode.ConfigurationTarget.Global);
      await settings().update('management.endpoint', emulatorUrl(), vscode.ConfigurationTarget.Global);
    }
  });
});
