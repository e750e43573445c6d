// Desktop path: runs the integration suite (out/test/integration/index.js) in a downloaded desktop VS Code through
// @vscode/test-electron, with the same setup as scripts/run-integration.sh gives code-server: the emulator, the
// sample workspace, user settings pointing the extension at the emulator, and the env the tests read.
// Run after `npm run build && npm run compile-tests`: `node out/test/integration/runTest.js [file-filter ...]`.
// Needs a machine that can reach Microsoft's update server (these CI machines cannot: they use code-server).
// Opens the folder window only: runTests always adds --disable-workspace-trust, so no untrusted window here.
// Env: VSCODE_TEST_VERSION (default 1.100.3, the manifest's engine floor; 'stable' for the newest), AOAI_TEST_GREP.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { startEmulator } from '../emulator/server';

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '..', '..', '..'); // out/test/integration -> repo root
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aoai-media-itest-'));
  const workspace = path.join(work, 'workspace');
  const userData = path.join(work, 'user-data');
  const artifacts = process.env.AOAI_ARTIFACTS || path.join(root, '.artifacts');
  const results = process.env.AOAI_TEST_RESULTS || path.join(artifacts, 'results', 'integration-desktop.json');

  const emulator = await startEmulator({ port: 0 });
  try {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'make-sample-workspace.js'), workspace], { stdio: 'ignore' });
    execFileSync(process.execPath, [path.join(root, 'scripts', 'lib', 'write-settings.js'), path.join(userData, 'User', 'settings.json')],
      { env: { ...process.env, AOAI_EMULATOR_URL: emulator.url } });
    const filters = process.argv.slice(2);
    await runTests({
      version: process.env.VSCODE_TEST_VERSION || '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${userData}`, `--extensions-dir=${path.join(work, 'extensions')}`],
      extensionTestsEnv: {
        AOAI_EMULATOR_URL: emulator.url,
        AOAI_EMULATOR_KEY: emulator.apiKey,
        IDENTITY_ENDPOINT: emulator.tokenEndpoint,
        IDENTITY_HEADER: emulator.identityHeader,
        AOAI_WORKSPACE: workspace,
        AOAI_TEST_RESULTS: results,
        ...(filters.length ? { AOAI_TEST_FILES: filters.join(',') } : {}),
        ...(process.env.AOAI_TEST_GREP ? { AOAI_TEST_GREP: process.env.AOAI_TEST_GREP } : {}),
      },
    });
    return 0;
  } catch (err) {
    console.error('integration tests failed:', err instanceof Error ? err.message : err);
    return 1;
  } finally {
    await emulator.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
