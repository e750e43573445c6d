// Errors carry their parts as fields (our sentence, the service's words, the setting to change), so nothing has to
// split or match the English text of a message.
import * as assert from 'node:assert/strict';
import { MediaApiError } from '../../src/core/errors';
import { errorFromResponse } from '../../src/core/responseErrors';

describe('errors: fields instead of text', () => {
  it('keeps our sentence and the service\'s words apart, and composes the full message from them', () => {
    const e = errorFromResponse(404,
      '{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}', {
      operation: 'speech',
      deployment: 'ttz',
    });
    assert.equal(e.serviceMessage, 'The API deployment for this resource does not exist.');
    assert.equal(e.setting, 'deployment');
    assert.ok(!e.summary.includes('The API deployment for this resource'), e.summary);
    assert.match(e.summary, /azureOpenAIMedia\.deployments\.speech/);
    assert.equal(e.message, `${e.summary} The service said: ${e.serviceMessage}`);
  });

  it('has no service words when the service sent none', () => {
    const e = errorFromResponse(500, '');
    assert.equal(e.serviceMessage, undefined);
    assert.equal(e.message, e.summary);
  });

  it('a body that is not JSON becomes the service message, clipped to one line', () => {
    const e = errorFromResponse(502, '<html>\n<body>Bad gateway</body>\n</html>');
    assert.equal(e.serviceMessage, '<html> <body>Bad gateway</body> </html>');
    assert.equal(e.code, 'server');
  });

  it('names the setting to change for each class of problem, whatever the wording', () => {
    const cases: Array<[number, string, string | undefined]> = [
      [401, '{"error":{"code":"401","message":"Zugriff verweigert"}}', 'apiKey'],
      [403, '{"error":{"code":"403","message":"Accès refusé"}}', 'apiKey'],
      [404, '{"error":{"code":"DeploymentNotFound","message":"見つかりません"}}', 'deployment'],
      [400, '{"error":{"code":"BadRequest","message":"API version not supported"}}', 'apiVersion'],
      [400, '{"error":{"code":"invalid_value","message":"Ungültige Größe","param":"size"}}', undefined],
    ];
    for (const [status, body, setting] of cases) assert.equal(errorFromResponse(status, body, { authKind: 'apiKey' }).setting, setting,
      body);
  });

  it('a content-filter refusal keeps its categories as a field and the service words apart', () => {
    const e = errorFromResponse(400, JSON.stringify({ error: { code: 'contentFilter',
      message: 'Your task failed as a result of our safety system.',
      inner_error: { code: 'ResponsibleAIPolicyViolation',
      content_filter_results: { violence: { filtered: true, severity: 'high' } } } } }));
    assert.equal(e.code, 'contentFilter');
    assert.deepEqual(e.categories, ['violence']);
    assert.equal(e.serviceMessage, 'Your task failed as a result of our safety system.');
    assert.ok(!e.summary.includes('safety system'));
  });

  it('a hand-made error has its message as summary', () => {
    const e = new MediaApiError('validation', 'Say something.', { field: 'input' });
    assert.equal(e.summary, 'Say something.');
    assert.equal(e.message, 'Say something.');
  });
});
