// Speakers in the Studio, the pure parts: the transcript view with a speaker per row, saving with renamed speakers
// (Markdown, text, srt, vtt), the rename checks, the page's new messages, and clips cut from a recording (WAV by
// samples, MP3 by frames) for known speakers.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { bytesSource, ClipError, cutClip } from '../../src/core/long/clip';
import { mp3Seconds } from '../../src/core/long/mp3';
import { parseWavBytes, wavHeaderFor } from '../../src/core/long/wav';
import { english } from '../../src/core/messages';
import { audioDataUrl, diarizedText, MAX_SPEAKER_NAME, renameProblem, wavSeconds, withRename } from '../../src/core/speakers';
import type { DiarizedSegment, TranscriptResult } from '../../src/core/types';
import { renderTranscript, saveFormats, toView } from '../../src/studio/transcript';
import { parseWebviewMessage } from '../../src/studio/validate';
import { knownSpeakers } from '../emulator/diarize';
import { fmtChunk, makeWav, TempDir } from './coreFixtures';
import { lame } from './longFixtures';

const seg = (i: number, speaker: string, start: number, end: number, text: string): DiarizedSegment =>
  ({ id: `seg_${i}`, speaker, start, end, text });

const meeting: TranscriptResult = {
  format: 'diarized_json',
  text: 'Welcome. The agenda. Thanks. Great.',
  duration: 9,
  segments: [
    seg(0, 'A', 0, 2, 'Welcome.'),
    seg(1, 'A', 2, 4, ' The agenda.'),
    seg(2, 'B', 4.5, 6, 'Thanks.'),
    seg(3, 'A', 6.5, 9, 'Great.'),
  ],
};
const segmentsOf = (r: TranscriptResult): DiarizedSegment[] => (r.format === 'diarized_json' ? r.segments : []);

/** The English of a rename's problem, or undefined. */
const renaming = (names: Record<string, string>, label: string, name: string): string | undefined => {
  const problem = renameProblem(segmentsOf(meeting), names, label, name);
  return problem && english(problem);
};

describe('Studio speakers: the view and what is saved', () => {
  it('gives each row its speaker apart from the text, and offers Markdown first', () => {
    const view = toView(meeting);
    assert.deepEqual(view.segments.map((s) => [s.speaker, s.text]), [['A', 'Welcome.'], ['A', 'The agenda.'], ['B', 'Thanks.'],
      ['A', 'Great.']]);
    assert.deepEqual(saveFormats(meeting), ['md', 'txt', 'srt', 'vtt']);
    // other results keep rows without a speaker
    const verbose = toView({ format: 'verbose_json', text: 'x', task: 'transcribe', language: 'en', duration: 1, words: [],
      segments: [{ id: 0, seek: 0, start: 0, end: 1, text: 'x', tokens: [], temperature: 0, avg_logprob: 0, compression_ratio: 1,
        no_speech_prob: 0 }] });
    assert.equal(verbose.segments[0].speaker, undefined);
  });

  it('saves Markdown, text, srt and vtt with the names given in the Studio', () => {
    const names = { A: 'Dana' };
    assert.equal(renderTranscript(meeting, 'md', names), '**Dana:** Welcome. The agenda.\n\n**B:** Thanks.\n\n**Dana:** Great.\n');
    assert.equal(renderTranscript(meeting, 'txt', names), 'Dana: Welcome. The agenda.\n\nB: Thanks.\n\nDana: Great.\n');
    assert.match(renderTranscript(meeting, 'srt', names), /^1\n00:00:00,000 --> 00:00:02,000\nDana: Welcome\.\n\n2\n[^\n]+\nDana: The/);
    assert.match(renderTranscript(meeting, 'srt', names), /\nB: Thanks\.\n/);
    assert.match(renderTranscript(meeting, 'vtt', names), /^WEBVTT\n\n00:00:00\.000 --> 00:00:02\.000\n<v Dana>Welcome\.\n/);
    // without names: the service's labels
    assert.equal(renderTranscript(meeting, 'md'), '**A:** Welcome. The agenda.\n\n**B:** Thanks.\n\n**A:** Great.\n');
    assert.equal(diarizedText(segmentsOf(meeting), { B: 'Lee' }).split('\n\n')[1], 'Lee: Thanks.');
    // a name with Markdown in it stays plain text in the bold label
    assert.match(renderTranscript(meeting, 'md', { B: 'Lee *the* boss' }), /\*\*Lee \\\*the\\\* boss:\*\* Thanks\./);
    assert.throws(() => renderTranscript({ format: 'text', text: 'x' }, 'md'), RangeError);
  });

  it('checks a rename: a known speaker, a name that is not empty, not too long, one line, not another speaker\'s', () => {
    assert.equal(renaming({}, 'A', 'Dana'), undefined);
    assert.match(renaming({}, 'C', 'Dana') ?? '', /no speaker "C"; its speakers are A, B/);
    assert.match(renaming({}, 'A', '   ') ?? '', /name for speaker A is empty/);
    assert.equal(renaming({}, 'A', 'x'.repeat(MAX_SPEAKER_NAME)), undefined);
    assert.match(renaming({}, 'A', 'x'.repeat(MAX_SPEAKER_NAME + 1)) ?? '', new RegExp(`at most ${MAX_SPEAKER_NAME} characters`));
    assert.match(renaming({}, 'A', 'Dana\tX') ?? '', /one line/);
    assert.match(renaming({}, 'A', 'B') ?? '', /"B" is already the name of speaker B/);
    assert.match(renaming({ B: 'Dana' }, 'A', ' Dana ') ?? '', /"Dana" is already the name of speaker B/);
    // B renamed away frees its label; A back to its own label is no clash
    assert.equal(renaming({ B: 'Lee' }, 'A', 'B'), undefined);
    assert.equal(renaming({ A: 'Dana' }, 'A', 'A'), undefined);
  });

  it('keeps the names: a trimmed name is set, the label itself takes the rename back', () => {
    assert.deepEqual(withRename({}, 'A', ' Dana '), { A: 'Dana' });
    assert.deepEqual(withRename({ A: 'Dana', B: 'Lee' }, 'A', 'A'), { B: 'Lee' });
  });
});

describe('Studio speakers: the page\'s messages', () => {
  const ok = (raw: unknown) => {
    const r = parseWebviewMessage(raw);
    if (!r.ok) assert.fail(r.error);
    return r.message;
  };
  const refused = (raw: unknown, pattern: RegExp) => {
    const r = parseWebviewMessage(raw);
    assert.equal(r.ok, false, JSON.stringify(raw).slice(0, 120));
    if (!r.ok) assert.match(r.error, pattern);
  };
  const base = { type: 'transcribe', requestId: 'a', operation: 'transcription', file: 'm.wav', options: {} };

  it('takes a rename and known speakers\' clips (a file, or a span of the recording)', () => {
    assert.deepEqual(ok({ type: 'renameSpeaker', requestId: 'r', resultId: 'abc', speaker: 'A', name: 'Dana' }),
      { type: 'renameSpeaker', requestId: 'r', resultId: 'abc', speaker: 'A', name: 'Dana' });
    // an empty name reaches the host, whose check says what to change
    ok({ type: 'renameSpeaker', requestId: 'r', resultId: 'abc', speaker: 'A', name: '' });
    const m = ok({ ...base, speakers: [{ name: 'Dana', start: 1, end: 4.5 }, { name: 'Lee', file: 'clips/lee.wav' }] });
    assert.deepEqual((m as { speakers?: unknown }).speakers,
      [{ name: 'Dana', start: 1, end: 4.5 }, { name: 'Lee', file: 'clips/lee.wav' }]);
    ok({ ...base, speakers: [] });
    ok({ type: 'saveTranscript', requestId: 's', resultId: 'abc', format: 'md' });
  });

  it('refuses malformed ones', () => {
    refused({ type: 'renameSpeaker', requestId: 'r', resultId: 'abc', speaker: '', name: 'Dana' }, /speaker: shorter than 1/);
    refused({ type: 'renameSpeaker', requestId: 'r', resultId: 'abc', speaker: 'A', name: 'x\ny' }, /one line/);
    refused({ type: 'renameSpeaker', requestId: 'r', resultId: 'abc', speaker: 'A' }, /missing "name"/);
    const five = Array.from({ length: 5 }, (_, i) => ({ name: `S${i}`, start: 0, end: 3 }));
    refused({ ...base, speakers: five }, /speakers: more than 4 items/);
    refused({ ...base, speakers: [{ name: 'Dana', file: '../outside.wav' }] }, /outside the workspace/);
    refused({ ...base, speakers: [{ name: 'Dana', start: -1, end: 3 }] }, /start: out of range/);
    refused({ ...base, speakers: [{ name: 'Dana', reference: 'data:audio/wav;base64,AA' }] }, /unexpected field "reference"/);
  });
});

describe('Studio speakers: clips cut from a recording', () => {
  const dir = new TempDir();
  after(() => dir.remove());

  it('cuts a WAV by sample frames under its own header', async () => {
    const wav = makeWav(12, 16000);
    const clip = await cutClip(bytesSource(wav), 'meeting.wav', 2, 5.5);
    assert.equal(clip.mimeType, 'audio/wav');
    assert.equal(clip.seconds, 3.5);
    assert.equal(wavSeconds(clip.bytes), 3.5);
    const layout = parseWavBytes(clip.bytes);
    assert.equal(layout.sampleRate, 16000);
    // the samples are the recording's own, from 2 s on
    const from = parseWavBytes(wav).dataOffset + 2 * 16000 * 2;
    assert.deepEqual(Buffer.from(clip.bytes.subarray(layout.dataOffset, layout.dataOffset + 64)), wav.subarray(from, from + 64));
  });

  it('makes a rich WAV\'s clip small (mono 16-bit 24 kHz), as the long recording\'s carried clips, and the emulator takes it', async () => {
    // 48 kHz stereo 16-bit: a 200 Hz tone in both channels.
    const rate = 48000;
    const data = Buffer.alloc(rate * 6 * 4);
    for (let i = 0; i < rate * 6; i++) {
      const v = Math.round(12000 * Math.sin((2 * Math.PI * 200 * i) / rate));
      data.writeInt16LE(v, i * 4);
      data.writeInt16LE(v, i * 4 + 2);
    }
    const wav = Buffer.concat([Buffer.from(wavHeaderFor(fmtChunk(1, 2, rate, 16), data.length)), data]);
    const clip = await cutClip(bytesSource(wav), 'rich.wav', 1, 4);
    const layout = parseWavBytes(clip.bytes);
    assert.deepEqual([layout.formatTag, layout.channels, layout.sampleRate, layout.bitsPerSample], [1, 1, 24000, 16]);
    assert.equal(clip.seconds, 3);
    assert.equal(clip.bytes.length, layout.dataOffset + 3 * 24000 * 2, 'a quarter of the 3 s of the source');
    const heard = knownSpeakers(['Dana'], [audioDataUrl(clip.bytes, clip.mimeType)])[0];
    assert.equal(heard.seconds, 3);
    assert.equal(heard.voice, 200, 'the emulator hears the tone in it');
  });

  it('reads only the ranges it needs (a long recording is never read whole)', async () => {
    const wav = makeWav(60, 16000);
    let read = 0;
    const source = { size: wav.length, read: (p: number, n: number) => {
      read += Math.min(n, wav.length - p);
      return Promise.resolve(wav.subarray(p, p + n));
    } };
    const clip = await cutClip(source, 'long.wav', 50, 53);
    assert.equal(clip.seconds, 3);
    assert.ok(read < wav.length, `read ${read} of ${wav.length} bytes`);
  });

  it('cuts an MP3 on frame boundaries', async function () {
    this.timeout(20000);
    const exe = lame();
    const wavPath = dir.file('talk.wav', makeWav(12, 44100));
    const mp3Path = dir.join('talk.mp3');
    execFileSync(exe, ['--silent', '-b', '64', '--add-id3v2', '--tt', 'Talk', wavPath, mp3Path]);
    const mp3 = readFileSync(mp3Path);
    const clip = await cutClip(bytesSource(mp3), 'talk.mp3', 3, 7);
    assert.equal(clip.mimeType, 'audio/mpeg');
    const frame = 1152 / 44100;
    assert.ok(clip.seconds <= 4 && clip.seconds > 4 - frame, `at most 4 s, within a frame: ${clip.seconds}`);
    assert.ok(Math.abs(mp3Seconds(clip.bytes) - clip.seconds) < 1e-9, 'the clip holds exactly the frames it counts');
    assert.equal(clip.bytes[0], 0xff, 'starts on a frame header (no ID3 tag, no Info frame)');
  });

  it('says why a clip cannot be cut: another format, a span outside the recording, not a span', async () => {
    const problem = async (run: () => Promise<unknown>): Promise<string> => {
      try {
        await run();
      } catch (err) {
        assert.ok(err instanceof ClipError);
        return english(err.text);
      }
      return 'cut';
    };
    const wav = bytesSource(makeWav(5));
    assert.match(await problem(() => cutClip(bytesSource(Buffer.from('....ftypM4A ')), 'talk.m4a', 0, 3)),
      /only from wav, mp3 recordings, and talk\.m4a is neither/);
    assert.match(await problem(() => cutClip(wav, 'm.wav', 3, 8)), /outside m\.wav, which is 5\.0 s long/);
    assert.match(await problem(() => cutClip(wav, 'm.wav', 3, 2)), /not a span of time/);
    assert.match(await problem(() => cutClip(bytesSource(Buffer.from('RIFF0000WAVEjunk')), 'bad.wav', 0, 3)), /bad\.wav .*no clip/);
  });
});
