// Long recordings and texts end to end against the emulator: a 60 MB WAV and a 30 MB MP3 each become one transcript
// in every format (every part request under 25 MB, timestamps continuous), a 10,000-character text one WAV and one
// MP3 whose audio is the parts in order; a cancel or a failing part stops everything.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { MediaApiError } from '../../src/core/errors';
import { audioLimit, speakAny, speechInputLimit, splitSpeechText, transcribeAny } from '../../src/core/long';
import { planAudioParts, promptTail } from '../../src/core/long/longAudio';
import { mp3Seconds, walkFrames, id3v2Length } from '../../src/core/long/mp3';

import type { AudioResponseFormat, SpeechFormat, TranscriptResult, TranscriptionRequest } from '../../src/core/types';
import { synthesize } from '../emulator/speech';
import { parseSrt, parseVtt, parseWavFile, type Cue } from '../fixtures/emulatorFixtures';
import { sink, TempDir } from './coreFixtures';
import { useEmulator } from './clientHarness';
import { writePatternMp3, writePatternWav } from './longFixtures';
import { english } from '../../src/core/messages';

const MB = 1024 * 1024;
const FORMATS: AudioResponseFormat[] = ['json', 'text', 'srt', 'vtt', 'verbose_json'];

describe('long recordings and texts against the emulator', function () {
  this.timeout(180000);
  const h = useEmulator();
  const tmp = new TempDir();
  let wav: { path: string; seconds: number };
  let mp3: { path: string; seconds: number };

  before(async function () {
    this.timeout(180000);
    const w = tmp.join('meeting.wav');
    wav = { path: w, seconds: (await writePatternWav(w, 60 * MB)).seconds };
    const m = tmp.join('meeting.mp3');
    writePatternMp3(tmp.path, m, 30 * MB);
    mp3 = { path: m, seconds: mp3Seconds(await readFile(m)) };
  });
  after(() => tmp.remove());

  const transcriptions = () => h.emu.requests.filter((r) => r.operation === 'transcriptions');

  async function transcribe(name: string, path: string, format: AudioResponseFormat, progress: string[] = []): Promise<TranscriptResult> {
    const client = h.client();
    const request: TranscriptionRequest = {
      deployment: 'whisper',
      model: 'whisper-1',
      file: { name, path },
      response_format: format,
      ...(format === 'verbose_json' ? { timestamp_granularities: ['word', 'segment'] } : {}),
    };
    return transcribeAny(request, true, (r, signal) => client.transcribe(r, { signal }), { onProgress: (m) => progress.push(english(m)) });
  }

  function assertContinuous(cues: Array<Pick<Cue, 'start' | 'end'>>, seconds: number, what: string, endSlack = 0.01): void {
    for (let i = 1; i < cues.length; i++) {
      assert.ok(cues[i].start >= cues[i - 1].end - 0.0011, `${what}: cue ${i + 1} starts at ${cues[i].start}, before ${cues[i - 1].end}`);
      assert.ok(cues[i].start - cues[i - 1].end < 1, `${what}: no gap after cue ${i}`);
    }
    assert.ok(cues[0].start < 1, `${what}: starts at the beginning`);
    const end = cues[cues.length - 1].end;
    assert.ok(Math.abs(end - seconds) < endSlack, `${what}: ends at ${end}, the audio at ${seconds}`);
  }

  for (const source of ['wav', 'mp3'] as const) {
    it(`transcribes a ${source === 'wav' ? '60 MB WAV' : '30 MB MP3'} in parts into one transcript in every format`, async () => {
      const { path, seconds } = source === 'wav' ? wav : mp3;
      const name = `meeting.${source}`;
      const plan = await planAudioParts({ name, path }, audioLimit());
      const expectedParts = source === 'wav' ? 3 : 2;
      assert.equal(plan.parts.length, expectedParts);
      for (const format of FORMATS) {
        h.emu.reset();
        const progress: string[] = [];
        const result = await transcribe(name, path, format, progress);
        assert.equal(result.format, format);
        // Parts 2 and up go at once, so they may arrive in any order.
        const sent = transcriptions().sort((a, b) => a.files[0].filename.localeCompare(b.files[0].filename));
        assert.equal(sent.length, expectedParts, `${format}: one request per part`);
        // Part 1 starting, then each part done with the time left (from the parts done), then the merge.
        assert.equal(progress[0], `${name}: part 1 of ${expectedParts}`);
        for (let k = 1; k < expectedParts; k++) {
          const left = new RegExp(`^${name.replace('.', '\\.')}: ${k} of ${expectedParts} parts done, about \\d+ (s|min) left$`);
          assert.match(progress[k], left);
        }
        assert.equal(progress[expectedParts], `${name}: all ${expectedParts} parts done, merging`);
        assert.equal(progress.length, expectedParts + 1);
        for (const [i, r] of sent.entries()) {
          assert.equal(r.status, 200);
          assert.ok(r.files[0].size <= audioLimit(), `${format}: part ${i + 1} is ${r.files[0].size} bytes`);
          assert.equal(r.files[0].filename, `meeting.part${i + 1}.${source}`);
          assert.equal(r.fields.prompt !== undefined, i > 0, 'parts after the first get a prompt');
        }
        switch (result.format) {
          case 'verbose_json': {
            assert.ok(Math.abs((result.duration ?? 0) - seconds) < 0.01, `duration ${result.duration} vs ${seconds}`);
            assert.deepEqual(result.segments.map((s) => s.id), result.segments.map((_, i) => i));
            assertContinuous(result.segments, seconds, 'segments');
            assertContinuous(result.words, seconds, 'words', 0.5); // a word ends a little before the next starts
            assert.equal(result.text, result.segments.map((s) => s.text.trim()).join(' '));
            break;
          }
          case 'srt':
            assertContinuous(parseSrt(result.text), seconds, 'srt');
            break;
          case 'vtt':
            assertContinuous(parseVtt(result.text), seconds, 'vtt');
            break;
          default:
            assert.ok(result.text.trim().split(/\s+/).length > seconds * 2, 'the whole recording\'s words');
        }
        if (format === 'json') {
          // Two rounds: every later part is prompted with part 1's names and terms and the end of its text.
          const prompts = sent.map((r) => r.fields.prompt?.[0]);
          const first = await h.client().transcribe({ deployment: 'whisper', model: 'whisper-1', file: plan.parts[0].upload });
          const tail = promptTail(first.text);
          assert.equal(prompts[0], undefined);
          for (const p of prompts.slice(1)) assert.ok(p && tail.length > 20 && p.endsWith(tail), `a prompt of part 1's end: ${p}`);
        }
      }
    });
  }

  it('names the part and its time range when a part fails after its retries, and sends nothing more', async () => {
    const client = h.client({ maxRetries: 1 });
    const file = { name: 'meeting.wav', path: wav.path };
    const request: TranscriptionRequest = { deployment: 'whisper', model: 'whisper-1', file, response_format: 'json' };
    await assert.rejects(
      transcribeAny(request, true, (r, signal) => client.transcribe(r, { signal }), {
        order: 'chain',
        onProgress: (m) => {
          if (english(m).includes('1 of 3 parts done')) h.emu.injectFault({ kind: 'server-error', times: 5, operation: 'transcriptions' });
        },
      }),
      (e: unknown) =>
        MediaApiError.is(e, 'server') && /^Part 2 of 3 \(00:\d\d:\d\d–00:\d\d:\d\d\) failed: .*Nothing was written\./s.test(e.message),
    );
    assert.equal(transcriptions().length, 3, 'part 1, then part 2 and its one retry; part 3 never sent');
  });

  it('stops every part when cancelled mid-way', async () => {
    const client = h.client();
    const controller = new AbortController();
    const request: TranscriptionRequest = {
      deployment: 'gpt-4o-transcribe',
      model: 'gpt-4o-transcribe',
      file: { name: 'meeting.wav', path: wav.path },
    };
    h.emu.injectFault({ kind: 'slow', delayMs: 30000, operation: 'transcriptions', times: 3 });
    const started = Date.now();
    // Without a prompt (as for gpt-4o-transcribe-diarize's plain text) all three parts go at once.
    await assert.rejects(
      transcribeAny(request, false, (r, signal) => client.transcribe(r, { signal }), {
        signal: controller.signal,
        onProgress: (m) => {
          if (english(m).endsWith('part 1 of 3')) setTimeout(() => controller.abort(), 300);
        },
      }),
      (e: unknown) => MediaApiError.is(e, 'cancelled'),
    );
    assert.ok(Date.now() - started < 10000, 'cancelled at once, not after the slow answers');
    await new Promise((r) => setTimeout(r, 200));
    const sent = transcriptions();
    assert.ok(sent.length >= 1 && sent.length <= 3);
    const statuses = sent.map((r) => r.status);
    assert.ok(statuses.every((s) => s === 499 || s === 0), `every part request was abandoned: ${statuses.join(', ')}`);
  });

  const sentence = (i: number) => `Sentence ${i + 1} of the long text tells the listener one more thing, calmly. `;
  const text = Array.from({ length: 140 }, (_, i) => sentence(i)).join('').trim();

  for (const format of ['wav', 'mp3'] as SpeechFormat[]) {
    it(`speaks a 10,000-character text as one valid ${format.toUpperCase()} whose audio is the parts in order`, async () => {
      assert.ok(Array.from(text).length >= 10000);
      const client = h.client();
      const progress: string[] = [];
      const joined = await speakAny(
        { deployment: 'tts', model: 'tts-1', voice: 'alloy', input: text, response_format: format },
        async (r, signal) => {
          const out = sink();
          await client.speak(r, out, { signal });
          return out.bytes();
        },
        { onProgress: (m) => progress.push(english(m)) },
      );
      const parts = splitSpeechText(text, speechInputLimit('tts-1')!);
      assert.equal(parts.length, 3);
      assert.equal(joined.parts, 3);
      assert.deepEqual(progress, ['part 1 of 3', 'part 2 of 3', 'part 3 of 3']);
      const sent = h.emu.requests.filter((r) => r.operation === 'speech');
      // parts go a few at a time, so they may reach the service in any order; the join below checks the order
      const inputs = sent.map((r) => (r.json as { input: string }).input);
      assert.deepEqual(inputs.sort(), [...parts].sort(), 'each part sent once, within the limit');
      // What the emulator says for each part, made directly: the joined file must hold exactly these, in order.
      const each = parts.map((p) => Buffer.concat([...synthesize({ format, text: p, voice: 'alloy', speed: 1 })]));
      const bytes = Buffer.from(joined.bytes);
      if (format === 'wav') {
        const facts = parseWavFile(bytes);
        const samples = each.map((w) => w.subarray(44));
        assert.equal(facts.dataBytes, samples.reduce((n, s) => n + s.length, 0));
        assert.deepEqual(bytes.subarray(44), Buffer.concat(samples));
      } else {
        const frames = (b: Buffer) => {
          const out: Buffer[] = [];
          walkFrames(b, id3v2Length(b), b.length, (f, info) => !info && out.push(b.subarray(f.offset, f.offset + f.header.length)), true);
          return Buffer.concat(out);
        };
        assert.deepEqual(bytes, Buffer.concat(each.map(frames)));
        assert.ok(Math.abs(mp3Seconds(bytes) - each.reduce((n, b) => n + mp3Seconds(b), 0)) < 1e-9);
      }
    });
  }

  it('stops speaking every part when cancelled', async () => {
    const client = h.client();
    const controller = new AbortController();
    h.emu.injectFault({ kind: 'slow', delayMs: 30000, operation: 'speech', times: 3 });
    await assert.rejects(
      speakAny({ deployment: 'tts', model: 'tts-1', voice: 'alloy', input: text, response_format: 'wav' }, async (r, signal) => {
        const out = sink();
        await client.speak(r, out, { signal });
        return out.bytes();
      }, { signal: controller.signal, onProgress: (m) => english(m) === 'part 2 of 3' && setTimeout(() => controller.abort(), 200) }),
      (e: unknown) => MediaApiError.is(e, 'cancelled'),
    );
    const sent = h.emu.requests.filter((r) => r.operation === 'speech');
    assert.equal(sent.length, 2, 'part 3 is never sent');
  });

  it('keeps promptTail short enough for whisper (its last 224 tokens count): the last whole words within the limit', () => {
    // 1,000 words are 4,999 characters; the last 600 begin with a space, so the tail is the last 120 words (599).
    assert.equal(promptTail('word '.repeat(1000)), Array<string>(120).fill('word').join(' '));
    assert.equal(promptTail('alpha beta gamma', 8), 'gamma', 'a word cut by the limit is left out');
    assert.equal(promptTail('abcdefghij', 4), 'ghij', 'one long word is cut');
    assert.equal(promptTail('  short text  '), 'short text', 'a text within the limit is kept whole, trimmed');
  });
});
