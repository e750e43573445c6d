// Speakers in the Studio, in the real workbench against the emulator, with a gpt-4o-transcribe-diarize deployment:
// each speaker's own colour in the segment table (readable in dark and light themes), renaming A to Dana and saving
// Markdown with **Dana:**, and known speakers (one cut from the recording, one a workspace clip) reaching the
// service as paired names and data URLs. Each test opens the Studio and makes its own recordings.
import * as assert from 'assert';
import * as fs from 'fs';
import type { Frame } from 'playwright-core';
import { makeWav } from '../unit/coreFixtures';
import { dropFiles, emulator, openWorkbench, waitFor, type Workbench } from './harness';

const DIARIZE = {
  'azureOpenAIMedia.deployments.transcription': 'gpt-4o-transcribe-diarize',
  'azureOpenAIMedia.models.transcription': 'gpt-4o-transcribe-diarize',
};

/** Runs in the page: each speaker tag of the segment table with its swatch colour and the contrast of its name. */
const SPEAKER_PROBE = `(() => {
  const parse = (c) => { const m = (c.match(/[\\d.]+/g) || []).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return Math.round(((x + 0.05) / (y + 0.05)) * 100) / 100;
  };
  const backgroundOf = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = parse(getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-background').trim().replace(
      /^#(..)(..)(..).*$/, (_, r, g, b) => 'rgb(' + [r, g, b].map((h) => parseInt(h, 16)).join(',') + ')'));
    for (const layer of layers.reverse()) bg = over(layer, bg);
    return bg;
  };
  return [...document.querySelectorAll('#audio-segments .speaker')].map((tag) => {
    const name = tag.querySelector('.speaker-name');
    const bg = backgroundOf(tag);
    const swatch = parse(getComputedStyle(tag.querySelector('.swatch')).backgroundColor);
    return { label: tag.dataset.speaker, name: name.textContent, swatch: getComputedStyle(tag.querySelector('.swatch')).backgroundColor,
      swatchAlpha: swatch[3], text: ratio(over(parse(getComputedStyle(name).color), bg), bg), mark: ratio(over(swatch, bg), bg) };
  });
})()`;

interface SpeakerTag {
  label: string;
  name: string;
  swatch: string;
  swatchAlpha: number;
  text: number;
  mark: number;
}

describe('e2e: speakers in the Studio', function () {
  this.timeout(300000);
  let wb: Workbench;
  let page: Frame;

  const openStudio = async (): Promise<Frame> => {
    page = await wb.openStudio();
    await page.click('#tab-audio');
    await page.waitForSelector('#panel-audio:not([hidden])');
    return page;
  };

  /** A tone recording written into the workspace (the emulator answers two speakers taking turns). */
  const recording = (name: string, seconds: number): string => {
    fs.writeFileSync(wb.file(name), makeWav(seconds));
    return wb.file(name);
  };

  /** Hands the Audio tab a file as a drop from the Explorer does, and waits for it. */
  const chooseRecording = async (file: string): Promise<void> => {
    await dropFiles(page, '#panel-audio .drop-zone', [`file://${file}`]);
    const name = file.split('/').pop() ?? '';
    await page.waitForSelector(`#audio-file-name:has-text("${name}")`);
    await page.check('#audio-op-transcription');
    await page.selectOption('#audio-format', 'diarized_json');
  };

  /** Runs and waits for this run's segment table. */
  const transcribe = async (): Promise<void> => {
    const before = (await emulator.requests()).filter((r) => r.operation === 'transcriptions').length;
    await page.click('#audio-run');
    await emulator.waitForRequests((r) => r.operation === 'transcriptions', before + 1);
    await page.waitForSelector('#audio-segments tbody tr .speaker', { timeout: 60000 });
  };

  const tags = async (): Promise<SpeakerTag[]> => page.evaluate<SpeakerTag[]>(SPEAKER_PROBE);

  before(async () => {
    wb = await openWorkbench({ name: 'studio-speakers', settings: DIARIZE });
    await waitFor('the dark theme', () => wb.setColorTheme('dark').then(() => true, () => false), 90000, 1000);
    await wb.saveApiKey(emulator.key);
    await emulator.reset();
  });
  after(async () => {
    await wb?.close();
    // The emulator is shared by the run's files: the next one finds no transcriptions of ours
    await emulator.reset();
  });

  it('shows each speaker in a colour of its own, beside its name, readable in dark and light themes', async () => {
    await openStudio();
    await chooseRecording(recording('standup.wav', 12));
    await transcribe();
    for (const theme of ['dark', 'light']) {
      if (theme === 'light') {
        await waitFor('the light theme', () => wb.setColorTheme('light').then(() => true, () => false), 90000, 1000);
        await openStudio();
        await page.waitForSelector('#audio-segments tbody tr .speaker');
      }
      const found = await tags();
      const labels = [...new Set(found.map((t) => t.label))];
      assert.deepStrictEqual(labels, ['A', 'B'], `two speakers in the table: ${JSON.stringify(found)}`);
      const colourOf = new Map<string, Set<string>>();
      for (const t of found) colourOf.set(t.label, (colourOf.get(t.label) ?? new Set()).add(t.swatch));
      assert.ok([...colourOf.values()].every((c) => c.size === 1), `one colour per speaker: ${JSON.stringify([...colourOf])}`);
      const [a, b] = ['A', 'B'].map((l) => [...(colourOf.get(l) ?? [])][0]);
      assert.notStrictEqual(a, b, `A and B have different colours in ${theme}`);
      for (const t of found) {
        assert.strictEqual(t.name, t.label, 'the name stays as text beside the colour');
        assert.strictEqual(t.swatchAlpha, 1, `the swatch is drawn (${t.swatch})`);
        assert.ok(t.text >= 4.5, `${t.label}'s name reads at ${t.text}:1 in ${theme}`);
        // WCAG 1.4.11: a mark that carries meaning stands 3:1 from what is around it
        assert.ok(t.mark >= 3, `${t.label}'s colour stands ${t.mark}:1 from the background in ${theme}`);
      }
      await page.$eval('#audio-speakers', (el) => (el as unknown as { scrollIntoView(): void }).scrollIntoView());
      await wb.screenshot(`studio-speakers-${theme}`);
    }
    await waitFor('the dark theme', () => wb.setColorTheme('dark').then(() => true, () => false), 90000, 1000);
  });

  it('renames speaker A to Dana: a bad name is refused with a reason, then the table and the saved Markdown use Dana', async () => {
    await openStudio();
    await chooseRecording(recording('review.wav', 12));
    await transcribe();
    const input = '#audio-speaker-name-0';
    assert.strictEqual(await page.getAttribute(input, 'aria-label'), 'Name for speaker A');
    // an empty name: the host says why and nothing changes
    await page.fill(input, '   ');
    await page.press(input, 'Enter');
    await waitFor('the reason', async () => /empty; type a name/.test(await page.innerText('#audio-result .speaker-status')));
    assert.strictEqual(await page.getAttribute(input, 'aria-invalid'), 'true');
    assert.deepStrictEqual([...new Set((await tags()).map((t) => t.name))], ['A', 'B']);
    // B's name for A: refused too (the two would merge)
    await page.fill(input, 'B');
    await page.click('#audio-speaker-rename-0');
    await waitFor('the reason', async () => /already the name of speaker B/.test(await page.innerText('#audio-result .speaker-status')));
    // Dana, with the keyboard only
    await page.fill(input, 'Dana');
    await page.focus(input);
    await wb.page.keyboard.press('Enter');
    await waitFor('Dana in the table', async () => (await tags()).some((t) => t.name === 'Dana'));
    const names = (await tags()).map((t) => `${t.label}=${t.name}`);
    assert.ok(names.every((n) => n === 'A=Dana' || n === 'B=B'), names.join(', '));
    assert.match(await page.innerText('#audio-result .speaker-status'), /Speaker A is now shown as Dana/);
    // Saved as Markdown from here: Dana's turns in bold, no new request
    const requests = (await emulator.requests()).length;
    await page.selectOption('#audio-result .actions select', 'md');
    await page.click('#audio-result button:has-text("Save As")');
    const dialog = wb.quickInput.locator('input.input');
    await waitFor('the save dialog to offer review-2.md', async () => /review-2\.md$/.test(await dialog.inputValue().catch(() => '')));
    await dialog.press('Enter');
    const markdown = fs.readFileSync(await wb.waitForFile('review-2.md'), 'utf8');
    const paragraphs = markdown.trim().split(/\n\n/);
    assert.match(paragraphs[0], /^\*\*Dana:\*\* \S/);
    assert.match(paragraphs[1], /^\*\*B:\*\* \S/);
    assert.ok(!/\*\*A:\*\*/.test(markdown), 'no paragraph under the old label');
    assert.strictEqual((await emulator.requests()).length, requests, 'saved locally, no new request');
  });

  it('sends known speakers, one cut from the recording and one a workspace clip, as paired names and data URLs', async () => {
    await openStudio();
    const meeting = recording('meeting.wav', 12);
    const lee = recording('lee.wav', 3);
    await chooseRecording(meeting);
    // Known speakers are the diarize model's and a transcription's: not offered for a translation
    await page.check('#audio-op-translation');
    assert.strictEqual(await page.$('#audio-known-speakers'), null, 'no known speakers for a translation');
    await page.check('#audio-op-transcription');
    await page.waitForSelector('#audio-known-speakers');
    while (await page.$('#audio-known-remove-0')) await page.click('#audio-known-remove-0');

    await page.click('#audio-known-add');
    await page.fill('#audio-known-name-0', 'Dana');
    await page.fill('#audio-known-start-0', '1');
    await page.fill('#audio-known-end-0', '4.5');
    await page.click('#audio-known-add');
    await page.fill('#audio-known-name-1', 'Lee');
    await page.selectOption('#audio-known-source-1', 'file');
    await page.click('#audio-known-choose-1');
    await wb.answerOpenDialog(lee, async () => (await page.innerText('#audio-known-file-name-1')).trim() === 'lee.wav');

    // A clip too long is stopped in the page, before anything is sent
    await page.fill('#audio-known-end-0', '14');
    const before = (await emulator.requests()).length;
    await page.click('#audio-run');
    await waitFor('the reason', async () => /must be 2–10 s/.test(await page.innerText('#audio-result')));
    assert.strictEqual((await emulator.requests()).length, before, 'nothing sent');
    await page.fill('#audio-known-end-0', '4.5');
    await page.$eval('#audio-known-speakers', (el) => (el as unknown as { scrollIntoView(): void }).scrollIntoView());
    await wb.screenshot('studio-known-speakers');

    await transcribe();
    const requests = await emulator.requests();
    const request = requests.filter((r) => r.operation === 'transcriptions').at(-1);
    assert.ok(request);
    assert.strictEqual(request.status, 200);
    assert.deepStrictEqual(request.fields['known_speaker_names[]'], ['Dana', 'Lee']);
    const [dana, leeRef] = request.fields['known_speaker_references[]'];
    assert.strictEqual(leeRef, `data:audio/wav;base64,${fs.readFileSync(lee).toString('base64')}`, 'the clip file as it is');
    assert.match(dana, /^data:audio\/wav;base64,/);
    const clip = Buffer.from(dana.slice(dana.indexOf(',') + 1), 'base64');
    const full = fs.readFileSync(meeting);
    // 16 kHz 16-bit mono: 3.5 s of samples from 1 s on, under a 44-byte header of its own
    assert.strictEqual(clip.readUInt32LE(40), 3.5 * 16000 * 2, 'the data chunk holds 3.5 s');
    assert.ok(clip.subarray(44, 44 + 256).equals(full.subarray(44 + 16000 * 2, 44 + 16000 * 2 + 256)), 'the recording\'s own samples');
    // the emulator names the speakers it was given
    await waitFor('the names in the table', async () => {
      const shown = new Set((await tags()).map((t) => t.name));
      return shown.has('Dana') && shown.has('Lee');
    });
  });
});
