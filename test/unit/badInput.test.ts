// Bad input, one case per test: each is refused with a message that says what to change (or, where the input is
// merely untidy, normalised), before anything is sent or written. The cases that need the extension host are in
// test/integration/badInput.test.ts.
import assert from 'node:assert/strict';
import { stripCommentMarkers } from '../../src/core/comments';
import { normalizeEndpoint } from '../../src/core/endpoint';
import { MediaApiError } from '../../src/core/errors';
import { nameFromText, transcriptName } from '../../src/core/naming';
import { validateImageEdit, validateImageGeneration, validateSpeech, validateTranscription } from '../../src/core/validation';
import type { ImageEditRequest, ImageGenerationRequest, SpeechRequest, TranscriptionRequest } from '../../src/core/types';
import { resolveRef } from '../../src/shared/paths';
import { parseWebviewMessage } from '../../src/studio/validate';
import { makeJpegHeader, makePng, makeWav, rejectsAsInvalid as refused } from './coreFixtures';

const speech = (over: Partial<SpeechRequest> = {}): SpeechRequest =>
  ({ deployment: 'tts', model: 'tts-1', input: 'Hello.', voice: 'alloy', ...over });
const transcription = (over: Partial<TranscriptionRequest> = {}): TranscriptionRequest => ({
  deployment: 'whisper', model: 'whisper-1', file: { name: 'clip.wav', data: makeWav(0.2) }, ...over,
});
const generation = (over: Partial<ImageGenerationRequest> = {}): ImageGenerationRequest =>
  ({ deployment: 'img', model: 'gpt-image-1', prompt: 'a cat', ...over });
const edit = (over: Partial<ImageEditRequest> = {}): ImageEditRequest => ({
  deployment: 'img', model: 'gpt-image-1', prompt: 'add a hat', images: [{ name: 'photo.png', data: makePng(32, 16) }], ...over,
});

describe('bad input: endpoints', () => {
  const bad: Array<[string, string, RegExp]> = [
    ['empty', '', /No endpoint is set/],
    ['whitespace only', '   ', /No endpoint is set/],
    ['plain http to a host that is not loopback', 'http://my-resource.openai.azure.com', /https/],
    ['plain http to a private address', 'http://10.0.0.5', /https/],
    ['credentials in the URL', 'https://user:secret@my-resource.openai.azure.com', /./],
    ['not a URL', 'https://my resource.openai.azure.com', /not a URL|https/],
  ];
  for (const [what, raw, hint] of bad) {
    it(`refuses an endpoint: ${what}`, () => {
      assert.throws(() => normalizeEndpoint(raw), (e: unknown) => {
        assert.ok(MediaApiError.is(e, 'validation'));
        assert.equal(e.setting, 'endpoint');
        assert.match(e.message, hint);
        assert.ok(!e.message.includes('secret'), 'the password was repeated in the message');
        return true;
      });
    });
  }
  const tidy: Array<[string, string, string]> = [
    ['without a scheme', 'my-resource.openai.azure.com', 'https://my-resource.openai.azure.com'],
    ['with a trailing slash', 'https://my-resource.openai.azure.com/', 'https://my-resource.openai.azure.com'],
    ['with /openai pasted', 'https://my-resource.openai.azure.com/openai', 'https://my-resource.openai.azure.com'],
    ['with a whole operation URL pasted', 'https://r.openai.azure.com/openai/deployments/x/audio/speech?api-version=1',
      'https://r.openai.azure.com'],
    ['with a gateway path', 'https://gw.example.com/aoai/', 'https://gw.example.com/aoai'],
    ['http to loopback (the emulator)', 'http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
  ];
  for (const [what, raw, expected] of tidy) {
    it(`normalises an endpoint ${what}`, () => {
      assert.equal(normalizeEndpoint(raw), expected);
    });
  }
});

describe('bad input: deployments', () => {
  it('refuses a deployment with a slash', () => refused(() => validateSpeech(speech({ deployment: 'tts/other' })), 'deployment',
    /deployments\.speech/));
  it('refuses a deployment with spaces', () => refused(() => validateSpeech(speech({ deployment: 'my tts' })), 'deployment',
    /space, slash/));
  it('refuses a deployment with a query character',
    () => refused(() => validateImageGeneration(generation({ deployment: 'img?x=1' })), 'deployment', /deployments\.image/));
  it('refuses an empty deployment', () => refused(() => validateTranscription(transcription({ deployment: ' ' })), 'deployment',
    /No deployment is set/));
});

describe('bad input: text', () => {
  it('refuses 4,097 characters to speak', () => refused(() => validateSpeech(speech({ input: 'a'.repeat(4097) })), 'input', /4096/));
  it('accepts exactly 4,096 characters to speak', () => validateSpeech(speech({ input: 'a'.repeat(4096) })));
  it('refuses an empty text to speak', () => refused(() => validateSpeech(speech({ input: '' })), 'input', /empty/));
  it('refuses a whitespace-only text to speak', () => refused(() => validateSpeech(speech({ input: ' \n\t ' })), 'input', /empty/));
  it('refuses an empty image prompt', () => refused(() => validateImageGeneration(generation({ prompt: '   ' })), 'prompt', /empty/));
  it('a comment that is only // markers leaves no prompt', () => assert.equal(stripCommentMarkers('//\n//\n//', 'typescript'), ''));
  it('a comment that is only /* */ leaves no prompt', () => assert.equal(stripCommentMarkers('/* */', 'typescript'), ''));
  it('a comment that is only # markers leaves no prompt', () => assert.equal(stripCommentMarkers('#\n#', 'python'), ''));
});

describe('bad input: audio', () => {
  it('refuses 0-byte audio', () => refused(() => validateTranscription(transcription({ file: { name: 'empty.wav',
    data: new Uint8Array(0) } })), 'file', /empty/));
  it('refuses audio over 25 MB', () =>
    refused(() => validateTranscription(transcription({ file: { name: 'long.wav', data: new Uint8Array(25 * 1024 * 1024 + 1) } })), 'file',
      /25 MB/));
  it('refuses a file type the service does not take', () =>
    refused(() => validateTranscription(transcription({ file: { name: 'notes.txt', data: new Uint8Array(100) } })), 'file',
      /mp3|wav|supported/i));
});

describe('bad input: images', () => {
  it('refuses n = 2 on dall-e-3', () => refused(() => validateImageGeneration(generation({ model: 'dall-e-3', n: 2 })), 'n', /1/));
  it('refuses n = 11 on gpt-image-1', () => refused(() => validateImageGeneration(generation({ n: 11 })), 'n', /10/));
  it('refuses n = 0', () => refused(() => validateImageGeneration(generation({ n: 0 })), 'n', /./));
  it('refuses a mask that is not a PNG', () =>
    refused(() => validateImageEdit(edit({ mask: { name: 'mask.jpg', data: makeJpegHeader(32, 16) } })), 'mask', /must be a PNG/));
  it('refuses a mask of another size than the image', () =>
    refused(() => validateImageEdit(edit({ mask: { name: 'mask.png', data: makePng(16, 16, 0) } })), 'mask',
      /16x16 but the image is 32x16/));
  it('refuses an image to edit that is not PNG or JPEG', () =>
    refused(() => validateImageEdit(edit({ images: [{ name: 'photo.gif', data: new Uint8Array([0x47, 0x49, 0x46, 0x38]) }] })), 'image',
      /PNG|JPEG/));
});

describe('bad input: names', () => {
  it('a prompt cannot steer the output name out of the output folder', () => {
    for (const prompt of ['../../../etc/passwd', '..\\..\\Windows\\win.ini', '/absolute/path', 'C:\\temp\\x', '~/.ssh/id_rsa']) {
      const name = nameFromText(prompt, 40, 'image');
      assert.ok(!/[\\/]/.test(name) && !name.split(/[.-]/).every((p) => p === '') && !name.startsWith('.'), `${prompt} -> ${name}`);
      assert.notEqual(name, '..');
    }
  });
  it('a prompt of only punctuation gets the fallback name', () => assert.equal(nameFromText('?!/..\\', 40, 'image'), 'image'));
  it('an audio name with spaces keeps them in the transcript name',
    () => assert.equal(transcriptName('my call.wav', 'text'), 'my call.txt'));
  it('an audio name in another script keeps it', () => assert.equal(transcriptName('会議 録音.mp3', 'srt'), '会議 録音.srt'));
});

describe('bad input: hostile messages from the webview', () => {
  const cases: Array<[string, unknown]> = [
    ['not an object', 'speak'],
    ['null', null],
    ['an array', [{ type: 'ready' }]],
    ['an unknown type', { type: 'runShell', command: 'rm -rf /' }],
    ['a prototype key', JSON.parse('{"type":"ready","__proto__":{"polluted":true}}')],
    ['an extra field', { type: 'openFile', path: 'a.txt', force: true }],
    ['a path that climbs out', { type: 'openFile', path: '../outside.txt' }],
    ['an absolute path', { type: 'openFile', path: '/etc/passwd' }],
    ['a settings query with other characters', { type: 'openSettings', query: 'azureOpenAIMedia"; alert(1)' }],
    ['over-long text to speak', { type: 'speak', requestId: 'r1', text: 'a'.repeat(100_000), options: {} }],
    ['a huge request id', { type: 'cancel', requestId: 'r'.repeat(10_000) }],
  ];
  for (const [what, message] of cases) {
    it(`refuses ${what}`, () => {
      const result = parseWebviewMessage(message);
      assert.equal(result.ok, false, `accepted: ${JSON.stringify(message)?.slice(0, 80)}`);
    });
  }
  it('resolves no reference outside the workspace folders', () => {
    const folders = ['file:///work/project'];
    for (const ref of ['../secret', '/etc/passwd', 'file:///etc/passwd', 'C:\\Windows\\win.ini', 'file:///work/project/../secret',
      'file:///work/project-other/x', 'a/../../b']) {
      assert.equal(resolveRef(ref, folders), undefined, ref);
    }
  });
});
