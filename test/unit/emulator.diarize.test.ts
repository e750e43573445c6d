// The emulator's gpt-4o-transcribe-diarize deployment and streamed transcriptions: what the service accepts and
// refuses (openai-python's transcription_create_params.py), diarized_json with two speakers, SSE events over time.

import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../emulator/server';
import { wavHeader } from '../emulator/speech';
import { assertAzureError, form, makeWav, opUrl, postForm, readSse, type FormValue } from '../fixtures/emulatorFixtures';

const wavFile = (seconds = 12, filename = 'meeting.wav'): FormValue => ({ data: makeWav(seconds), filename, type: 'audio/wav' });
const dataUrl = (seconds: number): string => `data:audio/wav;base64,${makeWav(seconds).toString('base64')}`;

/** The diarized_json answer as the service documents it (openai-python TranscriptionDiarized). */
interface DiarizedAnswer {
  task: string;
  duration: number;
  text: string;
  segments: Array<{ type: string; id: string; speaker: string; start: number; end: number; text: string }>;
  usage: { type: string; input_tokens: number; output_tokens: number; total_tokens: number };
}

describe('emulator: diarized and streamed transcriptions', () => {
  let em: Emulator;
  before(async () => {
    em = await startEmulator();
  });
  after(() => em.close());
  beforeEach(() => em.reset());

  const diarize = (entries: Array<[string, FormValue]>): ReturnType<typeof postForm> =>
    postForm(em, 'gpt-4o-transcribe-diarize', 'audio/transcriptions', [['model', 'gpt-4o-transcribe-diarize'], ...entries]);

  it('answers diarized_json with segments of two alternating speakers and token usage', async () => {
    const a = await diarize([['response_format', 'diarized_json'], ['file', wavFile(12)]]);
    assert.equal(a.status, 200, a.text());
    const body = a.json<DiarizedAnswer>();
    assert.equal(body.task, 'transcribe');
    assert.equal(body.duration, 12);
    assert.ok(body.segments.length >= 4, `${body.segments.length} segments`);
    assert.deepEqual(body.segments.slice(0, 4).map((s: { speaker: string }) => s.speaker), ['A', 'A', 'B', 'B']);
    for (const s of body.segments) {
      assert.equal(s.type, 'transcript.text.segment');
      assert.match(s.id, /^seg_\d+$/);
      assert.ok(s.end > s.start);
    }
    assert.equal(body.text, body.segments.map((s: { text: string }) => s.text).join(' '));
    assert.equal(body.usage.type, 'tokens');
    assert.equal(body.usage.total_tokens, body.usage.input_tokens + body.usage.output_tokens);
  });

  it('names the speakers after known_speaker_names when references are given', async () => {
    const a = await diarize([
      ['response_format', 'diarized_json'],
      ['known_speaker_names[]', 'Dana'],
      ['known_speaker_names[]', 'Lee'],
      ['known_speaker_references[]', dataUrl(3)],
      ['known_speaker_references[]', dataUrl(9.5)],
      ['file', wavFile(12)],
    ]);
    assert.equal(a.status, 200, a.text());
    assert.deepEqual([...new Set(a.json<DiarizedAnswer>().segments.map((s) => s.speaker))], ['Dana', 'Lee']);
  });

  /** A WAV of tones: each [hz, seconds] in turn (hz 0: silence), 16 kHz mono 16-bit. */
  function tones(turns: Array<[number, number]>): Buffer {
    const rate = 16000;
    const pcm = Buffer.concat(turns.map(([hz, seconds]) => {
      const b = Buffer.alloc(Math.round(seconds * rate) * 2);
      for (let i = 0; i < b.length / 2; i++) b.writeInt16LE(hz ? Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / rate)) : 0, i * 2);
      return b;
    }));
    return Buffer.concat([wavHeader(pcm.length, rate), pcm]);
  }
  const toneUrl = (hz: number, seconds: number): string => `data:audio/wav;base64,${tones([[hz, seconds]]).toString('base64')}`;
  // Three turns: 200 Hz, 350 Hz, 200 Hz, 8 s each with short pauses; 2.5 words a second makes segments of about 3-4 s.
  const meeting = (a = 200, b = 350): FormValue => ({ data: tones([[a, 8], [0, 0.5], [b, 8], [0, 0.5], [a, 8]]), filename: 'm.wav',
    type: 'audio/wav' });
  /** The speaker of each segment that lies within one tone. */
  const heard = (body: DiarizedAnswer, a = 200, b = 350): Array<[number, string]> => body.segments
    .filter((s) => Math.floor(s.start / 8.5) === Math.floor((s.end - 0.01) / 8.5) && s.end - 0.01 - Math.floor(s.start / 8.5) * 8.5 < 8)
    .map((s) => [Math.floor(s.start / 8.5) === 1 ? b : a, s.speaker]);

  it('hears voices as pitch: letters in the order voices first speak in the request, the same voice the same letter', async () => {
    const a = await diarize([['response_format', 'diarized_json'], ['file', meeting()]]);
    assert.equal(a.status, 200, a.text());
    const pairs = heard(a.json<DiarizedAnswer>());
    assert.ok(pairs.length >= 4, JSON.stringify(pairs));
    for (const [hz, speaker] of pairs) assert.equal(speaker, hz === 200 ? 'A' : 'B', JSON.stringify(pairs));
    // The same voices in the other order: the letters follow who speaks first in this request.
    const swapped = await diarize([['response_format', 'diarized_json'], ['file', meeting(350, 200)]]);
    for (const [hz, speaker] of heard(swapped.json<DiarizedAnswer>(), 350, 200)) assert.equal(speaker, hz === 350 ? 'A' : 'B');
  });

  it('names a segment after the reference with its voice, whatever the order of the names; other voices get letters', async () => {
    const a = await diarize([
      ['response_format', 'diarized_json'],
      ['known_speaker_names[]', 'Lee'], ['known_speaker_references[]', toneUrl(350, 3)],
      ['known_speaker_names[]', 'Dana'], ['known_speaker_references[]', toneUrl(200, 4)],
      ['file', meeting()],
    ]);
    assert.equal(a.status, 200, a.text());
    for (const [hz, speaker] of heard(a.json<DiarizedAnswer>())) assert.equal(speaker, hz === 200 ? 'Dana' : 'Lee');
    const one = await diarize([
      ['response_format', 'diarized_json'], ['known_speaker_names[]', 'Lee'], ['known_speaker_references[]', toneUrl(350, 3)],
      ['file', meeting()],
    ]);
    for (const [hz, speaker] of heard(one.json<DiarizedAnswer>())) assert.equal(speaker, hz === 200 ? 'A' : 'Lee');
  });

  it('refuses references that are no readable audio, and measures MP3 references from their frames', async () => {
    const speakers = (ref: string): Array<[string, FormValue]> => [
      ['known_speaker_names[]', 'a'], ['known_speaker_references[]', ref], ['file', wavFile(5)],
    ];
    const noFmt = Buffer.concat([Buffer.from('RIFF\x00\x00\x00\x00WAVEdata\x00\x7d\x00\x00', 'latin1'), Buffer.alloc(32000)]);
    const e = assertAzureError(await diarize(speakers(`data:audio/wav;base64,${noFmt.toString('base64')}`)), 400, undefined,
      'known_speaker_references');
    assert.match(String(e.message), /not audio the service can read/);
    assertAzureError(await diarize(speakers('data:audio/wav;base64,')), 400, undefined, 'known_speaker_references');
    // 320 kbit/s frames: a size-based estimate at 128 kbit/s would call 1.5 s of them 3.75 s long.
    const frame = Buffer.alloc(1044);
    frame.set([0xff, 0xfb, 0xe0, 0xc4]); // MPEG-1 Layer III, 320 kbit/s, 44.1 kHz: 1044 bytes, 1152 samples
    const frames = (seconds: number) => Buffer.concat(Array.from({ length: Math.round((seconds * 44100) / 1152) }, () => frame));
    assertAzureError(await diarize(speakers(`data:audio/mpeg;base64,${frames(1.5).toString('base64')}`)), 400, undefined,
      'known_speaker_references');
    assert.equal((await diarize(speakers(`data:audio/mpeg;base64,${frames(3).toString('base64')}`))).status, 200);
  });

  it('refuses what the diarize model refuses', async () => {
    assertAzureError(await diarize([['prompt', 'names'], ['file', wavFile(5)]]), 400, undefined, 'prompt');
    assertAzureError(await diarize([['timestamp_granularities[]', 'word'], ['file', wavFile(5)]]), 400, undefined,
      'timestamp_granularities[]');
    assertAzureError(await diarize([['response_format', 'verbose_json'], ['file', wavFile(5)]]), 400, 'unsupported_value',
      'response_format');
    assertAzureError(await diarize([['response_format', 'srt'], ['file', wavFile(5)]]), 400, 'unsupported_value', 'response_format');
    // Audio over 30 s needs chunking_strategy; with it, the same file is fine.
    assertAzureError(await diarize([['file', wavFile(31)]]), 400, undefined, 'chunking_strategy');
    assert.equal((await diarize([['chunking_strategy', 'auto'], ['file', wavFile(31)]])).status, 200);
    assertAzureError(await diarize([['chunking_strategy', 'sometimes'], ['file', wavFile(5)]]), 400, undefined, 'chunking_strategy');
  });

  it('refuses known speakers that do not fit: count, pairing, data URL, length', async () => {
    const speakers = (names: string[], refs: string[]): Array<[string, FormValue]> => [
      ...names.map((n): [string, FormValue] => ['known_speaker_names[]', n]),
      ...refs.map((r): [string, FormValue] => ['known_speaker_references[]', r]),
      ['file', wavFile(5)],
    ];
    const five = ['a', 'b', 'c', 'd', 'e'];
    assertAzureError(await diarize(speakers(five, five.map(() => dataUrl(3)))), 400, undefined, 'known_speaker_names');
    assertAzureError(await diarize(speakers(['a', 'b'], [dataUrl(3)])), 400, undefined, 'known_speaker_references');
    assertAzureError(await diarize(speakers(['a'], ['https://example.com/dana.wav'])), 400, undefined, 'known_speaker_references');
    assertAzureError(await diarize(speakers(['a'], [dataUrl(1.5)])), 400, undefined, 'known_speaker_references');
    assertAzureError(await diarize(speakers(['a'], [dataUrl(10.5)])), 400, undefined, 'known_speaker_references');
    assertAzureError(await diarize(speakers(['a', 'a'], [dataUrl(3), dataUrl(3)])), 400, undefined, 'known_speaker_names');
    // Known speakers belong to the diarize model only.
    const other = await postForm(em, 'gpt-4o-transcribe', 'audio/transcriptions', [
      ['model', 'gpt-4o-transcribe'], ['known_speaker_names[]', 'a'], ['known_speaker_references[]', dataUrl(3)], ['file', wavFile(5)],
    ]);
    assertAzureError(other, 400, undefined, 'known_speaker_names[]');
    const diarizedOnWhisper = await postForm(em, 'whisper', 'audio/transcriptions', [['model', 'whisper-1'], ['response_format',
      'diarized_json'], ['file', wavFile(5)]]);
    assertAzureError(diarizedOnWhisper, 400, 'unsupported_value', 'response_format');
  });

  const stream = (deployment: string, model: string, entries: Array<[string, FormValue]>): Promise<Response> =>
    fetch(opUrl(em, deployment, 'audio/transcriptions'), {
      method: 'POST',
      headers: { 'api-key': em.apiKey },
      body: form([['model', model], ['stream', 'true'], ...entries]),
    });

  it('streams deltas over time, then transcript.text.done with the text and usage', async () => {
    const r = await stream('gpt-4o-transcribe', 'gpt-4o-transcribe', [['file', wavFile(6)]]);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/event-stream/);
    const frames = await readSse(r);
    const deltas = frames.filter((f) => f.event === 'transcript.text.delta');
    const done = frames.at(-1)!;
    assert.equal(done.event, 'transcript.text.done');
    const doneData = JSON.parse(done.data) as { text: string; usage: { type: string } };
    assert.equal(deltas.map((f) => (JSON.parse(f.data) as { delta: string }).delta).join(''), doneData.text);
    assert.equal(doneData.usage.type, 'tokens');
    assert.ok(deltas.length >= 10);
    assert.ok(done.at - deltas[0].at >= 200, `deltas arrived over ${done.at - deltas[0].at} ms`);
  });

  it('streams diarized segments with segment ids on the deltas', async () => {
    const r = await stream('gpt-4o-transcribe-diarize', 'gpt-4o-transcribe-diarize', [['response_format', 'diarized_json'], ['file',
      wavFile(12)]]);
    const frames = await readSse(r);
    const segments = frames.filter((f) => f.event === 'transcript.text.segment').map((f) => JSON.parse(f.data) as {
      speaker: string; id: string; start: number; end: number });
    assert.deepEqual(segments.map((s) => [s.speaker, s.id, s.start, s.end]), [['A', 'seg_0', 0, 2.4], ['A', 'seg_1', 2.4, 6.4],
      ['B', 'seg_2', 6.4, 10.8], ['B', 'seg_3', 10.8, 12]]);
    const firstDelta = JSON.parse(frames[0].data) as { segment_id: string };
    assert.equal(firstDelta.segment_id, segments[0].id);
  });

  it('paces a stream on request (slow-stream): the same events, further apart, once', async () => {
    const unpaced = await readSse(await stream('gpt-4o-transcribe', 'gpt-4o-transcribe', [['file', wavFile(2)]]));
    em.injectFault({ kind: 'slow-stream', delayMs: 120, operation: 'transcriptions' });
    // A plain answer does not use the pacing up: the next stream still gets it.
    const plain = await postForm(em, 'whisper', 'audio/transcriptions', [['model', 'whisper-1'], ['file', wavFile(2)]]);
    assert.equal(plain.status, 200);
    const paced = await readSse(await stream('gpt-4o-transcribe', 'gpt-4o-transcribe', [['file', wavFile(2)]]));
    const again = await readSse(await stream('gpt-4o-transcribe', 'gpt-4o-transcribe', [['file', wavFile(2)]]));
    const frames = (f: typeof paced): string[] => f.map((e) => `${e.event}\n${e.data}`);
    assert.deepEqual(frames(paced), frames(unpaced), 'pacing changes nothing that is sent');
    assert.ok(paced.length >= 4, `${paced.length} events`);
    assert.deepEqual(frames(again), frames(unpaced));
    // When each event was handed to the socket, as the emulator recorded it.
    const [, , pacedRec, againRec] = em.requests;
    const gaps = (times: number[] = []): number[] => times.slice(1).map((t, i) => t - times[i]);
    assert.ok(Math.min(...gaps(pacedRec.eventTimes)) >= 115, `gaps ${gaps(pacedRec.eventTimes).join(', ')} ms`);
    assert.equal(pacedRec.fault, 'slow-stream');
    assert.equal(againRec.fault, undefined, 'paced once (times: 1)');
  });

  it('ignores stream for whisper-1 and answers the plain transcript', async () => {
    const r = await stream('whisper', 'whisper-1', [['file', wavFile(4)]]);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(typeof ((await r.json()) as { text?: unknown }).text, 'string');
  });
});
