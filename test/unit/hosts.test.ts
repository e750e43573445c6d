import * as assert from 'node:assert/strict';
import { isWellKnownTokenOrigin, matchesNoProxy, originOf, redactUrl, tokenConsentKey } from '../../src/core/hosts';

describe('hosts: the origin a key is bound to', () => {
  it('normalises the endpoint the way the client does', () => {
    assert.equal(originOf('https://my-resource.openai.azure.com/'), 'https://my-resource.openai.azure.com');
    assert.equal(originOf('https://my-resource.openai.azure.com/openai/deployments/x'), 'https://my-resource.openai.azure.com');
    assert.equal(originOf('my-resource.openai.azure.com'), 'https://my-resource.openai.azure.com');
    assert.equal(originOf('https://gateway.example.com:8443/team-a'), 'https://gateway.example.com:8443');
    assert.equal(originOf('http://127.0.0.1:4000'), 'http://127.0.0.1:4000');
  });
  it('tells origins apart by scheme, host and port', () => {
    assert.notEqual(originOf('http://127.0.0.1:4000'), originOf('http://localhost:4000'));
    assert.notEqual(originOf('https://a.openai.azure.com'), originOf('https://a.openai.azure.com:444'));
  });
  it('gives no origin for an endpoint the client would refuse', () => {
    assert.equal(originOf(''), '');
    assert.equal(originOf('http://my-resource.openai.azure.com'), '', 'plain http to a remote host');
    assert.equal(originOf('https://user:pw@my-resource.openai.azure.com'), '');
  });
});

describe('hosts: where an Entra token may go without asking', () => {
  it('accepts the hosts Microsoft runs for Azure OpenAI in every cloud, over https', () => {
    for (const origin of [
      'https://r.openai.azure.com', 'https://r.cognitiveservices.azure.com', 'https://p.services.ai.azure.com',
      'https://r.openai.azure.us', 'https://r.openai.azure.cn',
    ]) assert.ok(isWellKnownTokenOrigin(origin), origin);
  });
  // Issue 17, finding 5: before the fix all four were sent a token without a question.
  it('asks about API Management (anyone can create one) and loopback (any local process can listen)', () => {
    for (const origin of ['https://apim.azure-api.net', 'https://x.azure-api.us', 'http://127.0.0.1:4000', 'http://localhost:4000']) {
      assert.ok(!isWellKnownTokenOrigin(origin), origin);
    }
  });
  it('stores a consent per origin and scope, so another scope is asked about again', () => {
    const a = tokenConsentKey('https://gw.contoso.com', 'https://cognitiveservices.azure.com/.default');
    assert.notEqual(a, tokenConsentKey('https://gw.contoso.com', 'https://management.azure.com/.default'));
    assert.notEqual(a, tokenConsentKey('https://gw2.contoso.com', 'https://cognitiveservices.azure.com/.default'));
  });
  it('refuses look-alikes, other hosts and plain http', () => {
    for (const origin of [
      'https://openai.azure.com.evil.example', 'https://evilopenai.azure.com.example', 'https://example.com',
      'http://r.openai.azure.com', 'https://r.openai.azure.com.attacker.net', 'not a url',
    ]) assert.ok(!isWellKnownTokenOrigin(origin), origin);
  });
});

describe('hosts: http.noProxy', () => {
  const url = 'https://my-resource.openai.azure.com/openai';
  it('matches exact hosts, suffixes and *', () => {
    assert.ok(matchesNoProxy(url, ['my-resource.openai.azure.com']));
    assert.ok(matchesNoProxy(url, ['.azure.com']));
    assert.ok(matchesNoProxy(url, ['*.openai.azure.com']));
    assert.ok(matchesNoProxy(url, ['*']));
    assert.ok(matchesNoProxy('https://azure.com', ['.azure.com']));
  });
  it('does not match other hosts or partial names', () => {
    assert.ok(!matchesNoProxy(url, ['openai.azure.com']));
    assert.ok(!matchesNoProxy(url, ['resource.openai.azure.com']));
    assert.ok(!matchesNoProxy(url, ['', '  ']));
    assert.ok(!matchesNoProxy('not a url', ['*']));
  });
});

describe('hosts: proxy URLs in the log', () => {
  it('drops the user and password', () => {
    assert.equal(redactUrl('http://alice:s3cret@proxy.corp:3128'), 'http://proxy.corp:3128');
    assert.doesNotMatch(redactUrl('http://alice:s3cret@proxy.corp:3128/'), /s3cret|alice/);
  });
  it('never echoes an unparseable value', () => {
    assert.equal(redactUrl('::::s3cret'), '(unparseable proxy URL)');
  });
});
