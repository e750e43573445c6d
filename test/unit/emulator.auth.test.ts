// The emulator's gateway: both auth modes (including a real @azure/identity ManagedIdentityCredential against its
// token endpoint), api-versions, deployments, operations per model, and what it records.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { startEmulator, type Emulator } from '../emulator/server';
import { API_VERSION, assertAzureError, makeWav, opUrl, postForm, postJson } from '../fixtures/emulatorFixtures';

const dalle = { prompt: 'a lighthouse at dusk' };

describe('emulator: auth and routing', () => {
  let em: Emulator;
  before(async () => {
    em = await startEmulator({ apiKey: 'secret-test-key' });
  });
  after(() => em.close());
  beforeEach(() => em.reset());

  describe('api-key', () => {
    it('accepts the configured key', async () => {
      const a = await postJson(em, 'dall-e-3', 'images/generations', dalle);
      assert.equal(a.status, 200);
      assert.equal(em.requests[0].auth, 'apiKey');
    });

    it('rejects a wrong key with the gateway 401 shape', async () => {
      const a = await postJson(em, 'dall-e-3', 'images/generations', dalle, { 'api-key': 'nope' });
      const err = assertAzureError(a, 401, '401');
      assert.match(String(err.message), /invalid subscription key/);
    });

    it('rejects a request without any credential', async () => {
      const a = await postJson(em, 'dall-e-3', 'images/generations', dalle, {});
      assertAzureError(a, 401, '401');
      assert.equal(em.requests[0].auth, 'none');
    });

    it('reads a multipart upload to its end before answering 401', async () => {
      const a = await postForm(em, 'whisper', 'audio/transcriptions',
        [['model', 'whisper-1'], ['file', { data: makeWav(30), filename: 'a.wav', type: 'audio/wav' }]], { 'api-key': 'wrong' });
      assertAzureError(a, 401);
    });

    it('never records the key, only that one was sent', async () => {
      await postJson(em, 'dall-e-3', 'images/generations', dalle);
      await postJson(em, 'dall-e-3', 'images/generations', dalle, { authorization: `Bearer ${em.issueToken()}` });
      const log = JSON.stringify(await (await fetch(`${em.url}/_emulator/requests`)).json());
      assert.ok(!log.includes('secret-test-key'));
      assert.equal(em.requests[0].headers['api-key'], '[redacted]');
      assert.equal(em.requests[1].headers.authorization, 'Bearer [redacted]');
    });
  });

  describe('bearer tokens', () => {
    it('accepts a token it issued', async () => {
      const a = await postJson(em, 'dall-e-3', 'images/generations', dalle, { authorization: `Bearer ${em.issueToken()}` });
      assert.equal(a.status, 200);
      assert.equal(em.requests[0].auth, 'bearer');
    });

    it('rejects a token it never issued', async () => {
      const a = await postJson(em, 'dall-e-3', 'images/generations', dalle, { authorization: 'Bearer eyJmYWtlIjp0cnVlfQ.e30.sig' });
      const err = assertAzureError(a, 401, 'PermissionDenied');
      assert.match(String(err.message), /Access token is missing, invalid/);
    });

    it('rejects an expired token', async () => {
      const a = await postJson(em, 'dall-e-3', 'images/generations', dalle, { authorization: `Bearer ${em.issueToken(0)}` });
      assertAzureError(a, 401, 'PermissionDenied');
    });

    it('rejects revoked tokens', async () => {
      const token = em.issueToken();
      em.revokeTokens();
      const a = await postJson(em, 'dall-e-3', 'images/generations', dalle, { authorization: `Bearer ${token}` });
      assertAzureError(a, 401, 'PermissionDenied');
    });

    it('rejects a token issued for another resource', async () => {
      const r = await fetch(`${em.tokenEndpoint}?resource=${encodeURIComponent('https://management.azure.com')}&api-version=2019-08-01`, {
        headers: { 'X-IDENTITY-HEADER': em.identityHeader },
      });
      const { access_token } = (await r.json()) as { access_token: string };
      const a = await postJson(em, 'dall-e-3', 'images/generations', dalle, { authorization: `Bearer ${access_token}` });
      assertAzureError(a, 401, 'PermissionDenied');
    });
  });

  describe('managed-identity token endpoint', () => {
    const url = (e: Emulator, q: string): string => `${e.tokenEndpoint}?${q}`;

    it('answers the App Service protocol', async () => {
      const r = await fetch(url(em, `resource=${encodeURIComponent('https://cognitiveservices.azure.com')}&api-version=2019-08-01`), {
        headers: { 'X-IDENTITY-HEADER': em.identityHeader },
      });
      assert.equal(r.status, 200);
      const body = (await r.json()) as Record<string, string>;
      assert.equal(body.token_type, 'Bearer');
      assert.equal(body.resource, 'https://cognitiveservices.azure.com');
      assert.match(body.expires_on, /^\d+$/);
      assert.ok(Number(body.expires_on) > Date.now() / 1000 + 3000);
      assert.equal(body.access_token.split('.').length, 3);
      const user = await fetch(url(em,
        `resource=${encodeURIComponent('https://cognitiveservices.azure.com')}&api-version=2019-08-01&client_id=my-app`), {
        headers: { 'X-IDENTITY-HEADER': em.identityHeader },
      });
      assert.equal(((await user.json()) as Record<string, string>).client_id, 'my-app', 'user-assigned identity echoed');
    });

    it('refuses a request without the identity header', async () => {
      const r = await fetch(url(em, 'resource=https://cognitiveservices.azure.com&api-version=2019-08-01'));
      assert.equal(r.status, 401);
    });

    it('refuses a wrong identity header, a missing resource and another protocol version', async () => {
      assert.equal((await fetch(url(em, 'resource=x&api-version=2019-08-01'), { headers: { 'X-IDENTITY-HEADER': 'wrong' } })).status, 401);
      assert.equal((await fetch(url(em, 'api-version=2019-08-01'), { headers: { 'X-IDENTITY-HEADER': em.identityHeader } })).status, 400);
      assert.equal((await fetch(url(em, 'resource=x&api-version=2017-09-01'),
        { headers: { 'X-IDENTITY-HEADER': em.identityHeader } })).status, 400);
    });

    it('serves a real @azure/identity ManagedIdentityCredential, whose token then calls the API', async function () {
      // MSAL's App Service source reads IDENTITY_ENDPOINT/IDENTITY_HEADER, sends
      // GET ?api-version=2019-08-01&resource=https://cognitiveservices.azure.com with X-IDENTITY-HEADER, and takes a
      // plain http endpoint (it only canonicalises the URL). But msal-node keeps the first managed-identity source it
      // builds in a static (ManagedIdentityClient.identitySource), endpoint included, for the life of the process:
      // a second emulator in the same process would never be asked. So the credential runs in a fresh process.
      this.timeout(30000);
      const script = `
        const { ManagedIdentityCredential } = require('@azure/identity');
        new ManagedIdentityCredential().getToken('https://cognitiveservices.azure.com/.default')
          .then((t) => process.stdout.write(JSON.stringify(t)), (e) => { process.stderr.write(String(e)); process.exit(1); });`;
      const out = await new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['-e', script], {
          cwd: path.join(__dirname, '..', '..', '..'),
          env: { ...process.env, IDENTITY_ENDPOINT: em.tokenEndpoint, IDENTITY_HEADER: em.identityHeader },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(stderr))));
      });
      const token = JSON.parse(out) as { token: string; expiresOnTimestamp: number };
      assert.ok(token.expiresOnTimestamp > Date.now() + 60_000);
      const a = await postJson(em, 'dall-e-3', 'images/generations', dalle, { authorization: `Bearer ${token.token}` });
      assert.equal(a.status, 200, a.text());
      assert.equal(em.requests.at(-1)?.auth, 'bearer');
    });
  });

  describe('api-version', () => {
    it('answers 404 Resource not found without one, like Azure', async () => {
      const a = await postJson(em, 'dall-e-3', 'images/generations', dalle, undefined, null);
      const err = assertAzureError(a, 404, '404');
      assert.equal(err.message, 'Resource not found');
    });

    it('rejects an unknown api-version', async () => {
      const a = await postJson(em, 'dall-e-3', 'images/generations', dalle, undefined, '2025-13-01-preview');
      const err = assertAzureError(a, 400, 'BadRequest');
      assert.equal(err.message, 'API version not supported');
    });

    it('accepts older dated versions that serve the operation', async () => {
      for (const v of ['2024-02-01', '2024-10-21', '2025-03-01-preview']) {
        const a = await postJson(em, 'dall-e-3', 'images/generations', dalle, undefined, v);
        assert.equal(a.status, 200, `${v}: ${a.text()}`);
      }
    });

    it('has no image edits before 2025-04-01-preview', async () => {
      const a = await postForm(em, 'gpt-image-1', 'images/edits', [['prompt', 'x']], undefined, '2024-10-21');
      assertAzureError(a, 404, '404');
    });

    it('serves gpt-image-1 only from 2025-04-01-preview on', async () => {
      const a = await postJson(em, 'gpt-image-1', 'images/generations', { prompt: 'x' }, undefined, '2025-03-01-preview');
      const err = assertAzureError(a, 400, 'BadRequest');
      assert.match(String(err.message), /enabled only for api versions 2025-04-01-preview and later/);
    });
  });

  describe('deployments and operations', () => {
    it('answers 404 DeploymentNotFound for an unknown deployment', async () => {
      const a = await postJson(em, 'no-such-deployment', 'images/generations', dalle);
      assertAzureError(a, 404, 'DeploymentNotFound');
      assert.equal(em.requests[0].deployment, 'no-such-deployment');
    });

    it('rejects speech on a whisper deployment', async () => {
      const a = await postJson(em, 'whisper', 'audio/speech', { input: 'hi', voice: 'alloy' });
      const err = assertAzureError(a, 400, 'OperationNotSupported');
      assert.match(String(err.message), /audioSpeech operation does not work with the specified model, whisper-1/);
    });

    it('rejects edits on dall-e-3 and translations on gpt-4o-transcribe', async () => {
      assertAzureError(await postForm(em, 'dall-e-3', 'images/edits', [['prompt', 'x']]), 400, 'OperationNotSupported');
      assertAzureError(await postForm(em, 'gpt-4o-transcribe', 'audio/translations', [['prompt', 'x']]), 400, 'OperationNotSupported');
    });

    it('rejects transcriptions on an image deployment', async () => {
      assertAzureError(await postForm(em, 'gpt-image-1', 'audio/transcriptions', [['model', 'x']]), 400, 'OperationNotSupported');
    });

    it('takes extra deployments from its options', async () => {
      const other = await startEmulator({ deployments: { 'my-hd-voice': 'tts-1-hd' } });
      try {
        const a = await postJson(other, 'my-hd-voice', 'audio/speech', { input: 'hello', voice: 'nova', response_format: 'wav' });
        assert.equal(a.status, 200);
        assert.equal((await postJson(other, 'dall-e-3', 'images/generations', dalle)).status, 200, 'defaults kept');
      } finally {
        await other.close();
      }
    });

    it('answers 404 for paths that are not one of the five operations', async () => {
      const r = await fetch(`${em.url}/openai/deployments/dall-e-3/chat/completions?api-version=${API_VERSION}`, {
        method: 'POST',
        headers: { 'api-key': em.apiKey, 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(r.status, 404);
      const get = await fetch(opUrl(em, 'dall-e-3', 'images/generations'), { headers: { 'api-key': em.apiKey } });
      assert.equal(get.status, 404);
    });

    it('decodes URL-encoded deployment names', async () => {
      const other = await startEmulator({ deployments: { 'image gen/1': 'dall-e-3' } });
      try {
        const a = await postJson(other, 'image gen/1', 'images/generations', dalle);
        assert.equal(a.status, 200, a.text());
      } finally {
        await other.close();
      }
    });
  });

  describe('the request log', () => {
    it('records operation, deployment, api-version, content type, fields, files and status', async () => {
      await postForm(em, 'whisper', 'audio/transcriptions', [
        ['model', 'whisper-1'],
        ['response_format', 'text'],
        ['file', { data: makeWav(2), filename: 'talk.wav', type: 'audio/wav' }],
      ]);
      const [rec] = em.requests;
      assert.equal(rec.operation, 'transcriptions');
      assert.equal(rec.deployment, 'whisper');
      assert.equal(rec.apiVersion, API_VERSION);
      assert.match(rec.contentType ?? '', /^multipart\/form-data; boundary=/);
      assert.deepEqual(rec.fields, { model: ['whisper-1'], response_format: ['text'] });
      assert.deepEqual(rec.files, [{ field: 'file', filename: 'talk.wav', contentType: 'audio/wav', size: makeWav(2).length }]);
      assert.equal(rec.status, 200);
      assert.equal(rec.method, 'POST');
      assert.equal(rec.path, '/openai/deployments/whisper/audio/transcriptions');
    });

    it('records JSON bodies and error codes', async () => {
      await postJson(em, 'tts', 'audio/speech', { input: 'hi', voice: 'nobody' });
      const [rec] = em.requests;
      assert.deepEqual(rec.json, { input: 'hi', voice: 'nobody' });
      assert.equal(rec.status, 400);
      assert.equal(rec.errorCode, 'invalid_value');
    });
  });
});
