// The emulator's audio operations: transcriptions, translations and speech accept what Azure accepts, reject what
// it rejects, and answer with well-formed transcripts and audio files.

import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../emulator/server';
import {
  assertAzureError, makeMp3, makeWav, parseSrt, parseVtt, parseWavFile, postForm, postJson, postRawMultipart,
  type FormValue, type TranscriptAnswer,
} from '../fixtures/emulatorFixtures';

const wavFile = (seconds = 6, filename = 'meeting.wav'): FormValue => ({ data: makeWav(seconds), filename, type: 'audio/wav' });

describe('emulator: transcriptions and translations', () => {
  let em: Emulator;
  before(async () => {
    em = await startEmulator();
  });
  after(() => em.close());
  beforeEach(() => em.reset());

  const transcribe = (entries: Array<[string, FormValue]>, deployment = 'whisper') =>
    postForm(em, deployment, 'audio/transcriptions', entries);

  it('answers json with the text and usage', async () => {
    const a = await transcribe([['model', 'whisper-1'], ['file', wavFile()]]);
    assert.equal(a.status, 200, a.text());
    assert.match(a.headers.get('content-type') ?? '', /^application\/json/);
    const body = a.json<TranscriptAnswer>();
    // The emulator's text for these bytes (it picks its sentences from the upload, the same each time).
    assert.equal(body.text, 'Both of them are fixed and the patches are merged. Next, the design team shared.');
    assert.deepEqual(body.usage, { type: 'duration', seconds: 6 });
    assert.ok(a.headers.get('apim-request-id'));
    assert.ok(a.headers.get('x-request-id'));
  });

  it('answers text as text/plain', async () => {
    const a = await transcribe([['model', 'whisper-1'], ['response_format', 'text'], ['file', wavFile()]]);
    assert.equal(a.status, 200);
    assert.match(a.headers.get('content-type') ?? '', /^text\/plain/);
    assert.equal(a.text(), 'Both of them are fixed and the patches are merged. Next, the design team shared.\n');
  });

  it('answers srt with numbered cues that cover the audio', async () => {
    const a = await transcribe([['model', 'whisper-1'], ['response_format', 'srt'], ['file', wavFile(12)]]);
    assert.equal(a.status, 200);
    assert.match(a.headers.get('content-type') ?? '', /^text\/plain/);
    const cues = parseSrt(a.text());
    assert.deepEqual(cues.map((c) => [c.start, c.end, c.text]), [
      [0, 2.4, 'Thanks for joining the weekly review.'],
      [2.4, 6.4, 'The first item on the agenda is the release schedule.'],
      [6.4, 10.8, 'We moved the beta to the second week of the month.'],
      [10.8, 12, 'Testing found two.'],
    ]);
    assert.ok(Math.abs(cues.at(-1)!.end - 12) < 0.01, `last cue ends at ${cues.at(-1)!.end}`);
    for (let i = 1; i < cues.length; i++) assert.ok(cues[i].start >= cues[i - 1].end - 0.001 && cues[i].end > cues[i].start);
  });

  it('answers vtt with a WEBVTT header and dotted timestamps', async () => {
    const a = await transcribe([['model', 'whisper-1'], ['response_format', 'vtt'], ['file', wavFile(9)]]);
    assert.equal(a.status, 200);
    const cues = parseVtt(a.text());
    assert.deepEqual(cues.map((c) => [c.start, c.end, c.text]), [
      [0, 2.35, 'Thanks for joining the weekly review.'],
      [2.35, 6.26, 'The first item on the agenda is the release schedule.'],
      [6.26, 9, 'We moved the beta to the second.'],
    ]);
  });

  it('answers verbose_json with the duration read from the WAV header and ten-field segments', async () => {
    const a = await transcribe([['model', 'whisper-1'], ['response_format', 'verbose_json'], ['language', 'en'], ['temperature', '0.2'],
      ['file', wavFile(7.5)]]);
    assert.equal(a.status, 200, a.text());
    const body = a.json<TranscriptAnswer>();
    assert.equal(body.task, 'transcribe');
    assert.equal(body.language, 'english');
    assert.equal(body.duration, 7.5);
    assert.deepEqual(body.segments.map((s) => [s.start, s.end]), [[0, 3.95], [3.95, 7.5]]);
    assert.equal(body.words, undefined, 'words only when asked');
    for (const s of body.segments) {
      assert.deepEqual(Object.keys(s).sort(), ['avg_logprob', 'compression_ratio', 'end', 'id', 'no_speech_prob', 'seek', 'start',
        'temperature', 'text', 'tokens'].sort());
      assert.ok(Array.isArray(s.tokens) && s.tokens.every((t: unknown) => Number.isInteger(t)));
      assert.equal(s.temperature, 0.2);
      assert.ok(s.end > s.start);
    }
    assert.equal(body.segments.at(-1)?.end, 7.5);
    assert.equal(body.text, body.segments.map((s: { text: string }) => s.text.trim()).join(' '));
  });

  it('adds words when timestamp_granularities[] asks for them', async () => {
    const a = await transcribe([
      ['model', 'whisper-1'], ['response_format', 'verbose_json'],
      ['timestamp_granularities[]', 'word'], ['timestamp_granularities[]', 'segment'], ['file', wavFile(4)],
    ]);
    assert.equal(a.status, 200, a.text());
    const body = a.json<TranscriptAnswer>();
    assert.deepEqual(body.words.map((w) => w.word), ['Feedback', 'from', 'the', 'pilot', 'customers', 'was', 'mostly',
      'positive', 'They', 'asked']);
    assert.equal(body.segments.length, 2);
    for (const w of body.words) assert.ok(typeof w.word === 'string' && w.end > w.start && w.end <= 4);
    for (let i = 1; i < body.words.length; i++) assert.ok(body.words[i].start >= body.words[i - 1].start);
  });

  it('transcribes in the language asked', async () => {
    const a = await transcribe([['model', 'whisper-1'], ['response_format', 'verbose_json'], ['language', 'fr'], ['file', wavFile(5)]]);
    assert.equal(a.json<TranscriptAnswer>().language, 'french');
  });

  it('scales the transcript with the audio length and estimates compressed formats', async () => {
    const short = (await transcribe([['model', 'whisper-1'], ['file', wavFile(2)]])).json<TranscriptAnswer>().text.split(' ').length;
    const long = (await transcribe([['model', 'whisper-1'], ['file', wavFile(40)]])).json<TranscriptAnswer>().text.split(' ').length;
    assert.ok(long > short * 5, `${short} vs ${long}`);
    const mp3 = await transcribe([['model', 'whisper-1'], ['response_format', 'verbose_json'],
      ['file', { data: makeMp3(160000), filename: 'a.mp3', type: 'audio/mpeg' }]]);
    assert.equal(mp3.status, 200, mp3.text());
    assert.equal(mp3.json<TranscriptAnswer>().duration, 10); // 160 kB at 128 kbit/s
  });

  it('serves gpt-4o-transcribe with json and text only, with token usage', async () => {
    const json = await transcribe([['model', 'gpt-4o-transcribe'], ['file', wavFile()]], 'gpt-4o-transcribe');
    assert.equal(json.status, 200, json.text());
    assert.equal(json.json<TranscriptAnswer>().usage.type, 'tokens');
    assert.equal((await transcribe([['model', 'gpt-4o-transcribe'], ['response_format', 'text'], ['file', wavFile()]],
      'gpt-4o-transcribe')).status, 200);
    for (const f of ['srt', 'vtt', 'verbose_json']) {
      const a = await transcribe([['model', 'gpt-4o-transcribe'], ['response_format', f], ['file', wavFile()]], 'gpt-4o-transcribe');
      assertAzureError(a, 400, 'unsupported_value', 'response_format');
    }
  });

  it('translates to English with task translate', async () => {
    const a = await postForm(em, 'whisper', 'audio/translations',
      [['response_format', 'verbose_json'], ['prompt', 'A meeting.'], ['file', wavFile(5)]]);
    assert.equal(a.status, 200, a.text());
    const body = a.json<TranscriptAnswer>();
    assert.equal(body.task, 'translate');
    assert.equal(body.language, 'english');
    for (const f of ['json', 'text', 'srt', 'vtt']) {
      assert.equal((await postForm(em, 'whisper', 'audio/translations', [['response_format', f], ['file', wavFile()]])).status, 200, f);
    }
  });

  it('rejects translation-only mistakes: language and timestamp_granularities are unknown there', async () => {
    assertAzureError(await postForm(em, 'whisper', 'audio/translations', [['language', 'fr'], ['file', wavFile()]]), 400,
      'unknown_parameter', 'language');
    assertAzureError(await postForm(em, 'whisper', 'audio/translations',
      [['timestamp_granularities[]', 'word'], ['response_format', 'verbose_json'], ['file', wavFile()]]), 400, 'unknown_parameter');
  });

  it('requires the model field for transcriptions', async () => {
    assertAzureError(await transcribe([['file', wavFile()]]), 400, 'missing_required_parameter', 'model');
  });

  it('requires a file', async () => {
    assertAzureError(await transcribe([['model', 'whisper-1']]), 400, 'missing_required_parameter', 'file');
  });

  it('requires the file part to carry a file name', async () => {
    const a = await postRawMultipart(em, 'whisper', 'audio/transcriptions', [
      { headers: 'Content-Disposition: form-data; name="model"', data: 'whisper-1' },
      { headers: 'Content-Disposition: form-data; name="file"; filename=""\r\nContent-Type: audio/wav', data: makeWav(1) },
    ]);
    assertAzureError(a, 400, 'invalid_value', 'file');
  });

  it('rejects a file sent as a text field', async () => {
    const a = await postRawMultipart(em, 'whisper', 'audio/transcriptions', [
      { headers: 'Content-Disposition: form-data; name="model"', data: 'whisper-1' },
      { headers: 'Content-Disposition: form-data; name="file"', data: 'not a file' },
    ]);
    assertAzureError(a, 400, 'invalid_value', 'file');
  });

  it('rejects file names without a supported audio extension', async () => {
    for (const name of ['meeting.txt', 'meeting', 'meeting.aiff']) {
      assertAzureError(await transcribe([['model', 'whisper-1'], ['file', wavFile(2, name)]]), 400, 'invalid_value', 'file');
    }
    for (const name of ['a.flac', 'a.mp3', 'a.mp4', 'a.mpeg', 'a.mpga', 'a.m4a', 'a.ogg', 'a.webm']) {
      // The extension is accepted; these bytes are WAV, which the service sniffs and takes.
      assert.equal((await transcribe([['model', 'whisper-1'], ['file', wavFile(1, name)]])).status, 200, name);
    }
  });

  it('rejects a non-audio content type and bytes that are no audio', async () => {
    assertAzureError(await transcribe([['model', 'whisper-1'], ['file', { data: makeWav(1), filename: 'a.wav', type: 'image/png' }]]), 400,
      'invalid_value', 'file');
    assertAzureError(await transcribe([['model', 'whisper-1'],
      ['file', { data: Buffer.alloc(5000, 7), filename: 'a.wav', type: 'audio/wav' }]]), 400, 'invalid_value', 'file');
    assertAzureError(await transcribe([['model', 'whisper-1'], ['file', { data: Buffer.alloc(0), filename: 'a.wav', type: 'audio/wav' }]]),
      400);
  });

  it('rejects audio shorter than 0.1 s', async () => {
    assertAzureError(await transcribe([['model', 'whisper-1'], ['file', wavFile(0.05)]]), 400, 'audio_too_short');
  });

  it('takes 24 MB and refuses more than 25 MB with 413, counting bytes as they stream', async function () {
    this.timeout(60000);
    const ok = await transcribe([['model', 'whisper-1'], ['file', { data: makeWav(800), filename: 'big.wav', type: 'audio/wav' }]]);
    assert.equal(ok.status, 200, ok.text());
    assert.ok(em.requests[0].files[0].size > 24 * 1024 * 1024);
    const big = await transcribe([['model', 'whisper-1'], ['file', { data: makeWav(830), filename: 'big.wav', type: 'audio/wav' }]]);
    assertAzureError(big, 413, 'RequestEntityTooLarge');
  });

  it('checks response_format, temperature and language', async () => {
    assertAzureError(await transcribe([['model', 'whisper-1'], ['response_format', 'xml'], ['file', wavFile()]]), 400, 'invalid_value',
      'response_format');
    assertAzureError(await transcribe([['model', 'whisper-1'], ['temperature', '1.5'], ['file', wavFile()]]), 400, 'invalid_value',
      'temperature');
    assertAzureError(await transcribe([['model', 'whisper-1'], ['temperature', '-0.1'], ['file', wavFile()]]), 400, 'invalid_value',
      'temperature');
    assertAzureError(await transcribe([['model', 'whisper-1'], ['temperature', 'warm'], ['file', wavFile()]]), 400, 'invalid_type',
      'temperature');
    assertAzureError(await transcribe([['model', 'whisper-1'], ['language', 'english'], ['file', wavFile()]]), 400, 'invalid_value',
      'language');
    assert.equal((await transcribe([['model', 'whisper-1'], ['temperature', '1'], ['language', 'de'], ['file', wavFile()]])).status, 200);
  });

  it('allows timestamp_granularities[] only with verbose_json and only word or segment', async () => {
    assertAzureError(await transcribe([['model', 'whisper-1'], ['timestamp_granularities[]', 'word'], ['file', wavFile()]]), 400,
      'invalid_value', 'timestamp_granularities[]');
    assertAzureError(await transcribe([['model', 'whisper-1'], ['response_format', 'verbose_json'], ['timestamp_granularities[]', 'char'],
      ['file', wavFile()]]), 400, 'invalid_value');
  });

  it('rejects unknown fields, including the un-bracketed timestamp_granularities', async () => {
    // `stream` is known on transcriptions only from 2025-03-01-preview (emulator/models.ts TRANSCRIPT_STREAMING_FROM).
    const old = await postForm(em, 'whisper', 'audio/transcriptions', [['model', 'whisper-1'], ['stream', 'true'], ['file', wavFile()]],
      undefined, '2025-02-01-preview');
    assertAzureError(old, 400, 'unknown_parameter', 'stream');
    assertAzureError(await transcribe([['model', 'whisper-1'], ['timestamp_granularities', 'word'], ['file', wavFile()]]), 400,
      'unknown_parameter');
  });

  it('rejects a field given twice', async () => {
    assertAzureError(await transcribe([['model', 'whisper-1'], ['response_format', 'json'], ['response_format', 'text'],
      ['file', wavFile()]]), 400, 'invalid_value', 'response_format');
  });

  it('rejects JSON, urlencoded and malformed multipart bodies', async () => {
    const json = await postJson(em, 'whisper', 'audio/transcriptions', { model: 'whisper-1' });
    assertAzureError(json, 400, 'invalid_content_type');
    const r = await fetch(`${em.url}/openai/deployments/whisper/audio/transcriptions?api-version=2025-04-01-preview`, {
      method: 'POST',
      headers: { 'api-key': em.apiKey, 'content-type': 'multipart/form-data; boundary=abc' },
      body: '--abc\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n', // no closing boundary
    });
    assert.equal(r.status, 400);
  });
});

// ---- speech

function crc16(buf: Buffer): number {
  let c = 0;
  for (const byte of buf) {
    c ^= byte << 8;
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x8005) & 0xffff : (c << 1) & 0xffff;
  }
  return c;
}

function oggCrc(buf: Buffer): number {
  let c = 0;
  for (const byte of buf) {
    c ^= byte << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? ((c << 1) ^ 0x04c11db7) >>> 0 : (c << 1) >>> 0;
  }
  return c >>> 0;
}

describe('emulator: speech', () => {
  let em: Emulator;
  before(async () => {
    em = await startEmulator();
  });
  after(() => em.close());
  beforeEach(() => em.reset());

  const text = 'The quick brown fox jumps over the lazy dog. It barked twice and ran away.'; // 74 characters
  const speak = (body: unknown, deployment = 'tts') => postJson(em, deployment, 'audio/speech', body);

  it('streams a WAV of real, non-silent 16-bit speech whose length follows the text', async () => {
    const a = await speak({ input: text, voice: 'alloy', response_format: 'wav' });
    assert.equal(a.status, 200);
    assert.equal(a.headers.get('content-type'), 'audio/wav');
    assert.equal(a.headers.get('transfer-encoding'), 'chunked');
    assert.equal(a.headers.get('x-emulator-note'), null, 'real audio, no stand-in note');
    const wav = parseWavFile(a.body);
    assert.deepEqual([wav.sampleRate, wav.channels, wav.bits], [24000, 1, 16]);
    assert.ok(Math.abs(wav.seconds - text.length / 15) < 0.05, `${wav.seconds}s`);
    assert.ok(wav.peak > 3000, 'not silence');
    const double = parseWavFile((await speak({ input: text + ' ' + text, voice: 'alloy', response_format: 'wav' })).body);
    assert.ok(Math.abs(double.seconds / wav.seconds - 149 / 74) < 0.05);
    const fast = parseWavFile((await speak({ input: text, voice: 'alloy', response_format: 'wav', speed: 2 })).body);
    assert.ok(Math.abs(fast.seconds - wav.seconds / 2) < 0.05);
  });

  it('streams long speech: the first bytes arrive well before the last are made', async function () {
    this.timeout(30000);
    const started = Date.now();
    const r = await fetch(`${em.url}/openai/deployments/tts/audio/speech?api-version=2025-04-01-preview`, {
      method: 'POST',
      headers: { 'api-key': em.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'Speak slowly. '.repeat(292), voice: 'alloy', response_format: 'wav', speed: 0.5 }),
    });
    const reader = r.body!.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    let firstAt = 0;
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!firstAt) firstAt = Date.now();
      bytes += value.length;
    }
    const total = Date.now() - started;
    assert.ok(bytes > 20 * 1024 * 1024, `${bytes} bytes`);
    assert.ok(firstAt - started < total / 2, `first bytes after ${firstAt - started} ms of ${total} ms`);
  });

  it('answers pcm as raw 24 kHz 16-bit samples', async () => {
    const a = await speak({ input: text, voice: 'echo', response_format: 'pcm' });
    assert.equal(a.headers.get('content-type'), 'audio/pcm');
    assert.equal(a.body.length, Math.round((text.length / 15) * 24000) * 2);
  });

  it('answers flac with STREAMINFO and verbatim frames whose CRCs check', async () => {
    const a = await speak({ input: text, voice: 'nova', response_format: 'flac' });
    assert.equal(a.headers.get('content-type'), 'audio/flac');
    const b = a.body;
    assert.equal(b.toString('latin1', 0, 4), 'fLaC');
    assert.equal(b[4], 0x80, 'last metadata block, STREAMINFO');
    assert.equal(b.readUIntBE(5, 3), 34);
    const info = b.subarray(8, 42);
    const sampleRate = info.readUIntBE(10, 3) >> 4;
    const totalSamples = (info[13] & 0x0f) * 2 ** 32 + info.readUInt32BE(14);
    assert.equal(sampleRate, 24000);
    assert.equal(totalSamples, Math.round((text.length / 15) * 24000));
    let off = 42;
    let samples = 0;
    while (off < b.length) {
      assert.equal(b.readUInt16BE(off), 0xfff8, `frame sync at ${off}`);
      // Find the frame's end from its size: header + CRC-8 + subframe header + 2 bytes a sample + CRC-16.
      const numLen = b[off + 4] < 0x80 ? 1 : b[off + 4] < 0xe0 ? 2 : 3;
      const count = b.readUInt16BE(off + 4 + numLen) + 1;
      const end = off + 4 + numLen + 2 + 1 + 1 + count * 2 + 2;
      assert.equal(b[off + 4 + numLen + 3], 0x02, 'verbatim subframe');
      assert.equal(b.readUInt16BE(end - 2), crc16(b.subarray(off, end - 2)), 'frame CRC-16');
      samples += count;
      off = end;
    }
    assert.equal(samples, totalSamples);
  });

  it('answers mp3 as MPEG-1 Layer III frames that carry sound', async () => {
    const a = await speak({ input: text, voice: 'onyx' });
    assert.equal(a.headers.get('content-type'), 'audio/mpeg', 'mp3 is the default');
    const b = a.body;
    assert.equal(b.length % 144, 0);
    let voiced = 0;
    for (let off = 0; off < b.length; off += 144) {
      assert.deepEqual([...b.subarray(off, off + 4)], [0xff, 0xfb, 0x18, 0xc4], `frame header at ${off}`);
      const part23 = ((b[off + 4 + 2] & 0x3f) << 6) | (b[off + 4 + 3] >> 2); // after 9+5+4 bits of side info
      if (part23 > 0) voiced++;
    }
    const frames = b.length / 144;
    assert.ok(Math.abs((frames * 1152) / 32000 - text.length / 15) < 0.05);
    assert.ok(voiced > frames / 3, `${voiced} of ${frames} frames voiced`);
  });

  it('answers opus as an Ogg Opus stream (silent stand-in, marked so in its tags)', async () => {
    const a = await speak({ input: text, voice: 'fable', response_format: 'opus' });
    assert.equal(a.headers.get('content-type'), 'audio/ogg');
    assert.match(a.headers.get('x-emulator-note') ?? '', /silent stand-in/);
    const b = a.body;
    let off = 0;
    const pages: Array<{ flags: number; granule: bigint; body: Buffer }> = [];
    while (off < b.length) {
      assert.equal(b.toString('latin1', off, off + 4), 'OggS');
      const segments = b[off + 26];
      const lacing = [...b.subarray(off + 27, off + 27 + segments)];
      const len = 27 + segments + lacing.reduce((s, x) => s + x, 0);
      const page = Buffer.from(b.subarray(off, off + len));
      const crc = page.readUInt32LE(22);
      page.writeUInt32LE(0, 22);
      assert.equal(oggCrc(page), crc, 'page CRC');
      pages.push({ flags: b[off + 5], granule: b.readBigUInt64LE(off + 6), body: b.subarray(off + 27 + segments, off + len) });
      off += len;
    }
    assert.equal(pages[0].flags, 0x02);
    assert.equal(pages[0].body.toString('latin1', 0, 8), 'OpusHead');
    assert.equal(pages[1].body.toString('latin1', 0, 8), 'OpusTags');
    assert.match(pages[1].body.toString('utf8'), /silent stand-in/);
    assert.equal(pages.at(-1)!.flags, 0x04);
    const seconds = Number(pages.at(-1)!.granule - 312n) / 48000;
    assert.ok(Math.abs(seconds - text.length / 15) < 0.03, `${seconds}`);
  });

  it('answers aac as a chain of ADTS frames', async () => {
    const a = await speak({ input: text, voice: 'shimmer', response_format: 'aac' });
    assert.equal(a.headers.get('content-type'), 'audio/aac');
    assert.match(a.headers.get('x-emulator-note') ?? '', /silent stand-in/);
    const b = a.body;
    let off = 0;
    let frames = 0;
    while (off < b.length) {
      assert.equal(b.readUInt16BE(off) & 0xfff6, 0xfff0, 'ADTS sync, MPEG-4, layer 0');
      const len = ((b[off + 3] & 0x03) << 11) | (b[off + 4] << 3) | (b[off + 5] >> 5);
      assert.ok(len > 7);
      off += len;
      frames++;
    }
    assert.equal(off, b.length);
    assert.ok(Math.abs((frames * 1024) / 24000 - text.length / 15) < 0.05);
  });

  it('speaks each model\'s voices and refuses the others', async () => {
    for (const voice of ['alloy', 'echo', 'fable', 'onyx', 'nova', 'shimmer']) {
      assert.equal((await speak({ input: 'hi', voice, response_format: 'pcm' })).status, 200, voice);
    }
    for (const voice of ['coral', 'ash', 'verse', 'marin']) {
      assertAzureError(await speak({ input: 'hi', voice, response_format: 'pcm' }), 400, 'invalid_value', 'voice');
      assert.equal((await speak({ input: 'hi', voice, response_format: 'pcm' }, 'gpt-4o-mini-tts')).status, 200, voice);
    }
    assertAzureError(await speak({ input: 'hi', voice: { id: 'voice_123' } }), 400, 'invalid_value', 'voice');
  });

  it('requires input of 1 to 4096 characters and a voice', async () => {
    assertAzureError(await speak({ voice: 'alloy' }), 400, 'missing_required_parameter', 'input');
    assertAzureError(await speak({ input: '', voice: 'alloy' }), 400, undefined, 'input');
    assertAzureError(await speak({ input: 'x'.repeat(4097), voice: 'alloy' }), 400, 'string_above_max_length', 'input');
    assert.equal((await speak({ input: 'x'.repeat(4096), voice: 'alloy', response_format: 'aac' })).status, 200);
    assertAzureError(await speak({ input: 'hi' }), 400, 'missing_required_parameter', 'voice');
    assertAzureError(await speak({ input: 42, voice: 'alloy' }), 400, 'invalid_type', 'input');
  });

  it('checks response_format and speed 0.25-4', async () => {
    assertAzureError(await speak({ input: 'hi', voice: 'alloy', response_format: 'ogg' }), 400, 'invalid_value', 'response_format');
    assertAzureError(await speak({ input: 'hi', voice: 'alloy', speed: 0.2 }), 400, 'invalid_value', 'speed');
    assertAzureError(await speak({ input: 'hi', voice: 'alloy', speed: 4.5 }), 400, 'invalid_value', 'speed');
    assertAzureError(await speak({ input: 'hi', voice: 'alloy', speed: '1' }), 400, 'invalid_type', 'speed');
    for (const speed of [0.25, 4]) assert.equal((await speak({ input: 'hi', voice: 'alloy', speed, response_format: 'pcm' })).status, 200);
  });

  it('takes instructions on gpt-4o-mini-tts only', async () => {
    assertAzureError(await speak({ input: 'hi', voice: 'alloy', instructions: 'Cheerful.' }), 400, 'unsupported_parameter', 'instructions');
    assert.equal((await speak({ input: 'hi', voice: 'coral', instructions: 'Cheerful.', response_format: 'pcm' },
      'gpt-4o-mini-tts')).status, 200);
  });

  it('accepts the model field the SDKs send and rejects unknown fields', async () => {
    assert.equal((await speak({ model: 'tts-1', input: 'hi', voice: 'alloy', response_format: 'pcm' })).status, 200);
    assertAzureError(await speak({ input: 'hi', voice: 'alloy', pitch: 3 }), 400, 'unknown_parameter', 'pitch');
  });

  it('takes JSON only (Azure\'s spec says multipart; the service does not)', async () => {
    const a = await postForm(em, 'tts', 'audio/speech', [['input', 'hi'], ['voice', 'alloy']]);
    assertAzureError(a, 400, 'invalid_content_type');
    assertAzureError(await speak('{"input": "hi", "voice": '), 400, 'invalid_json');
    assertAzureError(await speak('["hi"]'), 400, 'invalid_type');
  });
});
