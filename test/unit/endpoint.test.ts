import assert from 'node:assert/strict';
import { MediaApiError } from '../../src/core/errors';
import { isV1Route, normalizeEndpoint, operationUrl } from '../../src/core/endpoint';

describe('endpoint normalisation and URLs', () => {
  it('trims and strips trailing slashes and a pasted /openai suffix', () => {
    assert.equal(normalizeEndpoint('  https://res.openai.azure.com/  '), 'https://res.openai.azure.com');
    assert.equal(normalizeEndpoint('https://res.openai.azure.com/openai'), 'https://res.openai.azure.com');
    assert.equal(normalizeEndpoint('https://res.openai.azure.com/openai/'), 'https://res.openai.azure.com');
    assert.equal(normalizeEndpoint('https://res.openai.azure.com//'), 'https://res.openai.azure.com');
    assert.equal(
      normalizeEndpoint('https://res.openai.azure.com/openai/deployments/x/audio/speech?api-version=2024-02-01'),
      'https://res.openai.azure.com',
    );
  });

  it('keeps a gateway path and a port, adds https when no scheme was pasted', () => {
    assert.equal(normalizeEndpoint('https://apim.example.com:8443/team/aoai/'), 'https://apim.example.com:8443/team/aoai');
    assert.equal(normalizeEndpoint('res.openai.azure.com'), 'https://res.openai.azure.com');
  });

  it('allows http only for localhost', () => {
    assert.equal(normalizeEndpoint('http://127.0.0.1:4000/'), 'http://127.0.0.1:4000');
    assert.equal(normalizeEndpoint('http://localhost:4000/openai'), 'http://localhost:4000');
    for (const bad of ['http://res.openai.azure.com', 'ftp://x.example', '', '   ', 'https://user:pw@res.example.com',
      'https://exa mple']) {
      assert.throws(
        () => normalizeEndpoint(bad),
        (e: unknown) => MediaApiError.is(e, 'validation') && e.setting === 'endpoint' && /azureOpenAIMedia\.endpoint/.test(e.message),
        bad,
      );
    }
  });

  it('builds the operation URL with the deployment URL-encoded and the api-version', () => {
    assert.equal(
      operationUrl('https://res.openai.azure.com/openai/', 'my dep/../x', 'audio/transcriptions', '2025-04-01-preview'),
      'https://res.openai.azure.com/openai/deployments/my%20dep%2F..%2Fx/audio/transcriptions?api-version=2025-04-01-preview',
    );
  });

  it('builds v1 URLs: /openai/v1/{operation}, no api-version, no deployment in the path, any Azure host', () => {
    const ops = ['audio/transcriptions', 'audio/translations', 'audio/speech', 'images/generations', 'images/edits'] as const;
    for (const op of ops) {
      assert.equal(operationUrl('https://res.openai.azure.com', 'my-dep', op, 'v1'), `https://res.openai.azure.com/openai/v1/${op}`);
    }
    // A pasted v1 base URL (as Azure's docs write it) and the Foundry host normalise the same way.
    assert.equal(
      operationUrl('https://res.services.ai.azure.com/openai/v1/', 'my-dep', 'images/edits', ' V1 '),
      'https://res.services.ai.azure.com/openai/v1/images/edits',
    );
    assert.equal(
      operationUrl('https://apim.example.com/team/', 'd', 'audio/speech', 'v1'),
      'https://apim.example.com/team/openai/v1/audio/speech',
    );
    const versions = ['v1', 'V1', ' v1 ', 'v1-preview', '2025-04-01-preview', '', undefined];
    assert.deepEqual(versions.map(isV1Route), [true, true, true, false, false, false, false]);
  });
});
