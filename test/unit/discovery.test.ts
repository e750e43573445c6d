// Discovery (src/core/discovery) against the emulator's management plane and data-plane listings: paging, tenants,
// the token audiences, RBAC, throttling, the empty cases, listKeys, the lifecycles and the clouds.

import assert from 'node:assert/strict';
import type { TokenCredential } from '@azure/core-auth';
import { HttpClient } from '../../src/core/http';
import { nullLogger } from '../../src/core/types';
import {
  ArmClient, CLOUDS, DiscoveryError, findResources, lifecycleOf, listLegacyDeployments, listResourceModels, proposeMapping,
  resolveCloud, splitModelId, type Cloud,
} from '../../src/core/discovery';
import { startEmulator, type Emulator } from '../emulator/server';
import { EMULATOR_ACCOUNT, OTHER_TENANT } from '../emulator/management';

/** A credential handing out one kind of emulator token (its audience decided by the test), and counting calls. */
function credential(token: () => string): TokenCredential & { calls: number } {
  const c = {
    calls: 0,
    getToken: () => {
      c.calls++;
      return Promise.resolve({ token: token(), expiresOnTimestamp: Date.now() + 3600_000 });
    },
  };
  return c;
}

describe('discovery: Resource Manager and the data plane listings (emulator)', () => {
  let em: Emulator;
  let cloud: Cloud;
  const arm = (token: () => string, retries = 2): ArmClient =>
    new ArmClient({ cloud, credential: credential(token), maxRetries: retries, maxRetryDelayMs: 2000 });
  const http = new HttpClient({ logger: nullLogger, maxRetries: 0, timeoutMs: 10_000, maxRetryDelayMs: 0, headers: {} });

  before(async () => {
    em = await startEmulator({ apiKey: 'discovery-key' });
    cloud = resolveCloud({ cloud: 'AzureCloud', managementEndpoint: em.url })!;
  });
  after(() => em.close());
  beforeEach(() => em.reset());

  it('finds the OpenAI and AIServices accounts across nextLink pages; another tenant is a note, not a failure', async () => {
    const found = await findResources(arm(() => em.issueManagementToken()));
    assert.deepEqual(found.accounts.map((a) => `${a.name}:${a.kind}`).sort(), [`${EMULATOR_ACCOUNT}:OpenAI`, 'studio-ai:AIServices']);
    const mine = found.accounts.find((a) => a.name === EMULATOR_ACCOUNT)!;
    assert.equal(mine.endpoint, `${em.url}/`);
    assert.equal(mine.location, 'eastus');
    assert.equal(mine.subscription.displayName, 'Media Emulator');
    // AIServices: the OpenAI endpoint, not the account's cognitiveservices one.
    assert.equal(found.accounts.find((a) => a.name === 'studio-ai')!.endpoint, 'https://studio-ai.openai.azure.com/');
    const pages = em.requests.filter((r) => r.plane === 'management' && /\/accounts$/.test(r.path));
    assert.equal(pages.length, 2, 'three accounts at two a page: the nextLink was followed');
    assert.equal(found.notes.length, 1);
    assert.equal(found.notes[0].kind, 'tenantSignIn');
    assert.match(found.notes[0].message, new RegExp(OTHER_TENANT));
  });

  it('lists deployments with model, version and capacity, and maps each operation by the model it runs', async () => {
    const client = arm(() => em.issueManagementToken());
    const { accounts } = await findResources(client);
    const deployments = await client.listDeployments(accounts.find((a) => a.name === EMULATOR_ACCOUNT)!);
    const whisper = deployments.find((d) => d.name === 'whisper')!;
    assert.deepEqual([whisper.model, whisper.version, whisper.capacity, whisper.state], ['whisper', '001', 10, 'Succeeded']);
    const mapping = Object.fromEntries(proposeMapping(deployments, new Date('2026-12-01')).map((c) => [c.operation, c.choice?.name]));
    // gpt-4o-transcribe retired on 2026-10-15 (the catalog's table): whisper, still served, ranks first.
    assert.deepEqual(mapping, {
      transcription: 'whisper', translation: 'whisper', speech: 'gpt-4o-mini-tts', imageGeneration: 'gpt-image-2',
      imageEdit: 'gpt-image-2',
    });
  });

  it('reads lifecycles from the region catalog; a date changed there is the date read', async () => {
    const client = arm(() => em.issueManagementToken());
    const { subscriptions } = await findResources(client);
    const sub = subscriptions[0];
    assert.equal(lifecycleOf('whisper', '001', await client.listLocationModels(sub, 'eastus'))?.retires, '2026-12-15');
    em.management.catalog = em.management.catalog.map((m) => (m.name === 'whisper' ? { ...m, retires: '2027-02-01T00:00:00Z',
      lifecycleStatus: 'Deprecating' } : m));
    const after = lifecycleOf('whisper', '001', await client.listLocationModels(sub, 'eastus'));
    assert.deepEqual([after?.retires, after?.status], ['2027-02-01', 'Deprecating']);
  });

  it('checks the token audience both ways', async () => {
    // A data-plane token at Resource Manager ...
    await assert.rejects(findResources(arm(() => em.issueToken())), (err: unknown) =>
      DiscoveryError.isKind(err, 'unauthorized') && /InvalidAuthenticationTokenAudience/.test(err.message));
    // ... and a Resource Manager token at the data plane.
    await assert.rejects(listResourceModels(http, em.url, { type: 'entraId', credential: credential(() => em.issueManagementToken()) }),
      (err: unknown) => (err as { status?: number }).status === 401);
    const models = await listResourceModels(http, em.url, { type: 'entraId', credential: credential(() => em.issueToken()) });
    assert.ok(models.length > 5);
  });

  it('a missing role is 403 AuthorizationFailed, named with the role that would allow it', async () => {
    em.management.deny = ['deployments'];
    const client = arm(() => em.issueManagementToken());
    const { accounts } = await findResources(client);
    await assert.rejects(client.listDeployments(accounts.find((a) => a.name === EMULATOR_ACCOUNT)!), (err: unknown) =>
      DiscoveryError.isKind(err, 'forbidden') && /Cognitive Services OpenAI User/.test(err.message) &&
      /deployments\/read/.test(err.message));
  });

  it('waits out a 429 as Retry-After says; throttling that outlasts the retries is its own error', async () => {
    em.management.throttle = 1;
    const started = Date.now();
    const found = await findResources(arm(() => em.issueManagementToken()));
    assert.ok(found.accounts.length > 0);
    assert.ok(Date.now() - started >= 900, 'Retry-After: 1 was waited out');
    em.management.throttle = 5;
    await assert.rejects(findResources(arm(() => em.issueManagementToken(), 0)), (err: unknown) =>
      DiscoveryError.isKind(err, 'throttled') && /1 seconds/.test(err.message));
  });

  it('no subscriptions, and a resource without deployments', async () => {
    em.management.subscriptions = [];
    em.management.tenants = [];
    await assert.rejects(findResources(arm(() => em.issueManagementToken())),
      (err: unknown) => DiscoveryError.isKind(err, 'noSubscriptions'));
    em.reset();
    em.management.accounts = em.management.accounts.map((a) => (a.name === EMULATOR_ACCOUNT ? { ...a, deployments: {} } : a));
    const client = arm(() => em.issueManagementToken());
    const { accounts } = await findResources(client);
    const none = await client.listDeployments(accounts.find((a) => a.name === EMULATOR_ACCOUNT)!);
    assert.deepEqual(none, []);
    assert.ok(proposeMapping(none).every((c) => !c.choice && c.candidates.length === 0));
  });

  it('listKeys gives the key; keys disabled on the resource say so', async () => {
    const client = arm(() => em.issueManagementToken());
    const { accounts } = await findResources(client);
    const account = accounts.find((a) => a.name === EMULATOR_ACCOUNT)!;
    assert.equal(await client.listKeys(account), 'discovery-key');
    em.management.deny = ['listKeys'];
    await assert.rejects(client.listKeys(account), (err: unknown) =>
      DiscoveryError.isKind(err, 'forbidden') && /Cognitive Services User/.test(err.message));
    em.management.deny = [];
    em.management.accounts = em.management.accounts.map((a) => ({ ...a, disableLocalAuth: true }));
    const locked = (await findResources(client)).accounts.find((a) => a.name === EMULATOR_ACCOUNT)!;
    assert.equal(locked.disableLocalAuth, true);
    await assert.rejects(client.listKeys(locked), (err: unknown) => DiscoveryError.isKind(err, 'localAuthDisabled'));
    // The service refuses too, for a caller that did not look.
    await assert.rejects(client.listKeys({ ...locked, disableLocalAuth: false }), (err: unknown) =>
      DiscoveryError.isKind(err, 'localAuthDisabled'));
  });

  it('with a key: the models list (Unix-second dates) and the legacy deployments list, gone on later api-versions', async () => {
    const key = { type: 'apiKey' as const, getKey: () => Promise.resolve('discovery-key') };
    const models = await listResourceModels(http, em.url, key);
    assert.deepEqual(models.find((m) => m.name === 'whisper'), { name: 'whisper', version: '001', status: 'generally-available',
      retires: '2026-12-15' });
    const deployments = await listLegacyDeployments(http, em.url, key);
    assert.equal(deployments?.find((d) => d.name === 'whisper')?.model, 'whisper');
    const later = await fetch(`${em.url}/openai/deployments?api-version=2024-10-21`, { headers: { 'api-key': 'discovery-key' } });
    assert.equal(later.status, 404);
  });

  it('clouds: public, US Government, China and custom from one setting or VS Code\'s sovereign-cloud setting', () => {
    assert.equal(resolveCloud({ cloud: 'auto', managementEndpoint: '' })?.managementEndpoint, 'https://management.azure.com');
    assert.equal(resolveCloud({ cloud: 'auto', managementEndpoint: '', sovereignEnvironment: 'USGovernment' })?.managementEndpoint,
      CLOUDS.AzureUSGovernment.managementEndpoint);
    assert.equal(resolveCloud({ cloud: 'AzureChinaCloud', managementEndpoint: '' })?.dataPlaneScope,
      'https://cognitiveservices.azure.cn/.default');
    assert.equal(resolveCloud({ cloud: 'custom', managementEndpoint: '' }), undefined, 'custom without an address: skipped');
    const custom = resolveCloud({ cloud: 'auto', managementEndpoint: '', sovereignEnvironment: 'custom',
      sovereignCustom: { resourceManagerEndpointUrl: 'https://arm.contoso.example/', portalUrl: 'https://portal.contoso.example' } });
    assert.deepEqual([custom?.managementEndpoint, custom?.managementScope],
      ['https://arm.contoso.example', 'https://arm.contoso.example/.default']);
    assert.equal(resolveCloud({ cloud: 'AzureCloud', managementEndpoint: 'http://evil.example' }), undefined,
      'plain http only to localhost');
  });

  it('splits the data plane\'s model ids', () => {
    assert.deepEqual(splitModelId('gpt-4o-transcribe-2025-03-20'), { name: 'gpt-4o-transcribe', version: '2025-03-20' });
    assert.deepEqual(splitModelId('dall-e-3-3.0'), { name: 'dall-e-3', version: '3.0' });
    assert.deepEqual(splitModelId('tts'), { name: 'tts' });
  });
});
