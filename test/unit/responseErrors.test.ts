import assert from 'node:assert/strict';
import { errorFromResponse } from '../../src/core/responseErrors';

describe('error responses to typed errors', () => {
  it('reads the service content-filter shape (innererror.content_filter_result) and names the categories', () => {
    const body = JSON.stringify({
      error: {
        message: 'The response was filtered due to the prompt triggering Azure OpenAI content management policy.',
        type: null, param: 'prompt', code: 'content_filter', status: 400,
        innererror: {
          code: 'ResponsibleAIPolicyViolation',
          content_filter_result: {
            hate: { filtered: false, severity: 'safe' }, violence: { filtered: true, severity: 'high' },
            self_harm: { filtered: true, severity: 'medium' }, jailbreak: { filtered: false, detected: false },
          },
        },
      },
    });
    const e = errorFromResponse(400, body, { requestId: 'r-1' });
    assert.equal(e.code, 'contentFilter');
    assert.deepEqual(e.categories, ['violence', 'self_harm']);
    assert.match(e.message, /violence, self-harm/, 'the categories named in words (category.*)');
    assert.equal(e.requestId, 'r-1');
    assert.equal(e.serviceCode, 'content_filter');
  });

  it('reads the spec shape (inner_error.content_filter_results) and the image API contentFilter code', () => {
    const spec = errorFromResponse(400, JSON.stringify({ error: { code: 'x', message: 'm',
      inner_error: { code: 'ResponsibleAIPolicyViolation',
      content_filter_results: { sexual: { filtered: true, severity: 'high' }, jailbreak: { filtered: true, detected: true } } } } }));
    assert.equal(spec.code, 'contentFilter');
    assert.deepEqual(spec.categories, ['sexual', 'jailbreak']);
    const dalle = errorFromResponse(400, JSON.stringify({ created: 1,
      error: { code: 'contentFilter', message: 'Generated image was filtered as a result of our safety system.' } }));
    assert.equal(dalle.code, 'contentFilter');
    assert.deepEqual(dalle.categories, []);
    assert.match(dalle.message, /generated output/);
  });

  it('names which auth to fix on 401 and 403', () => {
    const key = errorFromResponse(401, '{"error":{"code":"401","message":"Access denied due to invalid subscription key"}}',
      { authKind: 'apiKey' });
    assert.equal(key.code, 'auth');
    assert.equal(key.setting, 'apiKey');
    assert.match(key.message, /API key/);
    const token = errorFromResponse(401, '', { authKind: 'bearer' });
    assert.equal(token.setting, 'entraId');
    assert.match(token.message, /Entra ID/);
    const role = errorFromResponse(403, '{"error":{"code":"PermissionDenied","message":"no role"}}', { authKind: 'bearer' });
    assert.equal(role.code, 'forbidden');
    assert.match(role.message, /Cognitive Services OpenAI User/);
  });

  it('names the deployment setting on DeploymentNotFound and the api-version setting when that is unsupported', () => {
    const nf = errorFromResponse(404,
      '{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}',
      { operation: 'speech', deployment: 'ttz' });
    assert.equal(nf.code, 'deploymentNotFound');
    assert.equal(nf.setting, 'deployment');
    assert.match(nf.message, /"ttz".*azureOpenAIMedia\.deployments\.speech/);
    const av = errorFromResponse(404, '{"error":{"code":"404","message":"Resource not found. API version not supported"}}',
      { apiVersion: '2001-01-01' });
    assert.equal(av.code, 'apiVersion');
    assert.equal(av.setting, 'apiVersion');
    assert.match(av.message, /azureOpenAIMedia\.apiVersion/);
    assert.match(av.message, /2001-01-01/);
  });

  it('on the v1 route, a bare 404 points at the endpoint and the api-version; DeploymentNotFound still at the deployment', () => {
    const notFound = '{"error":{"code":"404","message":"Resource not found"}}';
    const bare = errorFromResponse(404, notFound, { operation: 'transcription', apiVersion: 'v1' });
    assert.equal(bare.code, 'deploymentNotFound');
    assert.equal(bare.setting, 'apiVersion');
    assert.match(bare.message, /v1 route.*azureOpenAIMedia\.endpoint.*azureOpenAIMedia\.apiVersion back to 2025-04-01-preview/);
    const dated = errorFromResponse(404, notFound, { operation: 'transcription', apiVersion: '2025-04-01-preview' });
    assert.equal(dated.setting, 'endpoint');
    const deploymentNotFound = '{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}';
    const missing = errorFromResponse(404, deploymentNotFound, {
      operation: 'imageGeneration',
      deployment: 'img',
      apiVersion: 'v1',
    });
    assert.equal(missing.setting, 'deployment');
    assert.match(missing.message, /"img".*azureOpenAIMedia\.deployments\.image/);
  });

  it('maps 413, 429 (with the wait), 5xx and other 400s', () => {
    assert.equal(errorFromResponse(413, 'too big').code, 'tooLarge');
    const rl = errorFromResponse(429,
      '{"error":{"code":"429","message":"Requests to the Operation under Azure OpenAI API version 2025-04-01-preview have exceeded rate ' +
        'limit."}}', { retryAfterMs: 12000 });
    assert.equal(rl.code, 'rateLimited');
    assert.equal(rl.retryAfterMs, 12000);
    assert.match(rl.message, /12 s/);
    assert.equal(errorFromResponse(503, '').code, 'server');
    const bad = errorFromResponse(400, '{"error":{"code":"invalid_value","message":"bad size","param":"size"}}');
    assert.equal(bad.code, 'badRequest');
    assert.equal(bad.field, 'size');
    assert.match(bad.message, /bad size/);
  });
});
