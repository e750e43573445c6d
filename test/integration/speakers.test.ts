// Transcripts by speaker and live transcripts through the Transcribe Audio File command, against the emulator.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { wavSeconds } from '../../src/core/speakers';
import { knownSpeakerFields } from '../../src/studio/handlers/speakers';
import { makeWav } from '../unit/coreFixtures';
import { turnOf, writeTwoVoiceWav } from '../unit/longFixtures';
import { api, closeAllEditors, commandSuite, emulator, exists, file, readText, withSettings } from './helpers';

const DIARIZE = {
  'deployments.transcription': 'gpt-4o-transcribe-diarize',
  'models.transcription': 'gpt-4o-transcribe-diarize',
  'transcription.askForOptions': false,
};

describe('commands: transcripts by speaker and live transcripts', () => {
  const created = commandSuite(closeAllEditors);
  const writeWav = async (name: string, seconds: number): Promise<vscode.Uri> => {
    const uri = file(name);
    await vscode.workspace.fs.writeFile(uri, makeWav(seconds));
    created.push(uri);
    return uri;
  };

  it('writes NAME.md by speaker and srt/vtt with the speaker in each cue, sending known speakers as data URLs', async () => {
    const meeting = await writeWav('meeting.wav', 12);
    await writeWav('dana.wav', 3);
    await writeWav('lee.wav', 4);
    const outputs = await withSettings(
      { ...DIARIZE, 'transcription.subtitles': ['srt', 'vtt'], 'transcription.knownSpeakers': { Dana: 'dana.wav', Lee: 'lee.wav' } },
      async () => vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.transcribeAudio', meeting, undefined, { open: false }),
    );
    assert.ok(outputs);
    created.push(...outputs, file('meeting.srt'), file('meeting.vtt'));
    assert.deepStrictEqual(outputs.map((u) => u.path), [file('meeting.md').path]);
    const paragraphs = (await readText(outputs[0])).trim().split(/\r?\n\r?\n/);
    assert.ok(paragraphs.length >= 2, `one paragraph per turn: ${paragraphs.length}`);
    assert.match(paragraphs[0], /^\*\*Dana:\*\* \S/);
    assert.match(paragraphs[1], /^\*\*Lee:\*\* \S/);
    assert.match(await readText(file('meeting.srt')), /^1\r?\n00:00:00,000 --> \d\d:\d\d:\d\d,\d{3}\r?\nDana: \S/);
    assert.match(await readText(file('meeting.vtt')), /^WEBVTT\r?\n\r?\n00:00:00\.000 --> [\d:.]+\r?\n<v Dana>\S/);

    const [request] = await emulator.operations();
    assert.strictEqual(request.status, 200);
    assert.deepStrictEqual(request.fields.response_format, ['diarized_json']);
    assert.deepStrictEqual(request.fields.chunking_strategy, ['auto']);
    assert.deepStrictEqual(request.fields['known_speaker_names[]'], ['Dana', 'Lee']);
    const refs = request.fields['known_speaker_references[]'];
    assert.strictEqual(refs.length, 2);
    assert.strictEqual(refs[0],
      `data:audio/wav;base64,${Buffer.from(await vscode.workspace.fs.readFile(file('dana.wav'))).toString('base64')}`);

    const record = (await api()).history.list()[0] as { output: string; cost?: { usd: number }; params: Record<string, unknown> };
    assert.strictEqual(record.output, 'meeting.md');
    assert.ok(record.cost && record.cost.usd > 0, 'the actual cost from usage is on the history entry');
    assert.strictEqual(record.params.known_speaker_references, undefined, 'no audio data URLs in the history');
  });

  it('refuses a known speaker clip outside 2–10 s before sending anything', async () => {
    const meeting = await writeWav('meeting.wav', 5);
    await writeWav('long.wav', 11);
    const outcome = await withSettings({ ...DIARIZE, 'transcription.knownSpeakers': { Dana: 'long.wav' } }, async () => {
      try {
        await (await api()).media.transcribe(meeting, {});
        return 'sent';
      } catch (err) {
        return (err as Error).message;
      }
    });
    assert.match(outcome, /11\.0 s long; it must be 2–10 s.*knownSpeakers/);
    assert.deepStrictEqual(await emulator.operations(), []);
  });

  it('keeps the same speakers across the parts of a 60 MB recording: parts 2 and 3 carry part 1\'s speakers', async function () {
    this.timeout(300000);
    const long = file('long-talk.wav');
    created.push(long, file('long-talk.srt'));
    await writeTwoVoiceWav(long.fsPath, 60 * 1024 * 1024);
    // Not streamed: the emulator spaces streamed words 40 ms apart, minutes for parts of 13 minutes each.
    const outputs = await withSettings({ ...DIARIZE, 'transcription.subtitles': ['srt'], 'transcription.stream': false }, async () =>
      vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.transcribeAudio', long, undefined, { open: false }));
    assert.ok(outputs);
    created.push(...outputs);

    const sent = await emulator.operations();
    assert.equal(sent.length, 3);
    const part = (k: number) => sent.find((r) => r.files[0].filename === `long-talk.part${k}.wav`)!;
    assert.equal(part(1).fields['known_speaker_names[]'], undefined);
    assert.ok(part(1).id < part(2).id && part(1).id < part(3).id, 'part 1 went first');
    for (const k of [2, 3]) {
      const r = part(k);
      assert.equal(r.status, 200);
      assert.deepEqual(r.fields['known_speaker_names[]'], ['Speaker A', 'Speaker B']);
      const refs = r.fields['known_speaker_references[]'];
      assert.equal(refs.length, 2);
      for (const ref of refs) {
        const m = /^data:audio\/wav;base64,([A-Za-z0-9+/]+=*)$/.exec(ref);
        assert.ok(m, ref.slice(0, 40));
        const seconds = wavSeconds(Buffer.from(m[1], 'base64'));
        assert.ok(seconds !== undefined && seconds >= 2 && seconds <= 10, `a ${seconds} s clip`);
      }
    }

    const markdown = await readText(outputs[0]);
    const speakers = new Set([...markdown.matchAll(/^\*\*(.+?):\*\* /gm)].map((m) => m[1]));
    assert.deepEqual([...speakers].sort(), ['A', 'B']);
    // Every cue that lies within one speaker's turn has that speaker's label, in all three parts.
    const cues = (await readText(file('long-talk.srt'))).trim().split(/\r?\n\r?\n/).map((block) => {
      const [, timing, text] = block.split(/\r?\n/);
      const [start, end] = timing.split(' --> ').map((t) => {
        const [h, m, rest] = t.split(':');
        return Number(h) * 3600 + Number(m) * 60 + Number(rest.replace(',', '.'));
      });
      return { start, end, speaker: text.split(':')[0] };
    });
    const within = cues.filter((c) => turnOf(c.start, c.end) !== 0);
    assert.ok(within.some((c) => c.start > 1600), 'cues from the third part are checked');
    const wrong = within.filter((c) => c.speaker !== (turnOf(c.start, c.end) === 1 ? 'A' : 'B'));
    assert.deepEqual(wrong, []);
  });

  it('shows the latest words while the transcript streams and writes the file whole at the end', async () => {
    const talk = await writeWav('talk.wav', 8);
    const seen: Array<{ message: string; at: number; fileExists: boolean }> = [];
    const pending: Array<Promise<void>> = [];
    const outputs = await withSettings(
      { 'deployments.transcription': 'gpt-4o-transcribe', 'models.transcription': 'gpt-4o-transcribe',
        'transcription.askForOptions': false },
      async () =>
        vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.transcribeAudio', talk, undefined, {
          responseFormat: 'text',
          open: false,
          onProgress: (message: string) => {
            const at = Date.now();
            pending.push(exists(file('talk.txt')).then((fileExists) => void seen.push({ message, at, fileExists })));
          },
        }),
    );
    const finished = Date.now();
    await Promise.all(pending);
    assert.ok(outputs);
    created.push(...outputs);
    const words = seen.filter((s) => s.message !== 'talk.wav');
    assert.ok(words.length >= 5, `progress showed ${words.length} updates`);
    assert.ok(finished - words[0].at >= 150, 'the first words were shown well before the end');
    assert.ok(!words[0].fileExists, 'nothing was written while streaming');
    const text = (await readText(outputs[0])).trim();
    assert.ok(text.endsWith(words.at(-1)!.message.replace(/^… /, '')), `${words.at(-1)!.message} ends ${text}`);
    const [request] = await emulator.operations();
    assert.deepStrictEqual(request.fields.stream, ['true']);
  });
});

describe('Studio host: known speakers\' clips', () => {
  const created = commandSuite();
  const write = async (name: string, bytes: Uint8Array): Promise<vscode.Uri> => {
    const uri = file(name);
    await vscode.workspace.fs.writeFile(uri, bytes);
    created.push(uri);
    return uri;
  };
  const refusal = async (run: () => Promise<unknown>): Promise<string> => {
    try {
      await run();
      return 'accepted';
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('cuts a span of the recording and reads a clip file into paired names and data URLs', async () => {
    const meeting = await write('studio-meeting.wav', makeWav(12));
    await write('studio-lee.wav', makeWav(3));
    const fields = await knownSpeakerFields([{ name: ' Dana ', start: 1, end: 4 }, { name: 'Lee', file: 'studio-lee.wav' }], meeting,
      'gpt-4o-transcribe-diarize');
    assert.deepStrictEqual(fields.known_speaker_names, ['Dana', 'Lee']);
    const [dana, lee] = fields.known_speaker_references ?? [];
    assert.strictEqual(wavSeconds(Buffer.from(dana.split(',')[1], 'base64')), 3);
    assert.strictEqual(lee, `data:audio/wav;base64,${Buffer.from(makeWav(3)).toString('base64')}`);
  });

  it('says why, before anything is sent: another format to cut, a clip too long, a model without speakers', async () => {
    const meeting = await write('studio-meeting.wav', makeWav(12));
    const m4a = await write('studio-talk.m4a', Buffer.from('\0\0\0\x18ftypM4A \0\0\0\0'));
    assert.match(await refusal(() => knownSpeakerFields([{ name: 'Dana', start: 0, end: 3 }], m4a, 'gpt-4o-transcribe-diarize')),
      /only from wav, mp3 recordings, and studio-talk\.m4a is neither/);
    assert.match(await refusal(() => knownSpeakerFields([{ name: 'Dana', start: 0, end: 11 }], meeting, 'gpt-4o-transcribe-diarize')),
      /"Dana" is 11\.0 s long; it must be 2–10 s/);
    assert.match(await refusal(() => knownSpeakerFields([{ name: 'Dana' }], meeting, 'gpt-4o-transcribe-diarize')),
      /not a span of time/);
    assert.match(await refusal(() => knownSpeakerFields([{ name: 'Dana', start: 0, end: 3 }], meeting, 'gpt-4o-transcribe')),
      /does not tell speakers apart/);
    assert.deepStrictEqual(await emulator.operations(), []);
  });
});
