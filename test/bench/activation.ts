// Activation in the real extension host (code-server, VS Code 1.100): opens fresh workbench windows, runs "Show Log"
// (which activates the extension, as any of its commands would), then reads VS Code's own activation time for it
// from "Developer: Show Running Extensions" (codeLoadingTime + activateCallTime: loading the bundle and running
// activate), and the extension's own "Activated in N ms" log line (activate alone). The timestamps of the log files
// are not used: the extension's log channel is written asynchronously, later than the lines were logged.
// Run by scripts/bench-activation.sh inside scripts/lib/stack.sh.
// Usage: node out/test/bench/activation.js OUT.json [windows]  → {"ms": [...], "selfMs": [...]}
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeAll, openWorkbench, waitFor } from '../e2e/harness';

const EXTENSION = 'azure-openai-media.azure-openai-media';
const [out, windows = '3'] = process.argv.slice(2);
const SETTLE_MS = 8000;

/** Each extension host's log folder: …/logs/<session>/exthostN/. */
function hostDirs(): string[] {
  const logs = join(process.env.AOAI_USER_DATA ?? '', 'logs');
  const dirs: string[] = [];
  for (const session of readdirSync(logs)) {
    for (const host of readdirSync(join(logs, session))) if (/^exthost\d+$/.test(host)) dirs.push(join(logs, session, host));
  }
  return dirs;
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** The extension's own measure of activate, from its log in that extension host. */
function selfMeasure(dir: string): number | undefined {
  const own = read(join(dir, EXTENSION, 'Azure OpenAI Media.log')).split('\n').find((l) => /Activated in [\d.]+ ms/.test(l));
  return own ? Number(/Activated in ([\d.]+) ms/.exec(own)?.[1]) : undefined;
}

async function measureWindow(i: number, seen: Set<string>): Promise<{ ms: number; selfMs: number }> {
  const wb = await openWorkbench({ name: `bench-activation-${i}` });
  try {
    // Let the window's own start-up (git, emmet… activating on 2 shared cores) settle, as it has when a user first
    // runs a command, so that the figure is this extension's cost and not a queue behind theirs.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    await wb.runCommand('Azure OpenAI: Show Log');
    const found = await waitFor('the extension\'s "Activated" log line', () => {
      const dir = hostDirs().find((d) => !seen.has(d) && selfMeasure(d) !== undefined);
      return dir ? { dir, selfMs: selfMeasure(dir)! } : undefined;
    }, 30000);
    seen.add(found.dir);
    const row = wb.page.locator('.monaco-list-row').filter({ hasText: EXTENSION }).first();
    const ms = await waitFor('the activation time in Running Extensions', async () => {
      if (!(await row.isVisible().catch(() => false))) await wb.runCommand('Developer: Show Running Extensions');
      const text = await row.locator('.activation-time').innerText({ timeout: 2000 }).catch(() => '');
      const m = /Activation: (\d+)ms/.exec(text);
      return m ? Number(m[1]) : undefined;
    }, 60000, 1000);
    console.log(`window ${i}: VS Code's activation time ${ms} ms (load + activate); activate alone ${found.selfMs} ms`);
    return { ms, selfMs: found.selfMs };
  } finally {
    await wb.close();
  }
}

async function main(): Promise<void> {
  const results: Array<{ ms: number; selfMs: number }> = [];
  const seen = new Set<string>();
  for (let i = 1; i <= Number(windows); i++) {
    // A window that fails (a busy machine: the palette or the Running Extensions view too slow) is reported and
    // skipped; the figure is the median of the windows that gave one.
    try {
      results.push(await measureWindow(i, seen));
    } catch (err) {
      console.error(`window ${i}: no figure (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  writeFileSync(out, JSON.stringify({ ms: results.map((r) => r.ms), selfMs: results.map((r) => r.selfMs) }));
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => void closeAll());
