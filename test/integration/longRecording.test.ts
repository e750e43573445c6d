// A long recording inside the real extension host against the emulator, in both orders of
// azureOpenAIMedia.transcription.partOrder: the emulator's answers depend only on the audio, so two rounds must give
// the very transcript the strict chain gives, while the prompts each part got (recorded by the emulator) show the
// difference: in two rounds every later part is told part 1's end (and its names and terms), in the chain the end of
// the part just before; and parts 2 and 3 are in flight together only in two rounds.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, commandSuite, emulator, file, readText, withSettings, writeToneWav, type RecordedRequest } from './helpers';

describe('a long recording in two rounds and in a chain', function () {
  this.timeout(240000);
  const created = commandSuite();
  const lecture = () => file('lecture.wav');
  const USER_PROMPT = 'Contoso, Fabrikam.';

  before(async () => {
    // 1620 s of 16 kHz mono WAV (52 MB, three parts under 25 MB): 4 s of tone, then 1 s of silence, over and over.
    await writeToneWav(lecture(), 1620);
  });
  after(() => vscode.workspace.fs.delete(lecture()));

  async function run(order: 'twoRounds' | 'chain'): Promise<{ srt: string; prompts: string[]; most: number; progress: string[] }> {
    await emulator.reset();
    // The service's time grows with the audio: 0.2 s per minute holds each 13-minute part about 2.6 s.
    await emulator.pace(0.2);
    const { media } = await api();
    const progress: string[] = [];
    const outcome = await withSettings({ 'transcription.partOrder': order, 'transcription.prompt': USER_PROMPT }, () =>
      media.transcribe(lecture(), { response_format: 'srt' }, { onProgress: (m) => progress.push(m) }));
    created.push(outcome.output);
    const most = (await emulator.stats()).maxInFlight;
    const sent = (await emulator.operations()).sort((a: RecordedRequest, b: RecordedRequest) =>
      a.files[0].filename.localeCompare(b.files[0].filename));
    await emulator.reset();
    assert.deepStrictEqual(sent.map((r) => r.files[0].filename), ['lecture.part1.wav', 'lecture.part2.wav', 'lecture.part3.wav']);
    for (const r of sent) {
      assert.strictEqual(r.status, 200);
      assert.strictEqual(r.pacedMs, Math.round(((r.audioSeconds ?? 0) / 60) * 0.2 * 1000), 'each part held in proportion to its audio');
    }
    return { srt: await readText(outcome.output), prompts: sent.map((r) => r.fields.prompt?.[0] ?? ''), most, progress };
  }

  it('gives the same merged transcript as the strict chain, each part prompted with what was known before it', async () => {
    const chain = await run('chain');
    const rounds = await run('twoRounds');
    assert.strictEqual(rounds.srt, chain.srt, 'the same SRT, cue for cue');
    assert.match(chain.srt, /^1\n00:00:00,000 --> /);

    // The chain: part 1 gets the user's prompt; part k the user's prompt and the end of part k-1.
    assert.strictEqual(chain.prompts[0], USER_PROMPT);
    const tailOf = (prompt: string) => prompt.slice(USER_PROMPT.length + 1);
    const part1End = tailOf(chain.prompts[1]);
    const part2End = tailOf(chain.prompts[2]);
    assert.ok(chain.prompts.slice(1).every((p) => p.startsWith(`${USER_PROMPT} `)));
    assert.ok(part1End.length > 100 && part2End.length > 100 && part1End !== part2End, 'the ends of two different parts');

    // Two rounds: part 1 the same; parts 2 and 3 both the user's prompt, part 1's names and terms, part 1's end.
    assert.strictEqual(rounds.prompts[0], USER_PROMPT);
    for (const p of rounds.prompts.slice(1)) {
      assert.ok(p.startsWith(`${USER_PROMPT} `) && p.endsWith(` ${part1End}`), p);
      const terms = p.slice(USER_PROMPT.length + 1, p.length - part1End.length - 1);
      assert.match(terms, /^([^,\s][^,]*(, [^,]+)*\.)?$/, `a line of names and terms: "${terms}"`);
    }
    assert.ok(rounds.prompts[2] !== chain.prompts[2], 'part 3 is told part 1\'s end in two rounds, part 2\'s in the chain');

    // Parts 2 and 3 together only in two rounds.
    assert.strictEqual(chain.most, 1);
    assert.strictEqual(rounds.most, 2);

    // Progress: part 1 starting, each part done with the time left, then the merge.
    for (const p of [chain.progress, rounds.progress]) {
      assert.strictEqual(p[0], 'lecture.wav: part 1 of 3');
      assert.match(p[1], /^lecture\.wav: 1 of 3 parts done, about \d+ (s|min) left$/);
      assert.match(p[2], /^lecture\.wav: 2 of 3 parts done, about \d+ (s|min) left$/);
      assert.strictEqual(p[3], 'lecture.wav: all 3 parts done, merging');
    }
  });
});
