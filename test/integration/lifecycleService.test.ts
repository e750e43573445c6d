// Retirement dates from the service, in the real extension host against the emulator: the status bar's notice takes
// the date the resource's models list gives for the model each deployment runs, says where it came from and when it
// was read, follows a change after Refresh, and falls back to the built-in table (saying so) when the list cannot be
// read.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { resolveModel } from '../../src/core/catalog';
import { english } from '../../src/core/messages';
import { DEFAULT_CATALOG, type CatalogModel } from '../emulator/management';
import { emulatorControl } from '../emulator/control';
import { api, commandSuite, emulator, emulatorUrl, until, withSettings } from './helpers';

const control = emulatorControl(emulatorUrl);
const DAY = 86_400_000;
const day = (offset: number): string => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

/** The emulator's catalog with whisper's retirement moved to `date`. */
const whisperRetiring = (date: string): CatalogModel[] =>
  DEFAULT_CATALOG.map((m) => (m.name === 'whisper' ? { ...m, retires: `${date}T00:00:00Z` } : { ...m }));

const refresh = (): Thenable<unknown> => vscode.commands.executeCommand('azureOpenAIMedia.refreshDiscovery');

describe('model lifecycles from the service', () => {
  commandSuite();
  after(async () => {
    // Leave the emulator's own dates cached for the files that run next.
    await emulator.reset();
    await refresh();
  });

  it('the notice shows the date the models list gives for what the whisper deployment runs; Refresh follows a change', async () => {
    const { statusBar } = await api();
    await withSettings({ 'deployments.transcription': 'whisper', 'models.transcription': undefined }, async () => {
      await control.management({ catalog: whisperRetiring(day(10)) });
      await refresh();
      const first = statusBar.lifecycle().find((n) => n.model === 'whisper');
      assert.strictEqual(first?.retires, day(10), 'the emulator\'s date, not the table\'s');
      assert.match(english(first.sourced),
        /^whisper retires on Azure on \d{4}-\d{2}-\d{2}; .* Source: the resource's models list, read \d{4}-\d{2}-\d{2} \d\d:\d\d UTC\.$/);
      await until('the tooltip to show the date', () => statusBar.tooltipText.includes(`whisper retires on Azure on ${day(10)}`));
      assert.ok(statusBar.tooltipText.includes('the resource\'s models list, read'), statusBar.tooltipText);
      const listed = (await emulator.requests()).filter((r) => r.path.startsWith('/openai/models'));
      assert.ok(listed.length >= 1, 'the models list was read');

      await control.management({ catalog: whisperRetiring(day(20)) });
      assert.strictEqual(statusBar.lifecycle().find((n) => n.model === 'whisper')?.retires, day(10), 'cached until Refresh');
      await refresh();
      assert.strictEqual(statusBar.lifecycle().find((n) => n.model === 'whisper')?.retires, day(20));
      await until('the tooltip to follow', () => statusBar.tooltipText.includes(`whisper retires on Azure on ${day(20)}`));
    });
  });

  it('with the models list unreachable, the notice takes the built-in table\'s date and says so', async () => {
    const { statusBar } = await api();
    const table = resolveModel('whisper').lifecycle?.retires;
    assert.ok(table, 'the table dates whisper');
    await withSettings({ 'deployments.transcription': 'whisper', 'models.transcription': undefined }, async () => {
      await control.management({ catalog: whisperRetiring(day(10)) });
      await refresh();
      assert.strictEqual(statusBar.lifecycle().find((n) => n.model === 'whisper')?.retires, day(10));
      await control.management({ unavailable: ['models'] });
      await refresh();
      // Ten days before the table's date, so the notice shows whatever the clock says.
      const before = new Date(Date.parse(`${table}T00:00:00Z`) - 10 * DAY);
      const notice = statusBar.lifecycle(before).find((n) => n.model === 'whisper');
      assert.strictEqual(notice?.retires, table);
      assert.strictEqual(notice.from.source, 'table');
      assert.match(english(notice.sourced),
        /Source: the built-in table \(checked \d{4}-\d{2}-\d{2}\), since Azure's own lifecycles were not read\.$/);
    });
  });
});
