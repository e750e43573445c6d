import assert from 'node:assert/strict';
import { backoffDelay, decideRetry, isRetryableStatus, retryAfterFromHeaders } from '../../src/core/retry';

describe('retry policy', () => {
  it('retries 408, 429 and 5xx only', () => {
    for (const s of [408, 429, 500, 502, 503, 504]) assert.equal(isRetryableStatus(s), true, String(s));
    for (const s of [400, 401, 403, 404, 409, 413, 422]) assert.equal(isRetryableStatus(s), false, String(s));
  });

  it('reads retry-after-ms first, then x-ms-retry-after-ms, then Retry-After', () => {
    assert.equal(retryAfterFromHeaders({ 'retry-after-ms': '1500', 'x-ms-retry-after-ms': '9', 'retry-after': '9' }), 1500);
    assert.equal(retryAfterFromHeaders({ 'x-ms-retry-after-ms': '250.4', 'retry-after': '9' }), 250);
    assert.equal(retryAfterFromHeaders({ 'retry-after': '3' }), 3000);
    assert.equal(retryAfterFromHeaders({ 'retry-after': '0.5' }), 500);
  });

  it('reads Retry-After as an HTTP date relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryAfterFromHeaders({ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' }, now), 7000);
    assert.equal(retryAfterFromHeaders({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, now), 0);
  });

  it('ignores garbage headers', () => {
    assert.equal(retryAfterFromHeaders({ 'retry-after-ms': 'soon', 'retry-after': 'later' }), undefined);
    assert.equal(retryAfterFromHeaders({}), undefined);
  });

  it('backs off exponentially with up to 25 % jitter, capped at 8 s and at the configured cap', () => {
    assert.equal(backoffDelay(0, 60000, () => 0), 500);
    assert.equal(backoffDelay(1, 60000, () => 0), 1000);
    assert.equal(backoffDelay(2, 60000, () => 1), 1500);
    assert.equal(backoffDelay(10, 60000, () => 0), 8000);
    assert.equal(backoffDelay(10, 3000, () => 0), 3000);
    for (let i = 0; i < 50; i++) {
      const d = backoffDelay(1, 60000);
      assert.ok(d >= 750 && d <= 1000, String(d));
    }
  });

  it('honours the server wait, refuses one above the cap, and stops after maxRetries', () => {
    assert.deepEqual(decideRetry({ attempt: 0, maxRetries: 2, maxDelayMs: 60000, headers: { 'retry-after': '2' } }), {
      retry: true,
      delayMs: 2000,
      retryAfterMs: 2000,
    });
    assert.deepEqual(decideRetry({ attempt: 0, maxRetries: 2, maxDelayMs: 60000, headers: { 'retry-after': '120' } }), {
      retry: false,
      delayMs: 0,
      retryAfterMs: 120000,
    });
    assert.equal(decideRetry({ attempt: 2, maxRetries: 2, maxDelayMs: 60000 }).retry, false);
    const fallback = decideRetry({ attempt: 1, maxRetries: 2, maxDelayMs: 60000, random: () => 0 });
    assert.deepEqual(fallback, { retry: true, delayMs: 1000 });
  });
});
