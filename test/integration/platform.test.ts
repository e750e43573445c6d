// Open Studio and Show Log; the proxy settings (http.proxy, http.noProxy) reaching the wire; and a virtual workspace
// (an in-memory file system) where uploads are read and outputs written only through workspace.fs.
import * as assert from 'assert';
import * as http from 'http';
import * as net from 'net';
import * as vscode from 'vscode';
import { api, commandSuite, emulator, emulatorUrl, file, readBytes, sleep } from './helpers';
import { MemoryFileSystem } from './memfs';

/** A forward proxy that records what it is asked for: CONNECT tunnels and absolute-URI requests. */
async function startProxy(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}


describe('commands: studio, log, proxy and virtual file systems', () => {
  const created = commandSuite();

  it('Open Studio opens the Studio panel (once, however often it is run)', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('azureOpenAIMedia.openStudio'), true);
    await vscode.commands.executeCommand('azureOpenAIMedia.openStudio');
    const studios = (): vscode.Tab[] =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('azureOpenAIMedia.studio'));
    // the tab model follows the main thread asynchronously
    for (let i = 0; i < 50 && studios().length === 0; i++) await sleep(100);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) =>
      `${t.label} (${(t.input as { viewType?: string })?.viewType ?? typeof t.input})`);
    assert.strictEqual(studios().length, 1, `tabs: ${tabs.join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  // Before: the history change started sendHistory, the panel closed while it read the items, and its post reached
  // the closed panel's webview ("Webview is disposed", an unhandled rejection in the extension host).
  it('closing the Studio while it sends the history rejects nothing', async () => {
    await vscode.commands.executeCommand('azureOpenAIMedia.openStudio');
    const { history, studio } = await api();
    const panel = studio;
    assert.ok(panel, 'no Studio');
    for (let i = 0; i < 100 && panel.pageCount === 0; i++) await sleep(100);
    assert.ok(panel.pageCount > 0, 'the Studio page never said ready');
    const rejections: string[] = [];
    const onRejection = (reason: unknown): void => void rejections.push(String(reason));
    process.on('unhandledRejection', onRejection);
    // Listeners run in the order they came: the Studio's sendHistory has started (and waits on the items) when this
    // one closes the panel.
    const closing = history.onDidChange(() => panel.dispose());
    const record = { id: 'closing-studio', operation: 'speech' as const, output: 'hello.wav', createdAt: Date.now(), params: {} };
    try {
      await history.add([record]);
      await sleep(1500);
    } finally {
      closing.dispose();
      process.off('unhandledRejection', onRejection);
      await history.remove(record.id, false);
    }
    assert.strictEqual((await api()).studio, undefined, 'the Studio is still open');
    assert.deepStrictEqual(rejections, []);
  });

  it('Show Log runs', async () => {
    const errors: unknown[] = [];
    const sub = (await api()).onDidHandleError((e) => errors.push(e));
    try {
      await vscode.commands.executeCommand('azureOpenAIMedia.showLog');
    } finally {
      sub.dispose();
    }
    assert.deepStrictEqual(errors, []);
  });

  it('sends requests through http.proxy, and around it for hosts in http.noProxy', async () => {
    const proxy = await startProxy();
    const httpConfig = vscode.workspace.getConfiguration('http');
    const target = new URL(emulatorUrl()).host;
    try {
      await httpConfig.update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
      const output = await vscode.commands.executeCommand<vscode.Uri>('azureOpenAIMedia.speakSelection',
        { text: 'through the proxy', open: false });
      assert.ok(output, 'speech through the proxy failed');
      created.push(output);
      assert.ok(proxy.seen.some((s) => s.includes(target)), `the proxy saw: ${proxy.seen.join(', ') || 'nothing'}`);
      assert.strictEqual((await emulator.operations())[0]?.status, 200);

      proxy.seen.length = 0;
      await httpConfig.update('noProxy', ['127.0.0.1'], vscode.ConfigurationTarget.Global);
      const direct = await vscode.commands.executeCommand<vscode.Uri>('azureOpenAIMedia.speakSelection',
        { text: 'around the proxy', open: false });
      assert.ok(direct);
      created.push(direct);
      assert.deepStrictEqual(proxy.seen, [], 'a noProxy host went through the proxy');
    } finally {
      await httpConfig.update('proxy', undefined, vscode.ConfigurationTarget.Global);
      await httpConfig.update('noProxy', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
    }
  });

  it('reads uploads and writes outputs through workspace.fs on a virtual file system', async () => {
    const memfs = new MemoryFileSystem();
    const registration = vscode.workspace.registerFileSystemProvider('aoaimem', memfs);
    try {
      const audio = vscode.Uri.parse('aoaimem:/virtual/talk.wav');
      await vscode.workspace.fs.createDirectory(vscode.Uri.parse('aoaimem:/virtual'));
      await vscode.workspace.fs.writeFile(audio, await readBytes(file('hello.wav')));
      const { media } = await api();
      const first = await media.transcribe(audio, { response_format: 'text' });
      const second = await media.transcribe(audio, { response_format: 'text' });
      assert.strictEqual(first.output.toString(), 'aoaimem:/virtual/talk.txt');
      assert.strictEqual(second.output.toString(), 'aoaimem:/virtual/talk-2.txt');
      assert.deepStrictEqual(memfs.names('/virtual/'), ['talk-2.txt', 'talk.txt', 'talk.wav'], 'temporary files were left behind');
      assert.strictEqual(first.record.output, 'aoaimem:/virtual/talk.txt');
      const [request] = await emulator.operations();
      assert.strictEqual(request.files[0]?.filename, 'talk.wav');
      assert.strictEqual(request.files[0]?.size, (await readBytes(file('hello.wav'))).length);
    } finally {
      registration.dispose();
    }
  });
});
