// The editor commands driven through the real workbench as a user drives them: the palette, the password box, the
// explorer's context menu, quick picks and a selection in the editor. Each test checks the file that appeared in the
// workspace and what the emulator received; screenshots go to .artifacts/screenshots/commands-*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { emulator, harnessEnv, openWorkbench, waitFor, type Workbench } from './harness';

const CATEGORY = 'Azure OpenAI';

/** Waits until VS Code's image preview (a webview) has loaded the picture, so that screenshots show it. */
async function waitForImagePreview(wb: Workbench): Promise<void> {
  const frame = await wb.webviewFrame(0);
  await frame.waitForFunction('(() => { const img = document.querySelector("img"); return !!img && img.complete && img.naturalWidth > 0; ' +
    '})()', undefined, { timeout: 20000 });
}

/** Selects line `line` (1-based) whole, even when word wrap shows it on several rows (Expand Line Selection). */
async function selectWholeLine(wb: Workbench, line: number): Promise<void> {
  await wb.goToLine(line);
  await wb.page.keyboard.press('Control+L');
}

/** Waits for an editor tab whose label starts with `name`, then lets its preview render before a screenshot. */
async function waitForTab(wb: Workbench, name: string): Promise<void> {
  await waitFor(`a tab for ${name}`, async () => (await wb.page.locator(`.tabs-container .tab[aria-label^="${name}"]`).count()) > 0);
  await wb.page.waitForTimeout(1500);
}

describe('e2e: editor commands', function () {
  this.timeout(240000);
  let wb: Workbench;
  let keySaved = false;

  /** A test that calls the service starts with this, so it runs on its own (AOAI_TEST_GREP): the key is saved once. */
  const ensureKey = async (): Promise<void> => {
    if (keySaved) return;
    await wb.runCommand(`${CATEGORY}: Set API Key`);
    await wb.answerInput(emulator.key, { password: true, match: new URL(emulator.url).origin });
    await wb.waitForNotification(/API key for .* is saved/);
    await wb.clearNotifications();
    keySaved = true;
  };

  /** Writes workspace settings for the length of `body`, then puts the file back as it was. */
  const withWorkspaceSettings = async (values: Record<string, unknown>, body: () => Promise<void>): Promise<void> => {
    const file = wb.file('.vscode/settings.json');
    const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ ...(previous ? (JSON.parse(previous) as object) : {}), ...values }, null, 2));
    try {
      await body();
    } finally {
      if (previous === undefined) fs.rmSync(file);
      else fs.writeFileSync(file, previous);
    }
  };

  before(async () => {
    wb = await openWorkbench({ name: 'commands' });
  });
  after(async () => {
    await wb?.close();
  });
  beforeEach(async () => {
    await emulator.reset();
  });

  it('a command that needs a key and has none asks for it in a password box naming the origin', async () => {
    await wb.openFile('notes.md');
    await selectWholeLine(wb, 1);
    await wb.runCommand(`${CATEGORY}: Speak Selected Text`);
    const origin = new URL(emulator.url).origin;
    const box = await wb.waitForInput(origin);
    assert.strictEqual(box.password, true);
    await wb.screenshot('commands-0-key-prompt');
    await wb.answerInput(emulator.key, { password: true, match: origin });
    const output = await wb.waitForFile('media/notes.mp3');
    keySaved = true;
    assert.ok(fs.statSync(output).size > 100);
    const [request] = await emulator.waitForRequests((r) => r.operation === 'speech');
    assert.strictEqual(request.status, 200);
    assert.strictEqual((request.json as { input?: string }).input, '# Notes');
    await waitForTab(wb, 'notes.mp3');
  });

  it('sets the API key through the password box that names the endpoint origin', async () => {
    await wb.runCommand(`${CATEGORY}: Set API Key`);
    const origin = new URL(emulator.url).origin;
    const box = await wb.waitForInput(origin);
    assert.strictEqual(box.password, true, 'the key was typed into a plain input box');
    await wb.answerInput(emulator.key, { password: true, match: origin });
    await wb.waitForNotification(/API key for .* is saved/);
    keySaved = true;
    const settings = fs.readFileSync(path.join(process.env.AOAI_USER_DATA ?? '', 'User', 'settings.json'), 'utf8');
    assert.ok(!settings.includes(emulator.key), 'the key was written to the user settings');
    const status = await wb.page.locator('#azure-openai-media\\.azure-openai-media\\.azureOpenAIMedia\\.status, ' +
      '.statusbar-item[id$="azureOpenAIMedia.status"]').first().innerText();
    assert.match(status, /Azure OpenAI: 127\.0\.0\.1:\d+/);
    await wb.screenshot('commands-1-set-key');
  });

  it('transcribes from the explorer context menu, with format and language picked in quick picks', async () => {
    await ensureKey();
    await wb.explorerContextMenu('hello.wav', 'Transcribe Audio File');
    const formats = await wb.quickPickItems();
    assert.ok(formats.includes('SubRip subtitles (.srt)'), `formats: ${formats.join(' | ')}`);
    await wb.screenshot('commands-2a-format-pick');
    await wb.pickQuickItem('SubRip subtitles (.srt)');
    await waitFor('the language pick', async () => (await wb.quickPickItems()).includes('English'));
    await wb.pickQuickItem('English');
    const output = await wb.waitForFile('hello.srt');
    assert.match(fs.readFileSync(output, 'utf8'), /^1\r?\n\d\d:\d\d:\d\d,\d{3} --> /);
    const [request] = await emulator.waitForRequests((r) => r.operation === 'transcriptions');
    assert.strictEqual(request.status, 200);
    assert.strictEqual(request.auth, 'apiKey');
    assert.deepStrictEqual(request.fields.response_format, ['srt']);
    assert.deepStrictEqual(request.fields.language, ['en']);
    assert.strictEqual(request.files[0]?.filename, 'hello.wav');
    await waitFor('hello.srt open in an editor', async () => /hello\.srt/.test(await wb.activeTab()));
    await waitFor('the transcript shown', async () => (await wb.editorText()).includes('-->'));
    await wb.screenshot('commands-2-transcribe');
  });

  it('transcribes from the palette, picking the file from the workspace\'s audio files', async () => {
    await ensureKey();
    await wb.runCommand(`${CATEGORY}: Transcribe Audio File`);
    const files = await wb.quickPickItems();
    for (const f of ['bonjour.wav', 'hello.mp3', 'hello.wav']) assert.ok(files.includes(f), `the picker lists: ${files.join(' | ')}`);
    assert.ok(!files.includes('fox.ts') && !files.includes('landscape.png'), `the picker lists non-audio files: ${files.join(' | ')}`);
    await wb.pickQuickItem(['hello.mp3']);
    const ok = wb.quickInput.locator('.monaco-button', { hasText: /^OK$/ });
    if (await ok.isVisible()) await ok.click(); // a multi-select pick is confirmed with OK
    await wb.screenshot('commands-2b-palette-pick');
    await waitFor('the format pick', async () => (await wb.quickPickItems()).includes('Plain text (.txt)'));
    await wb.pickQuickItem('Plain text (.txt)');
    await waitFor('the language pick', async () => (await wb.quickPickItems()).includes('Detect the language'));
    await wb.pickQuickItem('Detect the language');
    const output = await wb.waitForFile('hello.txt');
    assert.ok(fs.readFileSync(output, 'utf8').trim().length > 0);
    const [request] = await emulator.waitForRequests((r) => r.operation === 'transcriptions');
    assert.strictEqual(request.files[0]?.filename, 'hello.mp3');
    assert.strictEqual(request.files[0]?.contentType, 'audio/mpeg');
    assert.strictEqual(request.fields.language, undefined, 'a language was sent although detection was chosen');
    assert.deepStrictEqual(request.fields.response_format, ['text']);
    // the command opens the transcript after writing it: let it finish before the next test takes the editor
    await waitFor('hello.txt open in an editor', async () => /hello\.txt/.test(await wb.activeTab()));
  });

  it('speaks the selected line into media/ and opens the audio', async () => {
    await ensureKey();
    await wb.openFile('notes.md');
    await selectWholeLine(wb, 3);
    await wb.runCommand(`${CATEGORY}: Speak Selected Text`);
    const output = await wb.waitForFile(/^select-this-line.*\.mp3$/, { dir: 'media' });
    assert.ok(fs.statSync(output).size > 100);
    const [request] = await emulator.waitForRequests((r) => r.operation === 'speech');
    assert.strictEqual(request.status, 200);
    assert.strictEqual((request.json as { input?: string }).input,
      'Select this line and run "Azure OpenAI: Speak Selected Text" to hear it.');
    await waitForTab(wb, path.basename(output));
    await wb.screenshot('commands-3-speak');
  });

  it('generates an image from a selected comment and links it under the comment', async () => {
    await ensureKey();
    await wb.openFile('fox.ts');
    await wb.selectLines(3);
    await wb.runCommand(`${CATEGORY}: Generate Image from Selected Comment`);
    const output = await wb.waitForFile(/^a-watercolor-fox.*\.png$/, { dir: 'media' });
    assert.deepStrictEqual([...fs.readFileSync(output).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const [request] = await emulator.waitForRequests((r) => r.operation === 'generations');
    assert.strictEqual((request.json as { prompt?: string }).prompt,
      'a watercolor fox reading a book under a maple tree, soft autumn light');
    await waitForTab(wb, path.basename(output));
    await waitForImagePreview(wb);
    await wb.page.locator('.tab', { hasText: 'fox.ts' }).first().click();
    // the reference goes on the line right under the comment, the rest of the file moved down by one
    const reference = `// image: ./media/${path.basename(output)}`;
    const lines = await waitFor('the reference line in fox.ts', async () => {
      const text = (await wb.editorText()).split('\n');
      return text.includes(reference) ? text : undefined;
    });
    assert.deepStrictEqual(lines.slice(2, 5),
      ['// a watercolor fox reading a book under a maple tree, soft autumn light', reference,
        'export function greet(name: string): string {']);
    // The picture shows the whole comment and the reference under it: the editor beside the preview is narrower than
    // these lines, so wrap them (no sideways scroll) and select the comment again.
    await wb.runCommand('View: Toggle Word Wrap');
    await wb.selectLines(3);
    const shot = await wb.screenshot('commands-4-image-from-comment');
    await wb.runCommand('View: Toggle Word Wrap');
    if (process.env.AOAI_UPDATE_DOCS === '1') {
      // The README's picture: refreshed on request only, so a test run never changes a tracked file.
      fs.copyFileSync(shot, path.join(harnessEnv().extensionPath, 'docs', 'image-from-comment.png'));
    }
  });

  it('edits an image from the explorer with the mask beside it, saving NAME.edited.png', async () => {
    await ensureKey();
    await wb.explorerContextMenu('landscape.png', 'Edit Image with Prompt');
    await wb.answerInput('add a red kite in the sky', { password: false });
    const masks = await wb.quickPickItems();
    assert.match(masks[0], /landscape\.mask\.png/, `the mask beside the image is not offered first: ${masks.join(' | ')}`);
    await wb.pickQuickItem(/landscape\.mask\.png/);
    const output = await wb.waitForFile('landscape.edited.png');
    assert.deepStrictEqual([...fs.readFileSync(output).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const [request] = await emulator.waitForRequests((r) => r.operation === 'edits');
    assert.strictEqual(request.status, 200);
    assert.deepStrictEqual(request.fields.prompt, ['add a red kite in the sky']);
    assert.ok(request.files.some((f) => f.field === 'mask' && f.filename === 'landscape.mask.png'), 'no mask was sent');
    await waitForTab(wb, 'landscape.edited.png');
    await waitForImagePreview(wb);
    await wb.screenshot('commands-5-edit-image');
  });

  it('cancelling from the progress notification stops the request and leaves no file', async () => {
    await ensureKey();
    await emulator.injectFault({ kind: 'slow', operation: 'translations', delayMs: 30000 });
    const before = wb.listFiles();
    await wb.explorerContextMenu('bonjour.wav', 'Translate Audio File to English');
    await wb.pickQuickItem('Plain text (.txt)');
    await wb.waitForNotification(/Translating audio to English/);
    await wb.screenshot('commands-6-progress');
    await wb.clickNotificationButton(/Translating audio to English/, 'Cancel');
    await waitFor('the progress notification to go', async () => !(await wb.notifications()).some((n) => /Translating/.test(n)), 15000);
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepStrictEqual(wb.listFiles(), before, 'cancelling left a file behind');
    const errors = (await wb.notifications()).filter((n) => /error|failed|wrong/i.test(n));
    assert.deepStrictEqual(errors, [], 'cancellation is not silent');
  });

  it('first run: with a key and no deployments list, Configure asks their names, and names the one that does not exist', async () => {
    await wb.page.keyboard.press('Escape');
    await ensureKey(); // run alone, Configure would otherwise stop at the key's password box
    await emulator.reset();
    // A resource whose data plane no longer lists its deployments: their names are typed, as before discovery.
    await emulator.management({ legacyDeploymentList: false });
    await wb.runCommand(`${CATEGORY}: Configure Endpoint and Deployments`);
    await wb.pickQuickItem(/Endpoint and API key/);
    await wb.answerInput(emulator.url, { match: /endpoint/i });
    // Each deployment but translation's is followed by the model behind it, current models proposed first.
    const answers: Array<[string, string | undefined]> = [
      ['whisper', 'whisper-1'], ['whisper', undefined], ['no-such-tts', 'tts-1'],
      ['gpt-image-1', 'gpt-image-1'], ['gpt-image-1', 'gpt-image-1'],
    ];
    for (const [i, [deployment, model]] of answers.entries()) {
      await wb.answerInput(deployment, { match: `(${i + 1}/5)` });
      if (!model) continue;
      if (i === 3) assert.ok((await wb.quickPickItems()).some((item) => /^gpt-image-2\b/.test(item)), 'gpt-image-2 is proposed');
      await wb.pickQuickItem(model);
    }
    const confirm = await wb.dialog();
    assert.match(confirm.detail, /speech \(text to speech\): no-such-tts \(runs tts-1\)/);
    await wb.clickDialogButton('Save');
    const message = await wb.waitForNotification(/need attention/);
    assert.match(message, /speech \(text to speech\) "no-such-tts": no such deployment/);
    await wb.screenshot('commands-7-configure-check');
    const requests = await emulator.waitForRequests(() => true, 5);
    assert.ok(requests.every((r) => r.status !== 200), 'the check generated something');
  });

  it('a failing command shows one short message offering the deployments that exist, Open Settings and Show Log; '
    + 'the log has the detail, never the key', async () => {
    // its own broken setting (a workspace setting, over whatever the user settings hold), not the Configure test's
    await ensureKey();
    await withWorkspaceSettings({ 'azureOpenAIMedia.deployments.speech': 'no-such-tts' }, async () => {
      await wb.page.waitForTimeout(2000); // the workbench reads the changed file
      await wb.clearNotifications();
      await wb.openFile('notes.md');
      await selectWholeLine(wb, 3);
      await wb.runCommand(`${CATEGORY}: Speak Selected Text`);
      const message = await wb.waitForNotification(/does not exist on this resource/);
      assert.ok(message.length < 300, `the message is not short: ${message}`);
      const toast = wb.page.locator('.notifications-toasts .notification-list-item',
        { hasText: 'does not exist on this resource' }).first();
      await toast.hover();
      const buttons = (await toast.locator('.monaco-button').allInnerTexts()).map((b) => b.trim());
      // The resource's speech deployments, the newer model first (DeploymentNotFound offers what exists).
      assert.deepStrictEqual(buttons, ['Use gpt-4o-mini-tts', 'Use tts', 'Open Settings', 'Show Log']);
      await wb.screenshot('commands-8-error');
      await wb.clickNotificationButton(/does not exist on this resource/, 'Show Log');
      const log = wb.page.locator('.part.panel .view-lines');
      await waitFor('the log in the panel', async () => /deploymentNotFound/.test(await log.innerText().catch(() => '')));
      const text = (await log.innerText()).replace(/\u00a0/g, ' ');
      assert.ok(!text.includes(emulator.key), 'the key is in the log');
      assert.match(text, /speech: deployment no-such-tts/);
      await wb.screenshot('commands-9-log');
      const [request] = await emulator.waitForRequests((r) => r.operation === 'speech');
      assert.strictEqual(request.status, 404);
    });
  });

  it('offers only the right entries in the explorer context menu', async () => {
    const closeMenu = async (): Promise<void> => {
      const menu = wb.page.locator('.context-view .monaco-menu');
      await waitFor('the context menu to close', async () => {
        if (!(await menu.isVisible())) return true;
        await wb.page.keyboard.press('Escape');
        return false;
      }, 10000, 300);
      await wb.page.waitForTimeout(500);
    };
    await (await wb.explorerRow('fox.ts')).click({ button: 'right' });
    const onCode = await wb.contextMenuEntries();
    await closeMenu();
    assert.ok(!onCode.some((e) => /Transcribe Audio|Edit Image/.test(e)), `fox.ts offers: ${onCode.join(' | ')}`);
    await (await wb.explorerRow('landscape.mask.png')).click({ button: 'right' });
    const onMask = await wb.contextMenuEntries();
    await closeMenu();
    await (await wb.explorerRow('hello.wav')).click({ button: 'right' });
    const onAudio = await wb.contextMenuEntries();
    await closeMenu();
    assert.ok(onAudio.includes('Transcribe Audio File') && onAudio.includes('Translate Audio File to English'),
      `hello.wav offers: ${onAudio.join(' | ')}`);
    assert.ok(!onMask.includes('Edit Image with Prompt'), 'a mask is offered for editing');
  });
});
