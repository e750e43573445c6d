// A configured model that Azure has retired (or retires within 30 days) is named in the status bar's tooltip with
// its date and replacement, and logged once per model: no dialog. The image deployment here is one the resource does
// not list, so the notice is of the model the settings name (lifecycleService.test.ts: of what a listed one runs).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, until } from './helpers';

const section = () => vscode.workspace.getConfiguration('azureOpenAIMedia');

describe('model lifecycle', () => {
  beforeEach(() => section().update('deployments.image', 'my-images', vscode.ConfigurationTarget.Workspace));
  afterEach(async () => {
    await section().update('deployments.image', undefined, vscode.ConfigurationTarget.Workspace);
    await section().update('models.image', undefined, vscode.ConfigurationTarget.Workspace);
    await section().update('models.speech', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('names a retired model in the tooltip with its date and replacement, and logs it once', async () => {
    const { statusBar } = await api();
    const before = new Set(vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()));
    await section().update('models.image', 'dall-e-3', vscode.ConfigurationTarget.Workspace);
    await until('the tooltip to name dall-e-3', () => statusBar.tooltipText.includes('dall-e-3 was retired'));
    assert.match(statusBar.tooltipText, /dall-e-3 was retired on Azure on 2026-03-04; deploy gpt-image-2 instead\./);
    const notice = statusBar.lifecycle().find((n) => n.model === 'dall-e-3');
    assert.deepStrictEqual(notice && [notice.status, notice.retires, notice.replacement], ['retired', '2026-03-04', 'gpt-image-2']);
    assert.ok(statusBar.warnedModels.includes('dall-e-3'));

    // Another change updates the status bar again; the model is not logged a second time.
    const logged = statusBar.warnedModels.length;
    await section().update('models.speech', 'gpt-4o-mini-tts', vscode.ConfigurationTarget.Workspace);
    await statusBar.update();
    assert.strictEqual(statusBar.warnedModels.filter((m) => m === 'dall-e-3').length, 1);
    assert.ok(statusBar.warnedModels.length <= logged + 1, 'only the newly configured model can be logged');
    // Quiet: no editor or dialog was opened for it.
    assert.deepStrictEqual(new Set(vscode.window.visibleTextEditors.map((e) => e.document.uri.toString())), before);
  });

  it('names a model retiring within 30 days, and nothing of a current one', async () => {
    const { statusBar } = await api();
    await section().update('models.image', 'gpt-image-1.5', vscode.ConfigurationTarget.Workspace);
    await until('the tooltip to name gpt-image-1.5', () => statusBar.tooltipText.includes('gpt-image-1.5 retires on Azure on 2026-12-16'));
    await section().update('models.image', 'gpt-image-2', vscode.ConfigurationTarget.Workspace);
    await until('the tooltip to drop gpt-image-1.5', () => !statusBar.tooltipText.includes('gpt-image-1.5'));
    assert.strictEqual(statusBar.lifecycle().some((n) => n.model === 'gpt-image-2'), false);
    assert.ok(!statusBar.tooltipText.includes('gpt-image-2 was retired') && !statusBar.tooltipText.includes('gpt-image-2 retires'));
  });
});
