// Runs the emulator until killed:
//   node out/test/emulator/cli.js [--port N] [--key K] [--identity-header H] [--seconds-per-audio-minute S]
//     [--deployments '{"name":"model",…}']   (added to the default deployments; try-it deploys today's models this way)
// Prints EMULATOR_URL=..., and the IDENTITY_ENDPOINT / IDENTITY_HEADER pair for a managed-identity credential.

import { startEmulator } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

async function main(): Promise<void> {
  const port = Number(arg('port') ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid --port '${arg('port')}'.`);
  const pace = arg('seconds-per-audio-minute');
  const deployments = arg('deployments');
  const emulator = await startEmulator({
    port, apiKey: arg('key'), identityHeader: arg('identity-header'), secondsPerAudioMinute: pace === undefined ? undefined : Number(pace),
    deployments: deployments === undefined ? undefined : JSON.parse(deployments) as Record<string, string>,
  });
  process.stdout.write(
    `EMULATOR_URL=${emulator.url}\nIDENTITY_ENDPOINT=${emulator.tokenEndpoint}\nIDENTITY_HEADER=${emulator.identityHeader}\n`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`emulator: ${(err as Error).message}\n`);
  process.exit(1);
});
