// From nothing to a first transcription through Configure in the real workbench, counting what the user does: with a
// Microsoft account at most three choices (the sign-in, the resource, the confirmation), with a key at most two
// entries (the endpoint, the key) where the data plane lists the deployments. Resource Manager is the emulator's
// (azureOpenAIMedia.management.endpoint, a user setting), the account a managed identity served by the emulator's
// token endpoint (IDENTITY_ENDPOINT), which @azure/identity uses where VS Code has no Microsoft account.
// Screenshots: .artifacts/screenshots/configure-*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { emulator, harnessEnv, openWorkbench, waitFor, writeUserSettings, type Workbench } from './harness';

const CONFIGURE = 'Azure OpenAI: Configure Endpoint and Deployments';
const S = 'azureOpenAIMedia';

/** No endpoint, no deployments, no models: what a new user has (undefined drops the baseline's value). */
const FROM_NOTHING: Record<string, unknown> = Object.fromEntries([
  'endpoint', 'authentication',
  ...['transcription', 'translation', 'speech', 'image', 'imageEdit'].map((k) => `deployments.${k}`),
  ...['transcription', 'speech', 'image', 'imageEdit'].map((k) => `models.${k}`),
].map((k) => [`${S}.${k}`, undefined]));

/** Transcribes hello.wav from the explorer, taking each quick pick's first proposal; the transcript's path. */
async function transcribeHello(wb: Workbench): Promise<string> {
  const before = new Set(wb.listFiles());
  await wb.explorerContextMenu('hello.wav', 'Transcribe Audio File');
  // The options' quick picks (format, language), each taken as proposed: not part of Configure.
  for (let i = 0; i < 3; i++) {
    const open = await wb.quickInput.waitFor({ state: 'visible', timeout: i === 0 ? 10000 : 3000 }).then(() => true, () => false);
    if (!open) break;
    await wb.quickPickItems();
    await wb.quickInput.locator('input.input').press('Enter');
    await wb.quickInput.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
  }
  return waitFor('a transcript of hello.wav', () => wb.listFiles().find((f) => !before.has(f) && /^hello\.\w+$/.test(f)), 60000);
}

describe('e2e: Configure in a few choices, then a transcription', function () {
  this.timeout(300000);
  let wb: Workbench | undefined;

  beforeEach(async () => {
    await emulator.reset();
  });
  afterEach(async () => {
    await wb?.close();
    wb = undefined;
  });

  it('with a Microsoft account: three choices (sign in, resource, confirm), then transcribes with Entra ID', async () => {
    wb = await openWorkbench({ name: 'configure-account', settings: { ...FROM_NOTHING, [`${S}.management.endpoint`]: emulator.url } });
    await wb.clearNotifications(); // the first-run welcome, out of the screenshots
    const choices: string[] = [];
    await wb.runCommand(CONFIGURE);
    await wb.pickQuickItem(/Sign in to Azure/);
    choices.push('sign in to Azure');

    const resources = await wb.quickPickItems(60000);
    assert.ok(resources.includes('emulator-openai'), `resources: ${resources.join(' | ')}`);
    assert.ok(!resources.includes('faces'), 'a Face account is not an Azure OpenAI resource');
    const list = await wb.quickInput.locator('.quick-input-list').innerText();
    assert.match(list, /Media Emulator/, 'grouped by subscription');
    assert.match(list, /eastus/, 'with the region');
    assert.ok(resources.some((r) => /Sign in to directory 11111111/.test(r)), 'the other directory is offered, not hidden');
    await wb.screenshot('configure-1-resources');
    await wb.pickQuickItem('emulator-openai');
    choices.push('resource');

    const dialog = await wb.dialog(60000);
    assert.match(dialog.detail, /Endpoint: http:\/\/127\.0\.0\.1:\d+/);
    assert.match(dialog.detail, /translation to English \(a whisper deployment\): whisper \(runs whisper 001/);
    // (the dialog orders its buttons by platform)
    assert.deepStrictEqual(dialog.buttons.filter((b) => /^Save/.test(b)).sort(),
      ['Save, Sign In with Entra ID', 'Save, Use the Resource\'s Key']);
    const shot = await wb.screenshot('configure-2-confirm');
    // The README's picture: refreshed on request only, so a test run never changes a tracked file.
    if (process.env.AOAI_UPDATE_DOCS === '1') fs.copyFileSync(shot, path.join(harnessEnv().extensionPath, 'docs', 'configure-confirm.png'));
    await wb.clickDialogButton('Save, Sign In with Entra ID');
    choices.push('confirm');

    await wb.waitForNotification(/Azure OpenAI is ready: 5 deployment/, 60000);
    assert.ok(choices.length <= 3, `choices: ${choices.join(', ')}`);
    const settings = JSON.parse(fs.readFileSync(`${process.env.AOAI_USER_DATA}/User/settings.json`, 'utf8')) as Record<string, unknown>;
    assert.strictEqual(settings[`${S}.authentication`], 'entraId');
    assert.strictEqual(settings[`${S}.deployments.translation`], 'whisper');

    const transcript = await transcribeHello(wb);
    assert.ok(fs.statSync(wb.file(transcript)).size > 0);
    const [request] = await emulator.waitForRequests((r) => r.operation === 'transcriptions' && r.status === 200);
    assert.strictEqual(request.auth, 'bearer');
    assert.strictEqual(request.deployment, settings[`${S}.deployments.transcription`]);
    await wb.screenshot('configure-3-transcribed');
  });

  it('with a key: two entries (endpoint, key), the deployments read from the data plane, then transcribes', async () => {
    // A key may be stored for the emulator's origin from another test: remove it first (setup, not counted).
    wb = await openWorkbench({ name: 'configure-key' });
    await wb.runCommand('Azure OpenAI: Clear API Key');
    await wb.page.waitForTimeout(1000);
    await wb.close();
    wb = await openWorkbench({ name: 'configure-key', settings: FROM_NOTHING });

    const origin = new URL(emulator.url).origin;
    const entries: string[] = [];
    const choices: string[] = [];
    await wb.runCommand(CONFIGURE);
    await wb.pickQuickItem(/Endpoint and API key/);
    choices.push('endpoint and key');
    await wb.answerInput(emulator.url, { match: /endpoint/i });
    entries.push('endpoint');
    await wb.answerInput(emulator.key, { password: true, match: origin });
    entries.push('key');

    const dialog = await wb.dialog(60000);
    assert.match(dialog.detail, /translation to English \(a whisper deployment\): whisper/);
    assert.deepStrictEqual(dialog.buttons.filter((b) => /^Save/.test(b)), ['Save']);
    await wb.screenshot('configure-4-key-confirm');
    await wb.clickDialogButton('Save');
    choices.push('confirm');

    await wb.waitForNotification(/Azure OpenAI is ready: 5 deployment/, 60000);
    assert.ok(entries.length <= 2, `entries: ${entries.join(', ')}`);
    const settingsText = fs.readFileSync(`${process.env.AOAI_USER_DATA}/User/settings.json`, 'utf8');
    assert.ok(!settingsText.includes(emulator.key), 'the key is in the user settings');

    await transcribeHello(wb);
    const [request] = await emulator.waitForRequests((r) => r.operation === 'transcriptions' && r.status === 200);
    assert.strictEqual(request.auth, 'apiKey');
    writeUserSettings();
  });
});
