// Speakers and live transcripts in the core: the client against the emulator (diarized_json, known speakers on the
// wire, streamed deltas before the end, the fallback when a deployment refuses stream), and speakers.ts's outputs.
import { english } from '../../src/core/messages';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MediaApiError } from '../../src/core/errors';
import {
  audioDataUrl, diarizedMarkdown, diarizedSrt, diarizedVtt, knownSpeakersProblem, renameSpeakers, speakerTurns, speakersOf, wavSeconds,
} from '../../src/core/speakers';
import type { DiarizedSegment } from '../../src/core/types';
import { validateTranscription } from '../../src/core/validation';
import { useEmulator } from './clientHarness';
import { makeWav } from './coreFixtures';

const seg = (id: number, speaker: string, start: number, end: number, text: string): DiarizedSegment => ({ id: `seg_${id}`, speaker, start,
  end, text });

/** The English of a known-speakers problem, for matching. */
const problemText = (speakers: Parameters<typeof knownSpeakersProblem>[0]) => english(knownSpeakersProblem(speakers)!);

describe('speakers: diarized transcripts', () => {
  const segments = [
    seg(0, 'A', 0, 2.5, 'Thanks for joining.'),
    seg(1, 'A', 2.5, 4, ' The agenda first. '),
    seg(2, 'B', 4.2, 6.75, 'Sounds good.'),
    seg(3, 'A', 7, 9, 'Great.'),
  ];

  it('joins consecutive segments of a speaker into one turn', () => {
    assert.deepEqual(speakerTurns(segments), [
      { speaker: 'A', start: 0, end: 4, text: 'Thanks for joining. The agenda first.' },
      { speaker: 'B', start: 4.2, end: 6.75, text: 'Sounds good.' },
      { speaker: 'A', start: 7, end: 9, text: 'Great.' },
    ]);
    assert.deepEqual(speakersOf(segments), ['A', 'B']);
  });

  it('writes Markdown with one paragraph per turn, the speaker in bold, renamed where asked', () => {
    assert.equal(diarizedMarkdown(segments), '**A:** Thanks for joining. The agenda first.\n\n**B:** Sounds good.\n\n**A:** Great.\n');
    assert.equal(
      diarizedMarkdown(segments, { A: 'Dana', B: ' ' }, 'standup'),
      '# standup\n\n**Dana:** Thanks for joining. The agenda first.\n\n**B:** Sounds good.\n\n**Dana:** Great.\n',
    );
    assert.equal(diarizedMarkdown([seg(0, 'A', 0, 1, 'x')], { A: 'a*b' }), '**a\\*b:** x\n');
  });

  it('writes srt and vtt cues with the speaker in each', () => {
    assert.equal(
      diarizedSrt(segments.slice(1, 3), { B: 'Lee' }),
      '1\n00:00:02,500 --> 00:00:04,000\nA: The agenda first.\n\n2\n00:00:04,200 --> 00:00:06,750\nLee: Sounds good.\n',
    );
    assert.equal(diarizedVtt(segments.slice(2, 3)), 'WEBVTT\n\n00:00:04.200 --> 00:00:06.750\n<v B>Sounds good.\n');
    assert.deepEqual(renameSpeakers(segments, { B: 'Lee' }).map((s) => s.speaker), ['A', 'A', 'Lee', 'A']);
  });

  it('checks known speakers: count, names, data URLs, clip length', () => {
    const ref = audioDataUrl(makeWav(3), 'audio/wav');
    assert.equal(knownSpeakersProblem([{ name: 'Dana', reference: ref, seconds: 3 }]), undefined);
    assert.match(problemText(['a', 'b', 'c', 'd', 'e'].map((name) => ({ name, reference: ref }))), /At most 4/);
    assert.match(problemText([{ name: 'a', reference: ref }, { name: 'a', reference: ref }]), /two known speakers/);
    assert.match(problemText([{ name: ' ', reference: ref }]), /no name/);
    assert.match(problemText([{ name: 'a', reference: 'https://x/a.wav' }]), /data URL/);
    assert.match(problemText([{ name: 'a', reference: ref, seconds: 12 }]), /12\.0 s long; it must be 2–10 s/);
    assert.ok(Math.abs(wavSeconds(makeWav(3))! - 3) < 0.001);
    assert.equal(wavSeconds(Buffer.from('not a wav file')), undefined);
  });

  it('validation refuses known speakers on other models and unpaired names', async () => {
    const base = { deployment: 'd', file: { name: 'a.wav', data: makeWav(1) } };
    const ref = audioDataUrl(makeWav(3), 'audio/wav');
    await assert.rejects(
      validateTranscription({ ...base, model: 'gpt-4o-transcribe', known_speaker_names: ['a'], known_speaker_references: [ref] }),
      (e: unknown) => MediaApiError.is(e) && /no known_speaker_names option/.test(e.message),
    );
    await assert.rejects(
      validateTranscription({ ...base, model: 'gpt-4o-transcribe-diarize', known_speaker_names: ['a', 'b'], known_speaker_references: [
        ref] }),
      (e: unknown) => MediaApiError.is(e) && /one clip per name/.test(e.message),
    );
    await assert.rejects(
      validateTranscription({ ...base, model: 'whisper-1', chunking_strategy: 'auto' }),
      (e: unknown) => MediaApiError.is(e) && /chunking_strategy/.test(e.message),
    );
  });
});

describe('speakers: the client against the emulator', () => {
  const t = useEmulator();
  const file = (seconds: number): { name: string; data: Uint8Array } => ({ name: 'meeting.wav', data: makeWav(seconds) });

  it('transcribes two speakers into Markdown and srt', async () => {
    const result = await t.client().transcribe({
      deployment: 'gpt-4o-transcribe-diarize', model: 'gpt-4o-transcribe-diarize', file: file(12), response_format: 'diarized_json',
        chunking_strategy: 'auto',
    });
    assert.equal(result.format, 'diarized_json');
    if (result.format !== 'diarized_json') return;
    assert.deepEqual(speakersOf(result.segments), ['A', 'B']);
    const md = diarizedMarkdown(result.segments);
    const paragraphs = md.trim().split('\n\n');
    assert.ok(paragraphs.length >= 2);
    assert.match(paragraphs[0], /^\*\*A:\*\* \S/);
    assert.match(paragraphs[1], /^\*\*B:\*\* \S/);
    const srt = diarizedSrt(result.segments);
    assert.match(srt, /^1\n00:00:00,000 --> \d\d:\d\d:\d\d,\d{3}\nA: /);
    assert.equal(srt.split('\n\n').length, result.segments.length);
    assert.deepEqual(t.emu.requests[0].fields.chunking_strategy, ['auto']);
  });

  it('sends known speakers as paired known_speaker_names[] and known_speaker_references[] data URLs', async () => {
    const dana = audioDataUrl(makeWav(3), 'audio/wav');
    const lee = audioDataUrl(makeWav(4), 'audio/wav');
    const result = await t.client().transcribe({
      deployment: 'gpt-4o-transcribe-diarize', model: 'gpt-4o-transcribe-diarize', file: file(12), response_format: 'diarized_json',
      known_speaker_names: ['Dana', 'Lee'], known_speaker_references: [dana, lee],
    });
    const rec = t.emu.requests[0];
    assert.equal(rec.status, 200);
    assert.deepEqual(rec.fields['known_speaker_names[]'], ['Dana', 'Lee']);
    assert.deepEqual(rec.fields['known_speaker_references[]'], [dana, lee]);
    assert.ok(result.format === 'diarized_json' && speakersOf(result.segments).join() === 'Dana,Lee');
  });

  it('a reference clip the service finds too short comes back as a clear error', async () => {
    const short = audioDataUrl(makeWav(1), 'audio/wav');
    await assert.rejects(
      t.client().transcribe({
        deployment: 'gpt-4o-transcribe-diarize', model: 'gpt-4o-transcribe-diarize', file: file(5), known_speaker_names: ['a'],
          known_speaker_references: [short],
      }),
      (e: unknown) => MediaApiError.is(e) && /between 2 and 10 seconds/.test(e.message),
    );
  });

  it('streams: deltas reach onDelta before the transcript is done, and add up to its text', async () => {
    const started = Date.now();
    const deltas: Array<{ delta: string; at: number }> = [];
    const result = await t.client().transcribe(
      { deployment: 'gpt-4o-transcribe', model: 'gpt-4o-transcribe', file: file(6), stream: true },
      { onDelta: (delta) => deltas.push({ delta, at: Date.now() }) },
    );
    const finished = Date.now();
    assert.equal(result.format, 'json');
    assert.ok(result.format === 'json' && result.streamed && result.usage?.type === 'tokens');
    assert.ok(deltas.length >= 10);
    assert.equal(deltas.map((d) => d.delta).join(''), result.text);
    assert.ok(finished - deltas[0].at >= 200,
      `first delta ${deltas[0].at - started} ms after the start, done after ${finished - started} ms`);
    assert.deepEqual(t.emu.requests[0].fields.stream, ['true']);
  });

  it('streams a diarized transcript: segments with speakers, the same result as a plain answer', async () => {
    const segments: DiarizedSegment[] = [];
    const result = await t.client().transcribe(
      { deployment: 'gpt-4o-transcribe-diarize', model: 'gpt-4o-transcribe-diarize', file: file(12), response_format: 'diarized_json',
        stream: true },
      { onSegment: (s) => segments.push(s) },
    );
    assert.ok(result.format === 'diarized_json');
    if (result.format !== 'diarized_json') return;
    assert.deepEqual(result.segments, segments);
    assert.deepEqual(speakersOf(segments), ['A', 'B']);
    assert.equal(result.text, segments.map((s) => s.text).join(' '));
  });

  it('refuses stream for whisper-1 before sending (the service would ignore it)', async () => {
    await assert.rejects(
      t.client().transcribe({ deployment: 'whisper', model: 'whisper-1', file: file(3), stream: true }),
      (e: unknown) => MediaApiError.is(e) && e.field === 'stream',
    );
    assert.equal(t.emu.requests.length, 0);
  });

  it('falls back to a plain request when a deployment refuses stream', async () => {
    // A stand-in for a service without transcript streaming: the emulator refuses `stream` before 2025-03-01-preview,
    // where it serves no gpt-4o model, so this answers like it for a gpt-4o deployment.
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const streaming = /name="stream"/.test(Buffer.concat(chunks).toString('latin1'));
        seen.push(streaming ? 'stream' : 'plain');
        if (streaming) {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'unknown_parameter', message: "Unrecognized request argument supplied: stream",
            param: 'stream', type: 'invalid_request_error' } }));
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ text: 'Plain answer.', usage: { type: 'tokens', input_tokens: 10, output_tokens: 3,
            total_tokens: 13 } }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const client = t.client({ endpoint: `http://127.0.0.1:${port}`, auth: { type: 'apiKey', getKey: () => Promise.resolve('k') } });
      const deltas: string[] = [];
      const r = await client.transcribe({ deployment: 'gpt-4o-transcribe', model: 'gpt-4o-transcribe', file: file(3), stream: true }, {
        onDelta: (d) => deltas.push(d) });
      assert.equal(r.text, 'Plain answer.');
      assert.deepEqual(seen, ['stream', 'plain']);
      assert.deepEqual(deltas, []);
      assert.ok(t.logger.lines.some((l) => /rejected streaming/.test(l)));
    } finally {
      server.close();
    }
  });
});
