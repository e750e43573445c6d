// Mocha runner inside the VS Code extension host. VS Code loads this file as `extensionTestsPath` and calls `run()`:
// - in code-server (scripts/run-integration.sh: the workbench URL's payload names this file), and
// - in desktop VS Code through @vscode/test-electron (test/integration/runTest.ts).
// It runs every out/test/integration/**/*.test.js. Env (inherited by the extension host):
//   AOAI_TEST_GREP     only tests whose full title matches this regular expression
//   AOAI_TEST_FILES    comma-separated substrings; only test files whose path contains one of them
//   AOAI_TEST_RESULTS  path of a JSON file receiving {passes, failures, pending, tests, durationMs, failed: [titles]}
//                      (in a multi-root or empty window: <name>.<kind>.json, see below)
// A file named <name>.<kind>.test.js runs only in a window of that kind: `multiroot` (a .code-workspace of several
// folders), `empty` (no folder) or `untrusted` (one folder in Restricted Mode); the others only in a trusted window of
// one folder. scripts/run-integration.sh opens one window of each kind (scripts/lib/make-window.js).
//   AOAI_TEST_TIMEOUT  per-test timeout in ms (default 60000)
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export type WindowKind = 'folder' | 'multiroot' | 'empty' | 'untrusted';
const KINDS: readonly string[] = ['multiroot', 'empty', 'untrusted'];

/** The kind of window this extension host serves. */
export function windowKind(): WindowKind {
  const folders = vscode.workspace.workspaceFolders?.length ?? 0;
  if (folders === 0) return 'empty';
  if (vscode.workspace.workspaceFile && folders > 1) return 'multiroot';
  return vscode.workspace.isTrusted ? 'folder' : 'untrusted';
}

/** The kind of window a test file is for, from its name. */
function kindOf(file: string): WindowKind {
  const kind = path.basename(file, '.test.js').split('.').slice(1).pop() ?? '';
  return KINDS.includes(kind) ? (kind as WindowKind) : 'folder';
}

function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

export interface SuiteResults {
  passes: number;
  failures: number;
  pending: number;
  tests: number;
  durationMs: number;
  failed: string[];
}

export function run(): Promise<void> {
  const env = process.env;
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: Number(env.AOAI_TEST_TIMEOUT) || 60000,
    ...(env.AOAI_TEST_GREP ? { grep: new RegExp(env.AOAI_TEST_GREP) } : {}),
  });
  const filters = (env.AOAI_TEST_FILES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const kind = windowKind();
  const files = findTests(__dirname)
    .filter((f) => kindOf(f) === kind)
    .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
  if (files.length === 0) return Promise.reject(new Error(`no integration test files for a ${kind} window under ${__dirname}`));
  const resultsFile = env.AOAI_TEST_RESULTS && kind !== 'folder' ? env.AOAI_TEST_RESULTS.replace(/(\.json)?$/, `.${kind}.json`)
    : env.AOAI_TEST_RESULTS;
  for (const f of files) mocha.addFile(f);

  const started = Date.now();
  return new Promise<void>((resolve, reject) => {
    const failed: string[] = [];
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        const stats = runner.stats;
        const results: SuiteResults = {
          passes: stats?.passes ?? 0,
          failures: stats?.failures ?? failures,
          pending: stats?.pending ?? 0,
          tests: stats?.tests ?? 0,
          durationMs: Date.now() - started,
          failed,
        };
        if (resultsFile) {
          fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
          fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
        }
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
      runner.on('fail', (test) => failed.push(test.fullTitle()));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
