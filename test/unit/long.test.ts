// Long recordings and texts, piece by piece: WAV and MP3 splitting, transcript merging, text splitting, speech joining.
import assert from 'node:assert/strict';
import { open, readFile, stat } from 'node:fs/promises';
import { mergeTranscripts } from '../../src/core/long/merge';
import { id3v2Length, joinMp3, mp3Seconds, planMp3Spans, walkFrames } from '../../src/core/long/mp3';
import { planAudioParts, promptTail, runParts, transcribeParts, type AudioPart } from '../../src/core/long/longAudio';
import { chainOgg, joinSpeech, oggCrc } from '../../src/core/long/speechJoin';
import { PartProgress } from '../../src/core/long/progress';
import { splitSpeechText } from '../../src/core/long/textSplit';
import { joinWav, parseWavBytes, planWavSpans, readWavLayout } from '../../src/core/long/wav';
import { MediaApiError } from '../../src/core/errors';
import { audioLimit } from '../../src/core/long';
import type { TranscriptResult } from '../../src/core/types';
import { synthesize, wavHeader } from '../emulator/speech';
import { english, msg } from '../../src/core/messages';
import { TempDir } from './coreFixtures';
import { inSilence, writePatternMp3, writePatternWav } from './longFixtures';

const MAX_AUDIO_BYTES = audioLimit();

const MB = 1024 * 1024;
const chars = (s: string) => Array.from(s).length;

function speech(format: 'wav' | 'mp3' | 'opus' | 'aac' | 'pcm', input: string): Buffer {
  return Buffer.concat([...synthesize({ format, text: input, voice: 'alloy', speed: 1 })]);
}

describe('long: WAV splitting', () => {
  const tmp = new TempDir();
  after(() => tmp.remove());

  it('cuts a 60 MB WAV into valid WAV parts under the limit, each cut in a silence, covering every sample once', async function () {
    this.timeout(60000);
    const path = tmp.join('long.wav');
    const { dataBytes, seconds } = await writePatternWav(path, 60 * MB);
    const plan = await planAudioParts({ name: 'long.wav', path }, MAX_AUDIO_BYTES);
    assert.equal(plan.kind, 'wav');
    assert.equal(plan.parts.length, 3);
    let expectedStart = 0;
    let total = 0;
    const file = await open(path, 'r');
    try {
      for (const part of plan.parts) {
        assert.ok(part.bytes <= MAX_AUDIO_BYTES * 0.96, `part ${part.index}: ${part.bytes} bytes`);
        const header = Buffer.from(part.upload.header!);
        const layout = parseWavBytes(Buffer.concat([header, Buffer.alloc(2)]));
        assert.equal(layout.dataOffset, 44, 'a plain header: RIFF, fmt, data (the LIST chunk is not copied)');
        assert.equal(header.readUInt32LE(4), 36 + (part.upload.range!.end - part.upload.range!.start), 'RIFF size');
        assert.equal(header.readUInt32LE(40), part.upload.range!.end - part.upload.range!.start, 'data size');
        assert.equal(part.bytes, 44 + part.upload.range!.end - part.upload.range!.start);
        assert.ok(Math.abs(part.startSeconds - expectedStart) < 1e-9, 'parts follow each other');
        expectedStart += part.seconds;
        total += part.upload.range!.end - part.upload.range!.start;
        const cut = part.startSeconds + part.seconds;
        if (part.index < plan.parts.length) assert.ok(inSilence(cut), `cut at ${cut} s is in a silence`);
        // The first bytes after the header are the file's bytes at the range start.
        const at = Buffer.alloc(16);
        await file.read(at, 0, 16, part.upload.range!.start);
        assert.equal(part.upload.range!.start % 2, 0, 'cut on a sample boundary');
      }
    } finally {
      await file.close();
    }
    assert.equal(total, dataBytes);
    assert.ok(Math.abs(expectedStart - seconds) < 1e-6);
  });

  it('finds the quiet moment within the search window, and falls back to the limit without one', async () => {
    const path = tmp.join('tone.wav');
    const sampleRate = 8000;
    const data = Buffer.alloc(sampleRate * 2 * 30);
    for (let i = 0; i < data.length / 2; i++) data.writeInt16LE(Math.round(8000 * Math.sin(i / 3)), i * 2);
    // One quiet 100 ms at 17.0 s.
    data.fill(0, 17 * sampleRate * 2, Math.round(17.1 * sampleRate) * 2);
    await import('node:fs/promises').then((fs) => fs.writeFile(path, Buffer.concat([wavHeader(data.length, sampleRate), data])));
    const file = await open(path, 'r');
    try {
      const layout = await readWavLayout(file, (await stat(path)).size);
      const spans = await planWavSpans(file, layout, 44 + 20 * sampleRate * 2, 5);
      assert.ok(spans[0].seconds > 17 && spans[0].seconds < 17.1, `first cut at ${spans[0].seconds}`);
      const none = await planWavSpans(file, layout, 44 + 10 * sampleRate * 2, 1);
      assert.ok(Math.abs(none[0].seconds - 10) < 0.05, `no quiet moment: cut near the limit (${none[0].seconds})`);
    } finally {
      await file.close();
    }
  });

  it('refuses a file that is no usable WAV with a message saying what to do', async () => {
    const head = Buffer.from('RIFF\0\0\0\0WAVEjunk\x04\0\0\0abcd', 'latin1');
    const path = tmp.file('broken.wav', Buffer.concat([head, Buffer.alloc(30 * MB)]));
    await assert.rejects(planAudioParts({ name: 'broken.wav', path }, MAX_AUDIO_BYTES), (e: unknown) =>
      MediaApiError.is(e, 'validation') && /broken\.wav has a malformed chunk before its data; it cannot be split/.test(e.message));
  });

  it('says how to proceed for containers it cannot cut when ffmpeg is not on the PATH', async () => {
    const path = tmp.file('talk.m4a', Buffer.concat([Buffer.from('\0\0\0\x20ftypM4A ', 'latin1'), Buffer.alloc(64)]));
    await assert.rejects(planAudioParts({ name: 'talk.m4a', path }, MAX_AUDIO_BYTES, { ffmpegPath: null }), (e: unknown) =>
      MediaApiError.is(e, 'validation') && /install ffmpeg and put it on the PATH.*or convert the file to MP3/.test(e.message));
  });

  it('joins WAV parts under one header written for the total length', () => {
    const a = speech('wav', 'Hello there.');
    const b = speech('wav', 'And goodbye now.');
    const joined = Buffer.from(joinWav([a, b]));
    const la = parseWavBytes(a);
    const lb = parseWavBytes(b);
    const lj = parseWavBytes(joined);
    assert.equal(lj.dataSize, la.dataSize + lb.dataSize);
    assert.equal(joined.readUInt32LE(4), joined.length - 8);
    const samples = (w: Buffer, l: typeof la) => w.subarray(l.dataOffset, l.dataOffset + l.dataSize);
    assert.deepEqual(joined.subarray(lj.dataOffset), Buffer.concat([samples(a, la), samples(b, lb)]));
    const other = Buffer.from(a);
    other.writeUInt32LE(16000, 24);
    other.writeUInt32LE(16000 * other.readUInt16LE(32), 28); // a consistent header, of another rate
    assert.throws(() => joinWav([a, other]), /different sample format/);
  });
});

describe('long: MP3 splitting and joining', () => {
  const tmp = new TempDir();
  after(() => tmp.remove());

  it('cuts a 30 MB MP3 on frame boundaries, skipping the ID3 tags and the Info frame, quiet frames preferred', async function () {
    this.timeout(120000);
    const path = tmp.join('long.mp3');
    writePatternMp3(tmp.path, path, 30 * MB);
    const bytes = await readFile(path); // the test may hold it; the code under test reads ranges
    const size = bytes.length;
    const file = await open(path, 'r');
    const spans = await planMp3Spans(file, size, Math.floor(MAX_AUDIO_BYTES * 0.96)).finally(() => file.close());
    assert.equal(spans.length, 2);
    const firstFrame = id3v2Length(bytes);
    assert.ok(spans[0].start > firstFrame, 'the Info frame after the ID3v2 tag is not sent');
    assert.equal(bytes.indexOf('Info', firstFrame, 'latin1'), firstFrame + 4 + 17, 'the fixture has an Info frame (mono MPEG-1)');
    assert.equal(spans[spans.length - 1].end, size - 128, 'the ID3v1 tag is not sent');
    const bits: number[] = [];
    const offsets = new Map<number, number>();
    walkFrames(bytes, firstFrame, size - 128, (f, info) => {
      if (!info) {
        offsets.set(f.offset, bits.length);
        bits.push(f.bits);
      }
    }, true);
    for (const [i, s] of spans.entries()) {
      assert.ok(s.end - s.start <= MAX_AUDIO_BYTES * 0.96);
      assert.ok(offsets.has(s.start), `part ${i + 1} starts on a frame`);
      if (i > 0) assert.equal(s.start, spans[i - 1].end);
    }
    // The cut lies where the frames spend few bits (the silences): below a tenth of the average.
    const cut = offsets.get(spans[1].start)!;
    const mean = bits.reduce((a, b) => a + b, 0) / bits.length;
    const around = bits.slice(cut - 2, cut + 2).reduce((a, b) => a + b, 0) / 4;
    assert.ok(around < mean / 10, `bits around the cut ${around} vs mean ${mean}`);
    const total = spans.reduce((a, s) => a + s.seconds, 0);
    assert.ok(Math.abs(total - mp3Seconds(bytes)) < 1e-6);
  });

  it('joins MP3 parts: one ID3v2 tag, no Info frames, every audio frame in order', () => {
    const a = speech('mp3', 'First part of the text.');
    const b = speech('mp3', 'Second part, a little longer than the first.');
    const tagged = (m: Buffer) => {
      const tag = Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x0a', 'latin1'), Buffer.alloc(10)]);
      return Buffer.concat([tag, m]);
    };
    const joined = Buffer.from(joinMp3([tagged(a), tagged(b)]));
    assert.equal(id3v2Length(joined), 20);
    assert.equal(joined.indexOf('ID3', 20, 'latin1'), -1, 'the second part\'s tag is dropped');
    assert.ok(Math.abs(mp3Seconds(joined) - (mp3Seconds(a) + mp3Seconds(b))) < 1e-9);
    assert.deepEqual(joined.subarray(20), Buffer.concat([a, b]).subarray(0, joined.length - 20));
  });

  it('chains Ogg parts with a serial number each and valid page CRCs; concatenates AAC and PCM', () => {
    const a = speech('opus', 'One.');
    const b = speech('opus', 'Two.');
    const chained = Buffer.from(chainOgg([a, b]));
    assert.equal(chained.length, a.length + b.length);
    const serials = new Set<number>();
    for (let o = 0; o < chained.length; ) {
      assert.equal(chained.toString('latin1', o, o + 4), 'OggS');
      const n = chained[o + 26];
      let body = 0;
      for (let i = 0; i < n; i++) body += chained[o + 27 + i];
      const page = Buffer.from(chained.subarray(o, o + 27 + n + body));
      const crc = page.readUInt32LE(22);
      page.writeUInt32LE(0, 22);
      assert.equal(oggCrc(page), crc);
      serials.add(page.readUInt32LE(14));
      o += 27 + n + body;
    }
    assert.equal(serials.size, 2);
    const aac = joinSpeech('aac', [speech('aac', 'One.'), speech('aac', 'Two.')]);
    assert.deepEqual(Buffer.from(aac.bytes), Buffer.concat([speech('aac', 'One.'), speech('aac', 'Two.')]));
    const flac = joinSpeech('flac', [speech('wav', 'One.'), speech('wav', 'Two.')]);
    assert.equal(flac.format, 'wav');
    assert.match(flac.note ? english(flac.note) : '', /FLAC parts cannot be joined.*one lossless WAV/);
  });
});

describe('long: transcript merging', () => {
  const part = (result: TranscriptResult, offset: number, seconds: number) => ({ result, offset, seconds });

  it('renumbers SubRip cues and shifts them by the parts before', () => {
    const a = '1\n00:00:00,000 --> 00:00:04,000\nHello.\n\n2\n00:00:04,000 --> 00:09:59,500\nWorld.\n\n';
    const b = '1\r\n00:00:00,250 --> 00:00:03,000\r\nAgain,\r\ntwo lines.\r\n\r\n';
    assert.equal(
      mergeTranscripts([part({ format: 'srt', text: a }, 0, 600.5), part({ format: 'srt', text: b }, 600.5, 5)]).text,
      '1\n00:00:00,000 --> 00:00:04,000\nHello.\n\n2\n00:00:04,000 --> 00:09:59,500\nWorld.\n\n' +
        '3\n00:10:00,750 --> 00:10:03,500\nAgain,\ntwo lines.\n\n',
    );
  });

  it('keeps one WEBVTT header, shifts cues (short stamps too), keeps cue settings and renumbers numeric ids', () => {
    const a = 'WEBVTT\n\nNOTE first\n\n1\n00:01.000 --> 00:02.000 align:start\nA\n\n';
    const b = 'WEBVTT\n\nNOTE second\n\n1\n00:00:00.500 --> 00:00:01.000\nB\n\nintro\n00:00:02.000 --> 00:00:03.000\nC\n\n';
    assert.equal(
      mergeTranscripts([part({ format: 'vtt', text: a }, 0, 3600), part({ format: 'vtt', text: b }, 3600, 5)]).text,
      'WEBVTT\n\nNOTE first\n\n1\n00:00:01.000 --> 00:00:02.000 align:start\nA\n\n' +
        '2\n01:00:00.500 --> 01:00:01.000\nB\n\nintro\n01:00:02.000 --> 01:00:03.000\nC\n\n',
    );
  });

  it('merges verbose_json: segments and words shifted and renumbered, one duration, usage added up', () => {
    const seg = (id: number, start: number, end: number, text: string) => ({
      id, seek: 0, start, end, text, tokens: [1], temperature: 0, avg_logprob: -0.2, compression_ratio: 1.2, no_speech_prob: 0.01,
    });
    const merged = mergeTranscripts([
      part({
        format: 'verbose_json', text: ' One.', language: 'english', duration: 10, segments: [seg(0, 0, 10, ' One.')],
        words: [{ word: 'One', start: 0, end: 1 }], usage: { type: 'duration', seconds: 10 },
      }, 0, 10),
      part({
        format: 'verbose_json', text: 'Two.', language: 'english', duration: 5, segments: [seg(0, 0, 5, ' Two.')],
        words: [{ word: 'Two', start: 1, end: 2 }], usage: { type: 'duration', seconds: 5 },
      }, 10, 5),
    ]);
    assert.equal(merged.format, 'verbose_json');
    if (merged.format !== 'verbose_json') return;
    assert.equal(merged.text, 'One. Two.');
    assert.equal(merged.duration, 15);
    assert.deepEqual(merged.segments.map((s) => [s.id, s.start, s.end, s.seek]), [[0, 0, 10, 0], [1, 10, 15, 1000]]);
    assert.deepEqual(merged.words, [{ word: 'One', start: 0, end: 1 }, { word: 'Two', start: 11, end: 12 }]);
    assert.deepEqual(merged.usage, { type: 'duration', seconds: 15 });
  });

  it('merges json and text into one text', () => {
    const j = mergeTranscripts([
      part({ format: 'json', text: 'A b.', usage: { type: 'tokens', input_tokens: 3, total_tokens: 5 } }, 0, 1),
      part({ format: 'json', text: ' C d.', usage: { type: 'tokens', input_tokens: 4, total_tokens: 6 } }, 1, 1),
    ]);
    const usage = { type: 'tokens', input_tokens: 7, total_tokens: 11 };
    assert.deepEqual(j, { format: 'json', text: 'A b. C d.', usage, requestId: undefined });
    const t = mergeTranscripts([part({ format: 'text', text: 'A b.\n' }, 0, 1), part({ format: 'text', text: 'C d.\n' }, 1, 1)]);
    assert.equal(t.text, 'A b. C d.\n');
  });

  it('merges diarized_json: speaker turns shifted and renumbered, one duration, usage added up', () => {
    const turn = (id: string, speaker: string, start: number, end: number, text: string) => ({ id, speaker, start, end, text });
    const merged = mergeTranscripts([
      part({ format: 'diarized_json', text: 'Hi. Hello.', segments: [turn('seg_0', 'A', 0, 2, 'Hi.'), turn('seg_1', 'B', 2, 4, 'Hello.')],
        usage: { type: 'tokens', input_tokens: 10, output_tokens: 2, total_tokens: 12 } }, 0, 4),
      part({ format: 'diarized_json', text: 'Bye.', segments: [turn('seg_0', 'A', 0.5, 1.5, 'Bye.')],
        usage: { type: 'tokens', input_tokens: 5, output_tokens: 1, total_tokens: 6 } }, 4, 2),
    ]);
    assert.equal(merged.format, 'diarized_json');
    if (merged.format !== 'diarized_json') return;
    assert.equal(merged.text, 'Hi. Hello. Bye.');
    assert.equal(merged.duration, 6);
    assert.deepEqual(merged.segments.map((s) => [s.id, s.speaker, s.start, s.end]),
      [['seg_0', 'A', 0, 2], ['seg_1', 'B', 2, 4], ['seg_2', 'A', 4.5, 5.5]]);
    assert.deepEqual(merged.usage, { type: 'tokens', input_tokens: 15, output_tokens: 3, total_tokens: 18 });
  });

  it('takes the last words of a part, from a word start, as the next prompt', () => {
    assert.equal(promptTail('short text'), 'short text');
    const tail = promptTail('word '.repeat(300), 50);
    assert.ok(tail.length <= 50 && tail.startsWith('word'));
  });
});

describe('long: text splitting for speech', () => {
  const sentence = (n: number) => `Sentence number ${n} says something useful about the topic at hand. `;

  it('cuts at sentence ends, parts at most the limit, the words all there in order', () => {
    const text = Array.from({ length: 160 }, (_, i) => sentence(i)).join('');
    assert.ok(chars(text) > 10000);
    const parts = splitSpeechText(text, 4096);
    assert.equal(parts.length, 3);
    for (const p of parts) {
      assert.ok(chars(p) <= 4096);
      assert.match(p, /\.$/, 'each part ends a sentence');
    }
    assert.equal(parts.join(' '), text.trim());
  });

  it('cuts an over-long sentence at a clause mark, then between words, never inside a word', () => {
    const clausey = Array.from({ length: 40 }, (_, i) => `clause ${i} goes on for a while`).join(', ') + '.';
    const parts = splitSpeechText(clausey, 100);
    for (const p of parts) assert.ok(chars(p) <= 100);
    assert.ok(parts.slice(0, -1).every((p) => p.endsWith(',')), 'cut after commas');
    assert.equal(parts.join(' '), clausey);
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const wp = splitSpeechText(words, 50);
    assert.equal(wp.join(' '), words);
    for (const p of wp) assert.ok(chars(p) <= 50 && !p.startsWith(' ') && !p.endsWith(' '));
  });

  it('counts characters as code points, like the service', () => {
    const emoji = '😀 '.repeat(3000);
    const parts = splitSpeechText(emoji, 4096);
    for (const p of parts) assert.ok(chars(p) <= 4096, String(chars(p)));
    assert.ok(parts.some((p) => p.length > 4096), 'UTF-16 length exceeds the limit while code points do not');
  });

  it('leaves a text within the limit as one part', () => {
    assert.deepEqual(splitSpeechText('  Just this.  ', 4096), ['Just this.']);
    assert.deepEqual(splitSpeechText('   ', 4096), []);
  });
});

describe('long: running parts', () => {
  it('keeps order, bounds concurrency, and stops every part at the first failure naming it', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: string[] = [];
    const out = await runParts([1, 2, 3, 4, 5], async (n) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 10 * (6 - n)));
      inFlight--;
      return n * 10;
    }, { concurrency: 2, onProgress: (k, n) => seen.push(`${k}/${n}`) }, (n) => msg('long.partAudio', { index: n, count: 5, range: '' }));
    assert.deepEqual(out, [10, 20, 30, 40, 50]);
    assert.equal(most, 2);
    assert.deepEqual(seen, ['1/5', '2/5', '3/5', '4/5', '5/5']);

    const aborted: number[] = [];
    await assert.rejects(
      runParts([1, 2, 3], async (n, signal) => {
        if (n === 2) throw new MediaApiError('server', 'The service failed (500).');
        await new Promise((r) => setTimeout(r, 50));
        if (signal.aborted) aborted.push(n);
        return n;
      }, { concurrency: 3 }, (n) => msg('long.partAudio', { index: n, count: 3, range: '00:10:00–00:20:00' })),
      (e: unknown) =>
        MediaApiError.is(e, 'server') &&
        e.part === 'Part 2 of 3 (00:10:00–00:20:00)' &&
        /^Part 2 of 3 \(00:10:00–00:20:00\) failed: The service failed \(500\)\. Nothing was written\.$/.test(e.message),
    );
    assert.deepEqual(aborted.sort(), [1, 3]);
  });

  it('chains prompts: the caller\'s prompt first, then the previous part\'s end, within the field\'s limit', async () => {
    const parts: AudioPart[] = [1, 2, 3].map((index) => ({
      index, upload: { name: `p${index}.wav`, data: new Uint8Array(1) }, startSeconds: (index - 1) * 10, seconds: 10, bytes: 1,
    }));
    const prompts: Array<string | undefined> = [];
    const user = 'Names: Aino, Bjørn. '.repeat(200).trim();
    const merged = await transcribeParts(parts, (upload, prompt) => {
      prompts.push(prompt);
      return Promise.resolve({ format: 'text' as const, text: `Words of ${upload.name} `.repeat(100) });
    }, { prompted: true, order: 'chain', prompt: user, maxPrompt: 4096 });
    assert.equal(prompts[0], user);
    for (const [i, p] of prompts.slice(1).entries()) {
      assert.ok(p!.startsWith(`${user} `) && p!.length <= 4096, `prompt ${i + 2}: ${p!.length}`);
      assert.ok(p!.endsWith(`Words of p${i + 1}.wav`), 'ends with the previous part\'s last words');
    }
    assert.equal(merged.text.split('Words of').length - 1, 300);
  });

  it('two rounds: part 1 alone, then the rest at once, told part 1\'s names and terms and the end of the nearest part done', async () => {
    const parts: AudioPart[] = [1, 2, 3, 4].map((index) => ({
      index, upload: { name: `p${index}.wav`, data: new Uint8Array(1) }, startSeconds: (index - 1) * 600, seconds: 600, bytes: 1,
    }));
    const texts = [
      `Welcome, everyone. Today Dana from Contoso shows the GPT-4o demo. ${'We will go through it slowly. '.repeat(30).trim()}`,
      'The second part is about the budget.',
      'The third part is about hiring.',
      'The fourth part wraps up.',
    ];
    // Part 3 answers first, so part 4 (waiting for a lane) is told the end of part 3, the nearest earlier part done.
    const delays = [20, 80, 10, 10];
    const log: string[] = [];
    const prompts = new Map<string, string | undefined>();
    let inFlight = 0;
    const merged = await transcribeParts(parts, async (upload, prompt) => {
      prompts.set(upload.name, prompt);
      const i = Number(upload.name.slice(1, 2)) - 1;
      inFlight++;
      log.push(`start ${i + 1} (${inFlight} in flight)`);
      await new Promise((r) => setTimeout(r, delays[i]));
      inFlight--;
      log.push(`done ${i + 1}`);
      return { format: 'text' as const, text: texts[i] };
    }, { prompted: true, prompt: 'Fabrikam.', maxPrompt: 4096, concurrency: 2 });
    assert.deepEqual(log.slice(0, 4), ['start 1 (1 in flight)', 'done 1', 'start 2 (1 in flight)', 'start 3 (2 in flight)']);
    assert.equal(prompts.get('p1.wav'), 'Fabrikam.');
    const terms = 'Dana, Contoso, GPT-4o.';
    // Names and terms already in the end of the text are not said twice: part 4's tail has none of them.
    assert.equal(prompts.get('p2.wav'), `Fabrikam. ${terms} ${promptTail(texts[0])}`);
    assert.equal(prompts.get('p3.wav'), `Fabrikam. ${terms} ${promptTail(texts[0])}`);
    assert.equal(prompts.get('p4.wav'), `Fabrikam. ${terms} ${texts[2]}`);
    assert.equal(merged.text, `${texts.join(' ')}\n`);
  });

  it('estimates the time left from the parts done and the lanes the rest go in', () => {
    let now = 0;
    const seen: string[] = [];
    const progress = new PartProgress('talk.wav', [60, 60, 60, 60, 60], 2, (m) => seen.push(english(m)), () => now);
    progress.start(0);
    now = 10000;
    progress.finish(0); // 10 s for 60 s of audio; four parts left in two lanes: two rounds of 10 s
    assert.equal(progress.remainingMs(), 20000);
    progress.start(1);
    progress.start(2);
    now = 15000;
    progress.finish(1); // now 7.5 s a part: part 3 ends at 17.5 s, then parts 4 and 5 in the two lanes
    assert.equal(progress.remainingMs(), 2500 + 7500);
    for (const i of [2, 3, 4]) progress.finish(i);
    assert.deepEqual(seen, [
      'talk.wav: part 1 of 5',
      'talk.wav: 1 of 5 parts done, about 20 s left',
      'talk.wav: 2 of 5 parts done, about 10 s left',
      'talk.wav: 3 of 5 parts done, about 10 s left',
      'talk.wav: 4 of 5 parts done, about 5 s left',
      'talk.wav: all 5 parts done, merging',
    ]);
  });

  it('passes a cancellation on as a cancellation', async () => {
    const controller = new AbortController();
    await assert.rejects(
      runParts([1, 2, 3], (n, signal) => {
        if (n === 2) controller.abort();
        if (signal.aborted) return Promise.reject(new MediaApiError('cancelled', 'The operation was cancelled.'));
        return Promise.resolve(n);
      }, { signal: controller.signal }, (n) => msg('long.partAudio', { index: n, count: 5, range: '' })),
      (e: unknown) => MediaApiError.is(e, 'cancelled'),
    );
  });
});

describe('long: other containers through ffmpeg', () => {
  const tmp = new TempDir();
  after(() => tmp.remove());

  // A stand-in for ffmpeg that behaves as ffmpeg's segment muxer does for a 10-minute file: it reports the duration
  // when probed, and writes the segments and the CSV list it is asked for (sizes in proportion to their length).
  const fake = `#!/usr/bin/env node
const fs = require('fs'), path = require('path');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_FFMPEG_LOG, JSON.stringify(args) + '\\n');
const input = args[args.indexOf('-i') + 1];
if (!args.includes('segment')) { process.stderr.write('  Duration: 00:10:00.00, start: 0.000000, bitrate: 400 kb/s\\n'); process.exit(1); }
const t = Number(args[args.indexOf('-segment_time') + 1]);
const list = args[args.indexOf('-segment_list') + 1];
const pattern = args[args.length - 1];
const size = fs.statSync(input).size;
let csv = '';
for (let i = 0, start = 0; start < 600; i++, start += t) {
  const name = path.basename(pattern).replace('%04d', String(i).padStart(4, '0'));
  const end = Math.min(600, start + t);
  const extra = i === 0 && t > 250 ? 5e6 : 0; // a first segment larger than the average, as packet boundaries can make it
  fs.writeFileSync(path.join(path.dirname(pattern), name), Buffer.alloc(Math.ceil(size * (end - start) / 600) + extra));
  csv += name + ',' + start.toFixed(6) + ',' + end.toFixed(6) + '\\n';
}
fs.writeFileSync(list, csv);
`;

  it('cuts with stream copy into segments under the limit, redoing too-large ones shorter, and removes them after', async () => {
    const exe = tmp.file('ffmpeg', fake);
    (await import('node:fs')).chmodSync(exe, 0o755);
    const log = tmp.join('ffmpeg.log');
    process.env.FAKE_FFMPEG_LOG = log;
    const input = tmp.file('talk.m4a', Buffer.alloc(30 * MB));
    const plan = await planAudioParts({ name: 'talk.m4a', path: input }, MAX_AUDIO_BYTES, { ffmpegPath: exe });
    const calls = (await readFile(log, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as string[]);
    assert.equal(calls.length, 3, 'a probe, a first cut whose first segment came out too large, a shorter cut');
    for (const args of calls.slice(1)) {
      assert.deepEqual(args.slice(args.indexOf('-c'), args.indexOf('-c') + 2), ['-c', 'copy']);
      assert.ok(args.includes('-reset_timestamps'));
    }
    assert.equal(plan.kind, 'ffmpeg');
    assert.ok(plan.parts.length >= 3);
    for (const [i, p] of plan.parts.entries()) {
      assert.ok(p.bytes <= MAX_AUDIO_BYTES * 0.96);
      assert.equal(p.upload.name, `talk.part${i + 1}.m4a`);
      assert.ok(Math.abs(p.startSeconds - (i === 0 ? 0 : plan.parts[i - 1].startSeconds + plan.parts[i - 1].seconds)) < 1e-6);
    }
    const dir = (await import('node:path')).dirname(plan.parts[0].upload.path!);
    await plan.dispose();
    await assert.rejects(stat(dir), 'the segments are removed');
  });
});
