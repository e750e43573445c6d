// A long diarized recording keeps part 1's speakers in every part: which speakers are carried and where their clips
// are cut (carry.ts), the clips themselves (clip.ts partClip: WAV by samples, MP3 by frames, ffmpeg), the later parts' labels
// mapped back, and the whole run against the emulator, which hears speakers as pitch (test/emulator/voices.ts).
import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { transcribeAny } from '../../src/core/long';
import { CARRIED_CLIP_SECONDS, planCarriedSpeakers, relabelPart } from '../../src/core/long/carry';
import { ClipError, partClip } from '../../src/core/long/clip';
import { planAudioParts, transcribeDiarizedParts, transcribeParts, type AudioPart } from '../../src/core/long/longAudio';
import { mp3Seconds, walkFrames } from '../../src/core/long/mp3';
import { parseWavBytes, wavHeaderFor } from '../../src/core/long/wav';
import { audioLimit } from '../../src/core/long';
import { english } from '../../src/core/messages';
import { KNOWN_SPEAKER_SECONDS, audioDataUrl } from '../../src/core/speakers';
import type { DiarizedSegment, TranscriptResult, TranscriptionRequest } from '../../src/core/types';
import { knownSpeakers } from '../emulator/diarize';
import { useEmulator } from './clientHarness';
import { fmtChunk, TempDir } from './coreFixtures';
import { TWO_VOICES, turnOf, writePatternMp3, writeTwoVoiceWav } from './longFixtures';

const MB = 1024 * 1024;

const seg = (speaker: string, start: number, end: number): DiarizedSegment => ({ id: `s${start}`, speaker, start, end, text: 'words' });

/** The emulator's own check of a reference: it throws what the service would refuse. */
function emulatorAccepts(bytes: Uint8Array, mimeType: string): { seconds: number; voice?: number } {
  return knownSpeakers(['x'], [audioDataUrl(bytes, mimeType)])[0];
}

describe('long speakers: which speakers are carried', () => {
  it("cuts each speaker's clip from the middle of their longest turn, at most 8 s", () => {
    const plan = planCarriedSpeakers([
      seg('A', 0, 3), seg('A', 3, 6), seg('B', 6, 9), seg('A', 9, 24), seg('B', 24, 29.5), seg('B', 29.5, 30),
    ], []);
    assert.deepEqual(plan.skipped, []);
    assert.deepEqual(plan.speakers.map((s) => [s.label, s.name]), [['A', 'Speaker A'], ['B', 'Speaker B']]);
    const [a, b] = plan.speakers;
    assert.equal(a.seconds, CARRIED_CLIP_SECONDS);
    assert.equal(a.start, 9 + (15 - 8) / 2, 'the middle 8 s of the 15 s turn, not the first 6 s one');
    assert.equal(b.seconds, 6, 'B: two segments in a row are one 6 s turn');
    assert.equal(b.start, 24);
  });

  it('skips a speaker with no turn of 2 s rather than take in other voices', () => {
    const plan = planCarriedSpeakers([seg('A', 0, 5), seg('B', 5, 6.5), seg('A', 6.5, 9), seg('B', 9, 10.9)], []);
    assert.deepEqual(plan.speakers.map((s) => s.label), ['A']);
    assert.equal(plan.skipped.length, 1);
    assert.equal(plan.skipped[0].label, 'B');
    assert.match(plan.skipped[0].reason, /longest turn in part 1 is 1\.9 s; a reference needs 2 s/);
  });

  it("leaves the user's known speakers to the user's clips and fills the 4 places by who speaks most", () => {
    const segments = [
      seg('Dana', 0, 10), seg('A', 10, 13), seg('B', 13, 23), seg('C', 23, 27), seg('D', 27, 33), seg('Lee', 33, 40),
    ];
    const plan = planCarriedSpeakers(segments, ['Dana', 'Lee']);
    assert.deepEqual(plan.speakers.map((s) => s.label), ['B', 'D'], 'two places left; B (10 s) and D (6 s) speak most');
    assert.deepEqual(plan.skipped.map((s) => s.label), ['C', 'A']);
    assert.match(plan.skipped[0].reason, /only 4 known speakers/);
    assert.equal(planCarriedSpeakers(segments, ['Dana', 'Lee', 'Kim', 'Ode']).speakers.length, 0, 'no place left');
  });

  it('never sends a name twice, even when the user named someone "Speaker A"', () => {
    const plan = planCarriedSpeakers([seg('A', 0, 5)], ['Speaker A']);
    assert.equal(plan.speakers[0].name, 'Speaker A (2)');
  });

  it("maps a later part's labels back: carried names to part 1's labels, user names kept, newcomers a new letter", () => {
    const carried = planCarriedSpeakers([seg('A', 0, 5), seg('B', 5, 10), seg('C', 10, 11)], ['Dana']).speakers;
    const used = new Set(['A', 'B', 'C', 'Dana']);
    const later = relabelPart(
      [seg('Speaker B', 0, 4), seg('A', 4, 6), seg('Dana', 6, 8), seg('Speaker A', 8, 9), seg('B', 9, 12), seg('A', 12, 13)],
      carried, ['Dana'], used,
    );
    assert.deepEqual(later.map((s) => s.speaker), ['B', 'D', 'Dana', 'A', 'E', 'D'],
      "the service's own A and B in this part are not part 1's A and B (C was part 1's too, though not carried)");
    assert.ok(used.has('E'));
    const third = relabelPart([seg('A', 0, 4)], carried, ['Dana'], used);
    assert.deepEqual(third.map((s) => s.speaker), ['F'], "each part's letters are its own");
  });
});

describe('long speakers: clips', () => {
  const tmp = new TempDir();
  after(() => tmp.remove());

  /** A part of a WAV file on disk, `seconds` long, as planAudioParts plans one (a byte range and its own header). */
  function wavPart(name: string, fmt: Buffer, data: Buffer, lead = 1000): AudioPart {
    const path = tmp.file(name, Buffer.concat([Buffer.alloc(lead), data]));
    const byteRate = fmt.readUInt32LE(8);
    return {
      index: 1,
      upload: { name, path, range: { start: lead, end: lead + data.length }, header: wavHeaderFor(fmt, data.length) },
      startSeconds: 0,
      seconds: data.length / byteRate,
      bytes: data.length,
    };
  }

  it('cuts a 44.1 kHz stereo 24-bit WAV part into a small mono 16-bit 22.05 kHz WAV of the asked stretch', async () => {
    const rate = 44100;
    const seconds = 20;
    const data = Buffer.alloc(rate * seconds * 6);
    // Left and right: a tone that starts at 5 s (silence before), so the clip's content shows where it was cut from.
    for (let i = 0; i < rate * seconds; i++) {
      const v = i >= rate * 5 ? Math.round(4000000 * Math.sin((2 * Math.PI * 200 * i) / rate)) : 0;
      data.writeIntLE(v, i * 6, 3);
      data.writeIntLE(v, i * 6 + 3, 3);
    }
    const part = wavPart('rich.wav', fmtChunk(1, 2, rate, 24), data);
    const clip = await partClip({ kind: 'wav' }, part, 5, 7.5)!;
    assert.equal(clip.mimeType, 'audio/wav');
    const layout = parseWavBytes(clip.bytes);
    assert.deepEqual([layout.formatTag, layout.channels, layout.sampleRate, layout.bitsPerSample], [1, 1, 22050, 16]);
    assert.equal(layout.dataOffset + layout.dataSize, clip.bytes.length, 'the header states the bytes it holds');
    assert.ok(Math.abs(clip.seconds - 7.5) < 0.001, `${clip.seconds} s`);
    assert.ok(clip.bytes.length < 7.5 * 22050 * 2 + 100, `${clip.bytes.length} bytes: smaller than the 2 MB of the source`);
    const b = Buffer.from(clip.bytes);
    const peak = Math.max(...Array.from({ length: 2000 }, (_, i) => Math.abs(b.readInt16LE(layout.dataOffset + i * 2))));
    assert.ok(peak > 10000, 'the clip starts in the tone (5 s on), not in the silence before it');
    const heard = emulatorAccepts(clip.bytes, clip.mimeType);
    assert.ok(Math.abs(heard.seconds - 7.5) < 0.001);
    assert.equal(heard.voice, 200, 'the emulator hears the 200 Hz tone in it');
  });

  it('copies an encoding it cannot read (µ-law) under the part’s own format, still a valid WAV of that length', async () => {
    const part = wavPart('law.wav', fmtChunk(7, 1, 8000, 8), Buffer.alloc(8000 * 30, 0x55));
    const clip = await partClip({ kind: 'wav' }, part, 10, 4)!;
    const layout = parseWavBytes(clip.bytes);
    assert.deepEqual([layout.formatTag, layout.sampleRate, layout.dataSize], [7, 8000, 32000]);
    assert.equal(clip.seconds, 4);
    assert.equal(emulatorAccepts(clip.bytes, clip.mimeType).seconds, 4);
  });

  it('cuts an MP3 part on whole frames inside the stretch, no tags, no Info frame', async function () {
    this.timeout(60000);
    const path = tmp.join('talk.mp3');
    writePatternMp3(tmp.path, path, 2 * MB);
    const plan = await planAudioParts({ name: 'talk.mp3', path }, audioLimit());
    const clip = await partClip(plan, plan.parts[0], 12.3, 6)!;
    assert.equal(clip.mimeType, 'audio/mpeg');
    const b = Buffer.from(clip.bytes);
    assert.equal(b[0], 0xff, 'starts on a frame');
    let frames = 0;
    let info = 0;
    const end = walkFrames(b, 0, b.length, (_, isInfo) => {
      frames++;
      if (isInfo) info++;
    }, true);
    assert.equal(end, b.length, 'nothing but whole frames');
    assert.equal(info, 0);
    assert.ok(clip.seconds <= 6 && clip.seconds > 6 - 1152 / 44100, `${clip.seconds} s: at most the stretch, within a frame of it`);
    assert.ok(Math.abs(mp3Seconds(b) - clip.seconds) < 1e-9);
    assert.ok(Math.abs(emulatorAccepts(clip.bytes, clip.mimeType).seconds - clip.seconds) < 1e-6, 'measured from the frames');
    assert.ok(frames > 200);
  });

  it('has ffmpeg decode other containers to a mono 16 kHz WAV of the stretch', async () => {
    // A stand-in for ffmpeg: writes a WAV as long as `-t` asks and logs its arguments.
    const exe = tmp.file('ffmpeg', `#!/usr/bin/env node
const fs = require('fs');
const args = process.argv.slice(2);
fs.writeFileSync(process.env.FAKE_CLIP_LOG, JSON.stringify(args));
const n = Math.round(Number(args[args.indexOf('-t') + 1]) * 16000) * 2;
const h = Buffer.alloc(44);
h.write('RIFF', 0); h.writeUInt32LE(36 + n, 4); h.write('WAVEfmt ', 8); h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20);
h.writeUInt16LE(1, 22); h.writeUInt32LE(16000, 24); h.writeUInt32LE(32000, 28); h.writeUInt16LE(2, 32); h.writeUInt16LE(16, 34);
h.write('data', 36); h.writeUInt32LE(n, 40);
fs.writeFileSync(args[args.length - 1], Buffer.concat([h, Buffer.alloc(n, 1)]));
`);
    chmodSync(exe, 0o755);
    process.env.FAKE_CLIP_LOG = tmp.join('clip.log');
    const part: AudioPart = { index: 1, upload: { name: 'talk.part1.m4a', path: tmp.file('talk.m4a', Buffer.alloc(10)) },
      startSeconds: 0, seconds: 600, bytes: 10 };
    assert.equal(partClip({ kind: 'ffmpeg' }, part, 61.25, 6.5), undefined, 'no ffmpeg, no cutter');
    const clip = await partClip({ kind: 'ffmpeg', ffmpeg: exe }, part, 61.25, 6.5)!;
    const args = JSON.parse(await readFile(tmp.join('clip.log'), 'utf8')) as string[];
    assert.deepEqual(args.slice(args.indexOf('-ss'), args.indexOf('-ss') + 4), ['-ss', '61.250', '-t', '6.500']);
    assert.deepEqual(args.slice(args.indexOf('-ac'), args.indexOf('-ac') + 4), ['-ac', '1', '-ar', '16000']);
    assert.equal(clip.seconds, 6.5);
    assert.equal(emulatorAccepts(clip.bytes, clip.mimeType).seconds, 6.5);
  });

  it('cuts a turn that runs past the part at its end, and says why with message ids when it cannot cut', async () => {
    const problem = async (cut: Promise<unknown> | undefined): Promise<[string, string]> => {
      try {
        await cut;
      } catch (err) {
        assert.ok(err instanceof ClipError, String(err));
        return [err.text.id, english(err.text)];
      }
      return ['cut', ''];
    };
    const part = wavPart('end.wav', fmtChunk(1, 1, 16000, 16), Buffer.alloc(16000 * 2 * 20, 1));
    const clip = await partClip({ kind: 'wav' }, part, 15, 8)!;
    assert.equal(clip.seconds, 5, 'the last 5 s of the part: its end is the turn\'s end');
    const [outside, said] = await problem(partClip({ kind: 'wav' }, part, 21, 4));
    assert.equal(outside, 'speakers.clipOutside');
    assert.match(said, /outside end\.wav, which is 20\.0 s long/);
    const unranged: AudioPart = { ...part, upload: { name: 'talk.part1.wav', path: part.upload.path } };
    assert.deepEqual((await problem(partClip({ kind: 'wav' }, unranged, 1, 4)))[0], 'speakers.clipNotRange');
    const failing = tmp.file('ffmpeg-fails', '#!/bin/sh\necho "Invalid data found when processing input" >&2\nexit 1\n');
    chmodSync(failing, 0o755);
    const m4a: AudioPart = { ...part, upload: { name: 'x.part1.m4a', path: failing } };
    const [id, text] = await problem(partClip({ kind: 'ffmpeg', ffmpeg: failing }, m4a, 1, 4));
    assert.equal(id, 'speakers.clipFfmpeg');
    assert.match(text, /x\.part1\.m4a: Invalid data found when processing input/);
  });
});

describe('long speakers: a two-speaker recording in three parts against the emulator', function () {
  this.timeout(180000);
  const h = useEmulator();
  const tmp = new TempDir();
  let path: string;
  before(async function () {
    this.timeout(120000);
    path = tmp.join('meeting.wav');
    await writeTwoVoiceWav(path, 60 * MB);
  });
  after(() => tmp.remove());

  const request = (): TranscriptionRequest => ({
    deployment: 'gpt-4o-transcribe-diarize',
    model: 'gpt-4o-transcribe-diarize',
    file: { name: 'meeting.wav', path },
    response_format: 'diarized_json',
    chunking_strategy: 'auto',
  });

  /** Each segment that lies within one speaker's turn, with that speaker (1 or 2) and its label. */
  function labelsByVoice(result: TranscriptResult): Array<{ voice: number; speaker: string; start: number }> {
    assert.equal(result.format, 'diarized_json');
    return result.segments
      .filter((s) => turnOf(s.start, s.end) !== 0)
      .map((s) => ({ voice: turnOf(s.start, s.end), speaker: s.speaker, start: s.start }));
  }

  it("sends parts 2 and 3 with part 1's speakers as known speakers, and one speaker keeps one label throughout", async () => {
    const client = h.client();
    const result = await transcribeAny(request(), false, (r, signal) => client.transcribe(r, { signal }), { logger: h.logger });
    const sent = h.emu.requests.filter((r) => r.operation === 'transcriptions');
    assert.equal(sent.length, 3);
    for (const r of sent) assert.equal(r.status, 200);
    const byPart = (k: number) => sent.find((r) => r.files[0].filename === `meeting.part${k}.wav`)!;
    assert.equal(byPart(1).fields['known_speaker_names[]'], undefined, 'part 1 goes without');
    assert.ok(byPart(1).id < Math.min(byPart(2).id, byPart(3).id), 'part 1 is sent first');
    for (const k of [2, 3]) {
      const r = byPart(k);
      assert.deepEqual(r.fields['known_speaker_names[]'], ['Speaker A', 'Speaker B']);
      const refs = r.fields['known_speaker_references[]'];
      assert.equal(refs.length, 2);
      const heard = refs.map((ref) => knownSpeakers(['x'], [ref])[0]);
      for (const clip of heard) assert.ok(clip.seconds >= KNOWN_SPEAKER_SECONDS.min && clip.seconds <= KNOWN_SPEAKER_SECONDS.max);
      assert.deepEqual(heard.map((c) => c.voice), [TWO_VOICES.first.hz, TWO_VOICES.second.hz], "each clip holds that speaker's voice");
      assert.ok(refs.every((ref) => ref.startsWith('data:audio/wav;base64,')));
    }
    const labelled = labelsByVoice(result);
    assert.ok(labelled.some((s) => s.start > 786 * 2), 'segments from the third part are checked');
    const wrong = labelled.filter((s) => s.speaker !== (s.voice === 1 ? 'A' : 'B'));
    assert.deepEqual(wrong, [], 'the first voice is A and the second B in every part');
    assert.ok(h.logger.lines.some((l) => /speaker A of part 1 is carried to the other parts as "Speaker A" with a 8\.0 s clip/.test(l)),
      h.logger.lines.join('\n'));
  });

  it('without carrying, the per-request labels swap in the later parts (what the test above guards against)', async () => {
    const client = h.client();
    const plan = await planAudioParts({ name: 'meeting.wav', path }, audioLimit());
    const result = await transcribeParts(plan.parts, (upload, _p, signal) => client.transcribe({ ...request(), file: upload }, { signal }),
      { prompted: false, concurrency: 3 });
    const labelled = labelsByVoice(result);
    assert.ok(labelled.some((s) => s.speaker !== (s.voice === 1 ? 'A' : 'B')), 'some of the later parts call the first voice B');
  });

  it('carries MP3 clips (whole frames, 2-10 s by their frames) with the later parts of a long MP3', async () => {
    const mp3 = tmp.join('meeting.mp3');
    writePatternMp3(tmp.path, mp3, 30 * MB);
    const client = h.client();
    await transcribeAny({ ...request(), file: { name: 'meeting.mp3', path: mp3 } }, false, (r, signal) => client.transcribe(r, { signal }));
    const sent = h.emu.requests.filter((r) => r.operation === 'transcriptions');
    assert.equal(sent.length, 2);
    const later = sent.find((r) => r.files[0].filename === 'meeting.part2.mp3')!;
    assert.equal(later.status, 200);
    assert.deepEqual(later.fields['known_speaker_names[]'], ['Speaker A', 'Speaker B']);
    for (const ref of later.fields['known_speaker_references[]']) {
      assert.match(ref, /^data:audio\/mpeg;base64,/);
      const bytes = Buffer.from(ref.slice(ref.indexOf(',') + 1), 'base64');
      const seconds = mp3Seconds(bytes);
      assert.ok(seconds >= KNOWN_SPEAKER_SECONDS.min && seconds <= CARRIED_CLIP_SECONDS, `${seconds} s`);
      assert.equal(walkFrames(bytes, 0, bytes.length, () => undefined, true), bytes.length, 'whole frames only');
    }
  });

  it("sends the user's known speakers with every part and carries only the others", async () => {
    const client = h.client();
    const plan = await planAudioParts({ name: 'meeting.wav', path }, audioLimit());
    // Dana is the first voice: her clip is cut from the recording's first turn.
    const dana = await partClip(plan, plan.parts[0], 2, 6)!;
    const user = { names: ['Dana'], references: [audioDataUrl(dana.bytes, dana.mimeType)] };
    const result = await transcribeDiarizedParts(plan, (upload, speakers, signal) => client.transcribe({
      ...request(), file: upload,
      known_speaker_names: speakers?.names ?? user.names, known_speaker_references: speakers?.references ?? user.references,
    }, { signal }), { user, concurrency: 3 });
    const sent = h.emu.requests.filter((r) => r.operation === 'transcriptions');
    assert.deepEqual(sent.map((r) => r.fields['known_speaker_names[]']).sort(), [['Dana'], ['Dana', 'Speaker A'], ['Dana', 'Speaker A']]);
    const wrong = labelsByVoice(result).filter((s) => s.speaker !== (s.voice === 1 ? 'Dana' : 'A'));
    assert.deepEqual(wrong, [], 'Dana is Dana throughout and the second voice, A in part 1, stays A');
  });
});
