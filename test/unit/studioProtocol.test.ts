import * as assert from 'node:assert/strict';
import { resolveRef } from '../../src/studio/paths';
import { LIMITS, parseWebviewMessage, validateWebviewMessage, type WebviewToHost } from '../../src/studio/protocol';

function refused(raw: unknown, pattern?: RegExp): string {
  const result = parseWebviewMessage(raw);
  assert.equal(result.ok, false, `expected a refusal of ${JSON.stringify(raw)?.slice(0, 200)}`);
  if (!result.ok && pattern) assert.match(result.error, pattern);
  return result.ok ? '' : result.error;
}

function accepted(raw: unknown): WebviewToHost {
  const result = parseWebviewMessage(raw);
  if (!result.ok) assert.fail(`refused ${JSON.stringify(raw).slice(0, 200)}: ${result.error}`);
  return result.message;
}

const stroke = { mode: 'paint', size: 24, points: [10, 10, 40, 40] };

describe('Studio protocol: messages from the page', () => {
  it('accepts every well-formed message type', () => {
    const good: unknown[] = [
      { type: 'ready' },
      { type: 'pickFile', requestId: 'r1', kind: 'audio' },
      { type: 'resolveFile', requestId: 'r2', kind: 'image', ref: 'media/cat.png' },
      { type: 'resolveFile', requestId: 'r3', kind: 'audio', ref: 'file:///home/u/ws/talk.wav' },
      {
        type: 'transcribe',
        requestId: 'r4',
        task: 'transcribe',
        file: 'audio/talk.wav',
        options: { language: 'en', prompt: 'names:\nAda', response_format: 'verbose_json', temperature: 0.2, timestamp_granularities: ['word', 'segment'] },
      },
      { type: 'transcribe', requestId: 'r5', task: 'translate', file: 'a.mp3', options: {} },
      { type: 'speak', requestId: 'r6', text: 'Hello\nworld', options: { voice: 'nova', response_format: 'wav', speed: 1.5 } },
      {
        type: 'generateImage',
        requestId: 'r7',
        prompt: 'a lighthouse',
        options: { n: 2, size: '1536x1024', quality: 'high', background: 'transparent', output_format: 'png', stream: true, partial_images: 2 },
      },
      {
        type: 'editImage',
        requestId: 'r8',
        file: 'img/cat.png',
        prompt: 'add a hat',
        mask: { width: 1024, height: 1024, strokes: [stroke, { mode: 'erase', size: 8, points: [12, 12] }] },
        options: { input_fidelity: 'high', stream: false },
      },
      { type: 'editImage', requestId: 'r8b', file: 'img/cat.png', prompt: 'again', maskFile: 'img/cat.mask.png', options: {} },
      { type: 'editImage', requestId: 'r9', file: 'cat.jpg', prompt: 'x', options: {} },
      { type: 'cancel', requestId: 'r7' },
      { type: 'copyText', text: 'some\ttext\n' },
      { type: 'insertText', text: '' },
      { type: 'saveTranscript', requestId: 'r10', resultId: 'res-1', format: 'srt' },
      { type: 'saveCopy', requestId: 'r11', path: 'media/speech.mp3' },
      { type: 'openFile', path: 'media/a.png' },
      { type: 'revealFile', path: 'media/a.png' },
      { type: 'loadPreview', requestId: 'r12', path: 'img/cat-edit.png' },
      { type: 'deleteRecord', requestId: 'r13', id: '1732611111-ab12', deleteFile: true },
      { type: 'openSettings', query: 'azureOpenAIMedia.models' },
    ];
    for (const raw of good) assert.deepEqual(accepted(raw), raw);
  });

  it('returns a copy holding only the known fields', () => {
    const raw = { type: 'speak', requestId: 'x', text: 'hi', options: { voice: 'alloy' } };
    const msg = accepted(raw);
    assert.notEqual(msg, raw);
    assert.equal(Object.getPrototypeOf(msg), Object.prototype);
  });

  it('refuses what is not a plain object', () => {
    for (const raw of [null, undefined, 0, 'ready', ['ready'], true, new Date(), Object.create({ type: 'ready' })]) {
      refused(raw);
    }
    class Fake {
      type = 'ready';
    }
    refused(new Fake(), /expected an object/);
  });

  it('refuses unknown and inherited message types', () => {
    refused({ type: 'runShell', command: 'rm -rf /' }, /unknown message type/);
    refused({ type: 'toString' }, /unknown message type/);
    refused({ type: 'constructor' }, /unknown message type/);
    refused({ type: '__proto__' }, /unknown message type/);
    refused({}, /unknown message type/);
    refused({ type: 42 }, /unknown message type/);
  });

  it('refuses unknown fields, including prototype keys', () => {
    refused({ type: 'ready', extra: 1 }, /unexpected field "extra"/);
    refused(JSON.parse('{"type":"ready","__proto__":{"polluted":true}}'), /unexpected field "__proto__"/);
    refused(
      JSON.parse('{"type":"speak","requestId":"a","text":"t","options":{"constructor":{"prototype":{"x":1}}}}'),
      /unexpected field "constructor"/,
    );
    refused({ type: 'speak', requestId: 'a', text: 't', options: { voice: 'alloy', deployment: 'other' } }, /deployment/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('refuses missing and mistyped fields', () => {
    refused({ type: 'pickFile', kind: 'audio' }, /missing "requestId"/);
    refused({ type: 'pickFile', requestId: 'a', kind: 'video' }, /expected one of/);
    refused({ type: 'speak', requestId: 'a', text: '', options: {} }, /shorter than 1/);
    refused({ type: 'speak', requestId: 'a', text: 5, options: {} }, /expected a string/);
    refused({ type: 'speak', requestId: 'a', text: 'x' }, /missing "options"/);
    refused({ type: 'deleteRecord', requestId: 'a', id: 'b', deleteFile: 'yes' }, /true or false/);
    refused({ type: 'transcribe', requestId: 'a', task: 'summarise', file: 'a.wav', options: {} });
  });

  it('refuses hostile request ids and record ids', () => {
    refused({ type: 'cancel', requestId: '' });
    refused({ type: 'cancel', requestId: 'a'.repeat(LIMITS.requestId + 1) }, /longer than/);
    refused({ type: 'cancel', requestId: '<img src=x onerror=alert(1)>' }, /unexpected form/);
    refused({ type: 'deleteRecord', requestId: 'a', id: '../../etc/passwd', deleteFile: true }, /unexpected form/);
  });

  it('refuses paths that leave the workspace, in form and on resolution', () => {
    const bad = [
      '/etc/passwd',
      '\\\\server\\share\\x.wav',
      'C:\\Windows\\x.wav',
      'c:/x.wav',
      '../secret.wav',
      'media/../../secret.wav',
      'media\\..\\..\\x.png',
      './a.png',
      'media//a.png',
      'a.png\u0000.wav',
      'line\nbreak.png',
      '',
      'x'.repeat(LIMITS.path + 1),
    ];
    for (const path of bad) {
      refused({ type: 'openFile', path });
      refused({ type: 'transcribe', requestId: 'a', task: 'transcribe', file: path, options: {} });
      assert.equal(resolveRef(path, ['file:///home/u/ws']), undefined, path);
    }
    // A URI passes the form check; resolveRef then refuses whatever lies outside the workspace folders.
    const folders = ['file:///home/u/ws', 'vscode-remote://ssh-remote%2Bh/srv/ws2'];
    for (const uri of [
      'file:///etc/passwd',
      'file:///home/u/ws',
      'file:///home/u/ws/',
      'file:///home/u/ws/../secret.wav',
      'file:///home/u/ws/%2e%2e/secret.wav',
      'file:///home/u/ws/a%2F..%2F..%2Fb.wav',
      'file:///home/u/ws/a%5C..%5Cb.wav',
      'file:///home/u/wsx/a.wav',
      'file://evil/home/u/ws/a.wav',
      'https://example.com/home/u/ws/a.png',
      'file:///home/u/ws/a.png?x=1',
      'vscode-remote://ssh-remote%2Bother/srv/ws2/a.wav',
      'file:///home/u/ws/bad%E0%A4%A.wav',
    ]) {
      accepted({ type: 'openFile', path: uri });
      assert.equal(resolveRef(uri, folders), undefined, uri);
    }
    assert.deepEqual(resolveRef('file:///home/u/ws/audio/talk%20one.wav', folders), { folder: 0, segments: ['audio', 'talk one.wav'] });
    assert.deepEqual(resolveRef('vscode-remote://ssh-remote%2Bh/srv/ws2/x.png', folders), { folder: 1, segments: ['x.png'] });
    assert.deepEqual(resolveRef('media/out.png', folders), { folder: 0, segments: ['media', 'out.png'] });
    assert.equal(resolveRef('media/out.png', []), undefined);
    refused({ type: 'resolveFile', requestId: 'a', kind: 'audio', ref: '/etc/passwd' });
    refused({ type: 'resolveFile', requestId: 'a', kind: 'audio', ref: '../x.wav' });
  });

  it('refuses out-of-range and non-finite option values', () => {
    const speak = (options: unknown) => ({ type: 'speak', requestId: 'a', text: 'x', options });
    refused(speak({ speed: 0.1 }), /out of range/);
    refused(speak({ speed: 4.5 }), /out of range/);
    refused(speak({ speed: Number.NaN }), /finite/);
    refused(speak({ speed: Infinity }), /finite/);
    refused(speak({ speed: '1' }), /finite/);
    refused(speak({ voice: 'darth' }), /expected one of/);
    refused(speak({ response_format: 'ogg' }), /expected one of/);
    const image = (options: unknown) => ({ type: 'generateImage', requestId: 'a', prompt: 'p', options });
    refused(image({ n: 0 }), /out of range/);
    refused(image({ n: 11 }), /out of range/);
    refused(image({ n: 1.5 }), /integer/);
    refused(image({ partial_images: 4 }), /out of range/);
    refused(image({ output_format: 'webp' }), /expected one of/);
    // Any WxH passes here (gpt-image-2 takes custom sizes); src/core/validation.ts holds it against the model.
    refused(image({ size: 'huge' }), /unexpected form/);
    refused(image({ size: '123456x1' }), /unexpected form/);
    refused(image({ output_compression: 101 }), /out of range/);
    const audio = (options: unknown) => ({ type: 'transcribe', requestId: 'a', task: 'transcribe', file: 'a.wav', options });
    refused(audio({ temperature: 2 }), /out of range/);
    refused(audio({ language: 'en; rm' }), /unexpected form/);
    refused(audio({ timestamp_granularities: ['word', 'segment', 'word'] }), /more than 2/);
    refused(audio({ timestamp_granularities: 'word' }), /expected an array/);
  });

  it('refuses over-long text', () => {
    refused({ type: 'speak', requestId: 'a', text: 'x'.repeat(LIMITS.speechInput + 1), options: {} }, /longer than 8192/);
    accepted({ type: 'speak', requestId: 'a', text: 'x'.repeat(LIMITS.speechInput), options: {} });
    refused({ type: 'generateImage', requestId: 'a', prompt: 'x'.repeat(LIMITS.imagePrompt + 1), options: {} }, /longer than/);
    refused({ type: 'copyText', text: 'x'.repeat(LIMITS.clipboardText + 1) }, /longer than/);
    refused({ type: 'speak', requestId: 'a', text: 'bell\u0007', options: {} }, /control characters/);
  });

  it('refuses malformed and oversized masks', () => {
    const edit = (mask: unknown) => ({ type: 'editImage', requestId: 'a', file: 'a.png', prompt: 'p', mask, options: {} });
    refused(edit({ width: 0, height: 10, strokes: [] }), /out of range/);
    refused(edit({ width: 10.5, height: 10, strokes: [] }), /integer/);
    refused(edit({ width: 100000, height: 10, strokes: [] }), /out of range/);
    refused(edit({ width: 10, height: 10, strokes: [{ mode: 'paint', size: 4, points: [1, 2, 3] }] }), /x,y pairs/);
    refused(edit({ width: 10, height: 10, strokes: [{ mode: 'paint', size: 4, points: [] }] }), /fewer than/);
    refused(edit({ width: 10, height: 10, strokes: [{ mode: 'smudge', size: 4, points: [1, 2] }] }), /expected one of/);
    refused(edit({ width: 10, height: 10, strokes: [{ mode: 'paint', size: 0, points: [1, 2] }] }), /out of range/);
    refused(edit({ width: 10, height: 10, strokes: [{ mode: 'paint', size: 4, points: [1, null] }] }), /finite/);
    refused(edit({ width: 10, height: 10, strokes: [{ mode: 'paint', size: 4, points: [1, 1e12] }] }), /out of range/);
    const many = Array.from({ length: LIMITS.maskStrokes + 1 }, () => stroke);
    refused(edit({ width: 100, height: 100, strokes: many }), /more than/);
    const longStroke = { mode: 'paint', size: 4, points: new Array(LIMITS.maskPointsPerStroke * 2).fill(5) };
    const tooMany = Array.from({ length: LIMITS.maskPointsTotal / LIMITS.maskPointsPerStroke + 1 }, () => longStroke);
    refused(edit({ width: 100, height: 100, strokes: tooMany }), /points in all/);
  });

  it('throws a ProtocolError from validateWebviewMessage', () => {
    assert.throws(() => validateWebviewMessage({ type: 'nope' }), { name: 'ProtocolError' });
  });
});
