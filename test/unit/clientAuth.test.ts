// Both auth modes against the emulator: api-key, a real @azure/identity credential (App Service managed identity
// protocol against the emulator's token endpoint) and an injected TokenCredential, with the refresh after a 401.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { DEFAULT_SCOPE } from '../../src/core/client';
import { MediaApiError } from '../../src/core/errors';
import { makeWav, TempDir } from './coreFixtures';
import { useEmulator } from './clientHarness';

const execFileAsync = promisify(execFile);

class ScriptedCredential implements TokenCredential {
  calls: Array<{ scope: string | string[]; options?: GetTokenOptions }> = [];
  constructor(private readonly next: () => string | Promise<string>) {}
  async getToken(scope: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    this.calls.push({ scope, options });
    return { token: await this.next(), expiresOnTimestamp: Date.now() + 3600_000 };
  }
}

describe('client auth against the emulator', () => {
  const t = useEmulator();
  const dir = new TempDir();
  const wav = dir.file('a.wav', makeWav(0.5));
  after(() => dir.remove());
  const transcribe = (client: ReturnType<typeof t.client>) =>
    client.transcribe({ deployment: 'whisper', model: 'whisper-1', file: { name: 'a.wav', path: wav } });

  describe('api key', () => {
    it('sends the key in the api-key header and extra gateway headers, which cannot replace it', async () => {
      await transcribe(t.client({ headers: { 'X-Gateway-Team': 'media', 'API-Key': 'overridden' } }));
      const rec = t.emu.requests[0];
      assert.equal(rec.status, 200);
      assert.equal(rec.auth, 'apiKey');
      assert.equal(rec.headers['x-gateway-team'], 'media');
      assert.equal(rec.headers.authorization, undefined);
    });

    it('a wrong key is an auth error naming the key, not retried, and the key is not in the message', async () => {
      const key = 'wrong-key-0123456789';
      const err = await transcribe(t.client({ auth: { type: 'apiKey', getKey: () => Promise.resolve(key) } })).catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'auth'), String(err));
      assert.equal(err.setting, 'apiKey');
      assert.equal(err.status, 401);
      assert.ok(!err.message.includes(key));
      assert.equal(t.emu.requests.length, 1);
      for (const line of t.logger.lines) assert.ok(!line.includes(key), line);
    });

    it('an empty key stops the call before sending', async () => {
      const err = await transcribe(t.client({ auth: { type: 'apiKey', getKey: () => Promise.resolve('  ') } })).catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'auth'));
      assert.equal(err.setting, 'apiKey');
      assert.equal(t.emu.requests.length, 0);
    });

    it('the unauthorized fault with a key is reported as auth, without a retry', async () => {
      t.emu.injectFault({ kind: 'unauthorized' });
      const err = await transcribe(t.client()).catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'auth'));
      assert.equal(t.emu.requests.length, 1);
    });
  });

  describe('Microsoft Entra ID', () => {
    it('a real ManagedIdentityCredential (IDENTITY_ENDPOINT/IDENTITY_HEADER) gets a bearer token the emulator accepts', async () => {
      // In a child process: MSAL keeps the managed-identity endpoint process-wide after first use.
      const { stdout } = await execFileAsync(process.execPath, [join(__dirname, 'clientManagedIdentityChild.js')], {
        env: { ...process.env, EMULATOR_URL: t.emu.url, IDENTITY_ENDPOINT: t.emu.tokenEndpoint, IDENTITY_HEADER: t.emu.identityHeader,
          WAV_PATH: wav },
        timeout: 30000,
      });
      const outcome = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { ok: boolean; text?: string; images?: number;
        message?: string };
      assert.ok(outcome.ok, outcome.message);
      assert.ok(outcome.text);
      assert.equal(outcome.images, 1);
      assert.deepEqual(t.emu.requests.map((r) => [r.auth, r.status]), [['bearer', 200], ['bearer', 200]]);
      assert.equal(t.emu.requests[0].headers['api-key'], undefined);
    });

    it('a ManagedIdentityCredential whose token the service refuses ends in an auth error naming Entra ID', async () => {
      t.emu.injectFault({ kind: 'unauthorized', times: 2 });
      const { stdout } = await execFileAsync(process.execPath, [join(__dirname, 'clientManagedIdentityChild.js')], {
        env: { ...process.env, EMULATOR_URL: t.emu.url, IDENTITY_ENDPOINT: t.emu.tokenEndpoint, IDENTITY_HEADER: t.emu.identityHeader,
          WAV_PATH: wav },
        timeout: 30000,
      });
      const outcome = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { ok: boolean; code?: string; message?: string };
      assert.equal(outcome.ok, false);
      assert.equal(outcome.code, 'auth');
      assert.match(outcome.message ?? '', /Entra ID/);
      assert.deepEqual(t.emu.requests.map((r) => [r.auth, r.status]), [['bearer', 401], ['bearer', 401]], 'one refresh, then the error');
    });

    it('an injected TokenCredential is asked for every request, for the Cognitive Services scope', async () => {
      const credential = new ScriptedCredential(() => t.emu.issueToken());
      const client = t.client({ auth: { type: 'entraId', credential } });
      await transcribe(client);
      await transcribe(client);
      assert.equal(credential.calls.length, 2);
      assert.deepEqual(credential.calls.map((c) => c.scope), [DEFAULT_SCOPE, DEFAULT_SCOPE]);
      assert.equal(DEFAULT_SCOPE, 'https://cognitiveservices.azure.com/.default');
      assert.deepEqual(t.emu.requests.map((r) => [r.auth, r.status]), [['bearer', 200], ['bearer', 200]]);
    });

    it('passes a configured scope through', async () => {
      const credential = new ScriptedCredential(() => t.emu.issueToken());
      await transcribe(t.client({ auth: { type: 'entraId', credential, scope: 'https://cognitiveservices.azure.com/.default ' } }));
      assert.equal(credential.calls[0].scope, 'https://cognitiveservices.azure.com/.default');
    });

    it('after a 401 fetches a new token once and succeeds', async () => {
      const stale = t.emu.issueToken();
      t.emu.revokeTokens();
      let call = 0;
      const credential = new ScriptedCredential(() => (call++ === 0 ? stale : t.emu.issueToken()));
      const result = await transcribe(t.client({ auth: { type: 'entraId', credential }, maxRetries: 0 }));
      assert.ok(result.text);
      assert.equal(credential.calls.length, 2);
      assert.deepEqual(t.emu.requests.map((r) => r.status), [401, 200]);
      assert.ok(t.logger.lines.some((l) => /new token/.test(l)));
      for (const line of t.logger.lines) assert.ok(!line.includes(stale), 'no token in the log');
    });

    it('refreshes only once: a token refused twice is an auth error naming Entra ID', async () => {
      const credential = new ScriptedCredential(() => 'not-a-token-the-emulator-knows');
      const err = await transcribe(t.client({ auth: { type: 'entraId', credential } })).catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'auth'), String(err));
      assert.equal(err.setting, 'entraId');
      assert.match(err.message, /Entra ID/);
      assert.ok(!err.message.includes('not-a-token-the-emulator-knows'));
      assert.equal(credential.calls.length, 2);
      assert.equal(t.emu.requests.length, 2);
    });

    it('the unauthorized fault with a token is healed by the refresh', async () => {
      t.emu.injectFault({ kind: 'unauthorized' });
      const credential = new ScriptedCredential(() => t.emu.issueToken());
      await transcribe(t.client({ auth: { type: 'entraId', credential } }));
      assert.deepEqual(t.emu.requests.map((r) => r.status), [401, 200]);
    });

    it('a credential that fails is an auth error naming Entra ID, and nothing is sent', async () => {
      const credential: TokenCredential = {
        getToken: () => Promise.reject(new Error('AADSTS700016: application not found in tenant')),
      };
      const err = await transcribe(t.client({ auth: { type: 'entraId', credential } })).catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'auth'));
      assert.equal(err.setting, 'entraId');
      assert.match(err.message, /AADSTS700016.*tenantId/);
      assert.equal(t.emu.requests.length, 0);
    });

    it('a credential that returns no token is an auth error', async () => {
      const credential: TokenCredential = { getToken: () => Promise.resolve(null) };
      await assert.rejects(transcribe(t.client({ auth: { type: 'entraId', credential } })),
        (e: unknown) => MediaApiError.is(e, 'auth') && e.setting === 'entraId');
    });
  });
});
