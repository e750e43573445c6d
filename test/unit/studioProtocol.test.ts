import * as assert from 'node:assert/strict';
import { resolveRef } from '../../src/shared/paths';
import type { WebviewToHost } from '../../src/shared/protocol';
import { LIMITS, parseWebviewMessage, validateWebviewMessage, messageValidator, API_FIELDS,
  type OperationFields } from '../../src/studio/validate';
import { capabilitiesFor, fieldsOf } from '../../src/studio/capabilities';
import { MODELS, OPERATION_FIELDS, requestOptions, type FieldRule, type FieldSpec } from '../../src/core/catalog';
import { wireFields } from '../../src/core/client';
import type { MediaConfiguration } from '../../src/services/configuration';

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
        operation: 'transcription',
        file: 'audio/talk.wav',
        options: { language: 'en', prompt: 'names:\nAda', response_format: 'verbose_json', temperature: 0.2,
          timestamp_granularities: ['word', 'segment'] },
      },
      { type: 'transcribe', requestId: 'r5', operation: 'translation', file: 'a.mp3', options: {} },
      { type: 'speak', requestId: 'r6', text: 'Hello\nworld', options: { voice: 'nova', response_format: 'wav', speed: 1.5 } },
      {
        type: 'generateImage',
        requestId: 'r7',
        prompt: 'a lighthouse',
        options: { n: 2, size: '1536x1024', quality: 'high', background: 'transparent', output_format: 'png', stream: true,
          partial_images: 2 },
      },
      {
        type: 'editImage',
        requestId: 'r8',
        files: ['img/cat.png'],
        prompt: 'add a hat',
        mask: { width: 1024, height: 1024, strokes: [stroke, { mode: 'erase', size: 8, points: [12, 12] }] },
        options: { input_fidelity: 'high', stream: false },
      },
      { type: 'editImage', requestId: 'r8b', files: ['img/cat.png'], prompt: 'again', maskFile: 'img/cat.mask.png', options: {} },
      { type: 'editImage', requestId: 'r9', files: ['cat.jpg', 'ref/hat.png'], prompt: 'x', options: {} },
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
    refused({ type: 'transcribe', requestId: 'a', operation: 'summarise', file: 'a.wav', options: {} });
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
      refused({ type: 'transcribe', requestId: 'a', operation: 'transcription', file: path, options: {} });
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
    const audio = (options: unknown) => ({ type: 'transcribe', requestId: 'a', operation: 'transcription', file: 'a.wav', options });
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
    const edit = (mask: unknown) => ({ type: 'editImage', requestId: 'a', files: ['a.png'], prompt: 'p', mask, options: {} });
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

  it('takes an estimate request with each operation\'s inputs, checked as the run\'s own', () => {
    accepted({ type: 'estimate', requestId: 'e1', subject: { operation: 'transcription', file: 'audio/talk.wav' } });
    accepted({ type: 'estimate', requestId: 'e2', subject: { operation: 'speech', characters: 120, options: { voice: 'alloy' } } });
    accepted({ type: 'estimate', requestId: 'e3',
      subject: { operation: 'imageGeneration', options: { n: 2, quality: 'high', size: '1024x1536' } } });
    accepted({ type: 'estimate', requestId: 'e4', subject: { operation: 'imageEdit', options: { n: 1 } } });
    refused({ type: 'estimate', requestId: 'e5', subject: { operation: 'video', options: {} } }, /subject\.operation/);
    // The names before the catalog's ids are gone: a page of an older build is refused, not misread.
    for (const old of ['image', 'transcribe', 'translate']) {
      refused({ type: 'estimate', requestId: 'e10', subject: { operation: old, file: 'a.wav', options: {} } },
        /subject\.operation: expected one of transcription, translation, speech, imageGeneration, imageEdit/);
    }
    refused({ type: 'estimate', requestId: 'e6', subject: { operation: 'imageGeneration', options: { n: 99 } } }, /n/);
    refused({ type: 'estimate', requestId: 'e7', subject: { operation: 'speech', characters: -1, options: {} } }, /characters/);
    refused({ type: 'estimate', requestId: 'e8', subject: { operation: 'translation', file: '../secret.wav' } }, /workspace/);
    refused({ type: 'estimate', requestId: 'e9', subject: { operation: 'imageGeneration', options: {}, price: 0 } },
      /unexpected field "price"/);
  });

  it('throws a ProtocolError from validateWebviewMessage', () => {
    assert.throws(() => validateWebviewMessage({ type: 'nope' }), { name: 'ProtocolError' });
  });
});

describe('Studio protocol: options checked from the catalog for the configured model', () => {
  const caps = (models: Record<string, string> = {}, apiVersion = '2025-04-01-preview') =>
    capabilitiesFor({
      endpoint: 'https://example.openai.azure.com',
      apiVersion,
      outputFolder: 'media',
      deployments: { transcription: 'w', translation: 'w', speech: 's', image: 'i', imageEdit: 'e' },
      models: { transcription: 'whisper', speech: 'tts-1', image: 'gpt-image-1', imageEdit: 'gpt-image-1', ...models },
      transcription: {}, translation: {}, speech: {}, image: {}, imageEdit: {},
    } as unknown as MediaConfiguration);
  const parse = (raw: unknown, c = caps()) => parseWebviewMessage(raw, messageValidator(fieldsOf(c)));
  const speak = (options: unknown) => ({ type: 'speak', requestId: 'a', text: 'hi', options });
  const image = (options: unknown) => ({ type: 'generateImage', requestId: 'a', prompt: 'p', options });
  const refusedBy = (raw: unknown, c: ReturnType<typeof caps>, pattern: RegExp) => {
    const r = parse(raw, c);
    assert.equal(r.ok, false, `accepted ${JSON.stringify(raw)}`);
    if (!r.ok) assert.match(r.error, pattern);
  };

  it('refuses what the model does not take, and accepts what it does', () => {
    const dalle = caps({ image: 'dall-e-3' });
    refusedBy(image({ stream: true }), dalle, /unexpected field "stream"/);
    refusedBy(image({ background: 'transparent' }), dalle, /unexpected field "background"/);
    refusedBy(image({ n: 2 }), dalle, /out of range 1..1/);
    refusedBy(image({ quality: 'high' }), dalle, /expected one of standard, hd/);
    assert.equal(parse(image({ style: 'natural', quality: 'hd', size: '1792x1024' }), dalle).ok, true);
    refusedBy(image({ style: 'vivid' }), caps(), /unexpected field "style"/);
    refusedBy(image({ size: '1792x1024' }), caps(), /use one of/);
    refusedBy(speak({ voice: 'coral' }), caps(), /expected one of/);
    refusedBy(speak({ instructions: 'calm' }), caps(), /unexpected field "instructions"/);
    assert.equal(parse(speak({ voice: 'coral', instructions: 'calm' }), caps({ speech: 'gpt-4o-mini-tts' })).ok, true);
  });

  it('holds a custom size against the model\'s rule (gpt-image-2)', () => {
    const v1 = caps({ image: 'gpt-image-2' }, 'v1');
    assert.equal(parse(image({ size: '1536x1024' }), v1).ok, true);
    refusedBy(image({ size: '1000x1000' }), v1, /multiples of 16/);
    refusedBy(image({ size: '8000x16' }), v1, /longest edge|times the short/);
  });

  it('checks a translation\'s options as a translation (no language)', () => {
    const r = parse({ type: 'transcribe', requestId: 'a', operation: 'translation', file: 'a.wav', options: { language: 'en' } });
    assert.equal(r.ok, false);
    assert.equal(parse({ type: 'transcribe', requestId: 'a', operation: 'transcription', file: 'a.wav', options: { language: 'en' } }).ok,
      true);
  });

  it('accepts a field added to the catalog, and the request sends it', () => {
    // A test-only extension of the catalog: a speech option and the model that takes it, removed afterwards.
    const specs = OPERATION_FIELDS.speech as unknown as FieldSpec[];
    const model = MODELS.find((m) => m.name === 'gpt-4o-mini-tts')!;
    const rules = model.operations.speech!.fields as Record<string, FieldRule>;
    specs.push({ key: 'stream_format', wire: 'stream_format', kind: 'enum', values: ['audio', 'sse'], label: 'Stream format',
      description: 'How audio streams.' });
    rules.stream_format = true;
    try {
      const c = caps({ speech: 'gpt-4o-mini-tts' });
      const field = c.operations.speech.fields.find((f) => f.key === 'stream_format');
      assert.ok(field?.supported, 'the form is drawn with the new field');
      const r = parse(speak({ voice: 'coral', stream_format: 'sse' }), c);
      if (!r.ok) assert.fail(r.error);
      const options = (r.message as Extract<WebviewToHost, { type: 'speak' }>).options as Record<string, unknown>;
      const sent = requestOptions('speech', 'gpt-4o-mini-tts', () => undefined, options);
      assert.equal(sent.stream_format, 'sse');
      assert.equal(wireFields('speech', { deployment: 's', input: 'hi', ...sent }).stream_format, 'sse');
      refusedBy(speak({ stream_format: 'video' }), c, /expected one of audio, sse/);
      refusedBy(speak({ stream_format: 'sse' }), caps(), /unexpected field "stream_format"/);
    } finally {
      specs.pop();
      delete rules.stream_format;
    }
    assert.equal(parse(speak({ stream_format: 'sse' }), caps({ speech: 'gpt-4o-mini-tts' })).ok, false, 'gone with the extension');
  });

  it('accepts a field from a given field list (no catalog change)', () => {
    const fields = { ...API_FIELDS, speech: [...API_FIELDS.speech, { key: 'seed', wire: 'seed', kind: 'integer', min: 0, max: 9,
      label: 'Seed', description: '', supported: true }] };
    const validate = messageValidator(fields as OperationFields);
    assert.equal(parseWebviewMessage(speak({ seed: 3 }), validate).ok, true);
    assert.equal(parseWebviewMessage(speak({ seed: 30 }), validate).ok, false);
    assert.equal(parseWebviewMessage(speak({ seed: 3 })).ok, false, 'not a field of the catalog');
  });

  it('names the refused request so the page can be told', () => {
    const r = parse(speak({ speed: 'fast' }));
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.requestId, 'a');
    const hostile = parse({ type: 'speak', requestId: '<script>', text: 'x', options: {} });
    assert.equal(!hostile.ok && hostile.requestId, undefined);
  });

  it('refuses hostile option values', () => {
    refusedBy(speak({ instructions: 'x'.repeat(4097) }), caps({ speech: 'gpt-4o-mini-tts' }), /longer than/);
    refusedBy(speak({ instructions: 'a\u0000b' }), caps({ speech: 'gpt-4o-mini-tts' }), /control characters/);
    refusedBy(image({ user: 'two\nlines' }), caps(), /one line/);
    refusedBy(image({ n: '2' }), caps(), /finite/);
    refusedBy(image({ stream: 'true' }), caps(), /true or false/);
    refusedBy({ type: 'transcribe', requestId: 'a', operation: 'transcription', file: 'a.wav', options: { timestamp_granularities: ['word',
      'word'] } }, caps(), /twice/);
    refusedBy(image(JSON.parse('{"__proto__":{"n":2}}')), caps(), /unexpected field "__proto__"/);
  });
});
