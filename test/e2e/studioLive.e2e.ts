// The Studio's live transcript in the real workbench against the emulator: with a model and api-version that stream
// (gpt-4o-transcribe on the default api-version) the Audio tab shows the text growing before the final transcript
// replaces it; a cancel mid-stream writes nothing and leaves no text behind; a page hidden meanwhile still gets the
// final transcript. Where the model (whisper-1) does not stream, or azureOpenAIMedia.transcription.stream is off, nothing
// changes: no live region. (An api-version that refuses `stream` gets the client's plain retry, test/unit/speakers.test.ts:
// no delta, so no live region either; the emulator serves gpt-4o models only on versions that stream.) The emulator
// paces its events (slow-stream) so that the growth can be seen; what it sends is the same.
import * as assert from 'assert';
import type { Frame } from 'playwright-core';
import { dropFiles, emulator, openWorkbench, waitFor, type Workbench } from './harness';

/** One look at the Audio tab, taken by a MutationObserver in the page at every change. */
interface Look {
  visible: boolean;
  text: string;
  final: boolean;
}

/** Runs in the page: records a Look at every change under the Audio tab into window.__looks. */
const WATCH = `(() => {
  const look = () => {
    const live = document.getElementById('audio-live');
    const text = document.getElementById('audio-live-text');
    return { visible: !!live && !live.hidden, text: text ? text.textContent : '', final: !!document.getElementById('audio-transcript') };
  };
  window.__looks = [look()];
  if (window.__watch) window.__watch.disconnect();
  window.__watch = new MutationObserver(() => window.__looks.push(look()));
  window.__watch.observe(document.getElementById('panel-audio'),
    { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['hidden'] });
})()`;

async function liveHidden(page: Frame): Promise<boolean> {
  return page.evaluate<boolean>(`document.getElementById('audio-live').hidden`);
}

async function looks(page: Frame): Promise<Look[]> {
  return page.evaluate<Look[]>('window.__looks');
}

/** The Studio's page once it is ready (a restored panel may load its page twice). */
/** Opens the Studio on the Audio tab with hello.wav chosen (as a drop from the Explorer hands it over) to transcribe. */
async function audioTab(wb: Workbench): Promise<Frame> {
  const page = await wb.openStudio();
  await page.click('#tab-audio');
  await page.waitForSelector('#panel-audio:not([hidden])');
  await dropFiles(page, '#panel-audio .drop-zone', [`file://${wb.file('hello.wav')}`]);
  await page.waitForSelector('#audio-file-name:has-text("hello.wav")');
  await page.check('#audio-op-transcription');
  return page;
}

async function setKey(wb: Workbench): Promise<void> {
  await wb.saveApiKey(emulator.key);
}

const transcriptFiles = (wb: Workbench): string[] => wb.listFiles().filter((f) => /^hello.*\.txt$/.test(f));

describe('e2e: the Studio shows a live transcript where the model streams', function () {
  this.timeout(300000);
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({
      name: 'studio-live',
      settings: {
        'azureOpenAIMedia.deployments.transcription': 'gpt-4o-transcribe',
        'azureOpenAIMedia.models.transcription': 'gpt-4o-transcribe',
      },
    });
    await setKey(wb);
  });
  after(async () => {
    await wb?.close();
  });
  beforeEach(() => emulator.reset());

  it('shows the transcript growing as it arrives, then the final transcript in its place', async () => {
    const page = await audioTab(wb);
    await page.waitForSelector('#panel-audio .model-line code:has-text("gpt-4o-transcribe")');
    await emulator.paceStreams(250, { operation: 'transcriptions' });
    await page.evaluate(WATCH);
    await page.click('#audio-run');
    // Mid-stream: some words are there, more to come.
    await page.waitForSelector('#audio-live:not([hidden])', { timeout: 60000 });
    const region = await page.evaluate<{ live: string; role: string; color: string; theme: string }>(`(() => {
      const el = document.getElementById('audio-live-text');
      // The theme's foreground, resolved the same way.
      const probe = document.createElement('span');
      probe.style.color = 'var(--vscode-foreground)';
      document.body.append(probe);
      const theme = getComputedStyle(probe).color;
      probe.remove();
      return { live: el.getAttribute('aria-live'), role: el.getAttribute('role'), color: getComputedStyle(el).color, theme };
    })()`);
    assert.strictEqual(region.live, 'polite');
    assert.strictEqual(region.role, 'log');
    assert.strictEqual(region.color, region.theme, 'the live text is drawn in the theme\'s foreground');
    await waitFor('a few words live', async () => ((await page.textContent('#audio-live-text')) ?? '').split(' ').length >= 3, 30000, 50);
    await wb.screenshot('studio-live-growing');
    const final = await page.waitForSelector('#audio-transcript', { timeout: 60000 });
    const text = await final.inputValue();

    const seen = await looks(page);
    const firstFinal = seen.findIndex((l) => l.final);
    assert.ok(firstFinal > 0, 'the final transcript came');
    const before = seen.slice(0, firstFinal).filter((l) => l.visible && l.text.length > 0).map((l) => l.text);
    const lengths = [...new Set(before.map((t) => t.length))];
    assert.ok(lengths.length >= 2, `the live text grew before the end: lengths ${lengths.join(', ')}`);
    for (let i = 1; i < before.length; i++) {
      assert.ok(before[i].startsWith(before[i - 1]), `live text only grows: "${before[i - 1]}" then "${before[i]}"`);
    }
    assert.ok(before.every((t) => t.length < text.length || t === text), 'each live look is on the way to the final text');
    assert.strictEqual(before[before.length - 1].trim(), text.trim(), 'the deltas add up to the final transcript');
    // The final transcript replaced it: no live region once it came.
    assert.ok(seen.slice(firstFinal).every((l) => !l.visible && l.text === ''), 'no live text beside the final transcript');

    const [req] = await emulator.waitForRequests((r) => r.operation === 'transcriptions');
    assert.deepStrictEqual(req.fields.stream, ['true']);
    assert.strictEqual(req.fault, 'slow-stream');
    await wb.waitForFile('hello.txt');
  });

  it('cancels mid-stream: nothing is written and no live text is left', async () => {
    const page = await audioTab(wb);
    const filesBefore = transcriptFiles(wb);
    await emulator.paceStreams(400, { operation: 'transcriptions' });
    await page.evaluate(WATCH);
    await page.click('#audio-run');
    await waitFor('live words', async () => ((await page.textContent('#audio-live-text')) ?? '').length > 0, 60000, 50);
    await page.click('#audio-run-cancel');
    await page.waitForSelector('#audio-result .notice:has-text("Cancelled")', { timeout: 30000 });
    const cancelledAt = (await looks(page)).length;
    // The events the emulator handed to the socket: at 400 ms apart, an uncut stream would send ~7 more in 3 s.
    const sent = async (): Promise<number> => (await emulator.waitForRequests((r) => r.operation === 'transcriptions'))[0]
      .eventTimes?.length ?? 0;
    const atCancel = await sent();
    // Nothing arrives late, nothing is written.
    await new Promise((r) => setTimeout(r, 3000));
    const later = await sent();
    assert.ok(later <= atCancel + 1, `the stream stopped at the cancel: ${atCancel} events, 3 s later ${later}`);
    const after = (await looks(page)).slice(cancelledAt - 1);
    assert.ok(after.every((l) => !l.visible && l.text === '' && !l.final), 'no live text after the cancel');
    assert.ok(await liveHidden(page));
    assert.deepStrictEqual(transcriptFiles(wb), filesBefore, 'no transcript written');
    assert.deepStrictEqual(wb.listFiles().filter((f) => /\.partial$/.test(f)), [], 'no temporary file left');
  });

  it('a page hidden mid-stream catches up when shown again and gets the final transcript', async () => {
    let page = await audioTab(wb);
    const filesBefore = transcriptFiles(wb);
    await emulator.paceStreams(700, { operation: 'transcriptions' });
    await page.click('#audio-run');
    await waitFor('live words', async () => ((await page.textContent('#audio-live-text')) ?? '').length > 0, 60000, 50);
    const shown = (await page.textContent('#audio-live-text')) ?? '';
    // Another editor over the Studio in its group: the hidden page is torn down (no retainContextWhenHidden).
    await wb.openFile('notes.md');
    await waitFor('the Studio hidden', async () => (await wb.activeTab()).startsWith('notes.md'), 10000);
    await new Promise((r) => setTimeout(r, 1200));
    page = await wb.openStudio();
    const [req] = await emulator.waitForRequests((r) => r.operation === 'transcriptions');
    assert.strictEqual(req.status, 0, 'still streaming when the page came back (pace the emulator slower if not)');
    // The new page is given the whole text so far, then the rest.
    await waitFor('the live text again', async () => ((await page.textContent('#audio-live-text').catch(() => '')) ?? '').length
      > shown.length, 30000, 50);
    const again = (await page.textContent('#audio-live-text')) ?? '';
    assert.ok(again.startsWith(shown), `the new page starts from the beginning: "${shown}" then "${again}"`);
    const final = await page.waitForSelector('#audio-transcript', { timeout: 60000 });
    assert.ok((await final.inputValue()).length > 10);
    assert.ok(await liveHidden(page), 'no live text beside the final transcript');
    assert.strictEqual(transcriptFiles(wb).length, filesBefore.length + 1, 'one transcript written');
  });
});

/** What must not change where nothing streams: the tab shows no live region, and the final transcript as before. */
function noLiveRegion(name: string, settings: Record<string, unknown>): void {
  describe(`e2e: no live transcript where ${name}`, function () {
    this.timeout(300000);
    let wb: Workbench;
    before(async () => {
      wb = await openWorkbench({ name: `studio-live-${name.replace(/\W+/g, '-')}`, settings });
      await setKey(wb);
    });
    after(async () => {
      await wb?.close();
    });
    beforeEach(() => emulator.reset());

    it(`shows the final transcript and never a live region (${name})`, async () => {
      const page = await audioTab(wb);
      await emulator.paceStreams(250, { operation: 'transcriptions' });
      await page.evaluate(WATCH);
      await page.click('#audio-run');
      const final = await page.waitForSelector('#audio-transcript', { timeout: 60000 });
      assert.ok((await final.inputValue()).length > 10);
      const seen = await looks(page);
      assert.ok(seen.every((l) => !l.visible && l.text === ''), 'no live region at any moment');
      const reqs = await emulator.waitForRequests((r) => r.operation === 'transcriptions' && r.status === 200);
      assert.strictEqual(reqs.length, 1);
      assert.strictEqual(reqs[0].fields.stream, undefined, 'no stream asked for');
      assert.notStrictEqual(reqs[0].fault, 'slow-stream', 'no answer streamed');
      await wb.screenshot(`studio-live-none-${name.replace(/\W+/g, '-')}`);
    });
  });
}

noLiveRegion('the model (whisper-1) does not stream', {});
noLiveRegion('transcription.stream is off', {
  'azureOpenAIMedia.deployments.transcription': 'gpt-4o-transcribe',
  'azureOpenAIMedia.models.transcription': 'gpt-4o-transcribe',
  'azureOpenAIMedia.transcription.stream': false,
});
