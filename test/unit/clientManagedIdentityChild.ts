// Run in a child process by clientAuth.test.ts: MSAL keeps the managed-identity source (with its endpoint) in
// process-wide state on first use, so a real ManagedIdentityCredential is exercised in a process of its own.
// Reads EMULATOR_URL, IDENTITY_ENDPOINT, IDENTITY_HEADER and WAV_PATH; prints one JSON line with the outcome.
import { ManagedIdentityCredential } from '@azure/identity';
import { AzureOpenAIMediaClient } from '../../src/core/client';

async function main(): Promise<void> {
  const client = new AzureOpenAIMediaClient({
    endpoint: process.env.EMULATOR_URL ?? '',
    auth: { type: 'entraId', credential: new ManagedIdentityCredential() },
    maxRetries: 0,
  });
  const transcript = await client.transcribe({ deployment: 'whisper', model: 'whisper-1',
    file: { name: 'a.wav', path: process.env.WAV_PATH ?? '' } });
  const images = await client.generateImages({ deployment: 'gpt-image-1-mini', model: 'gpt-image-1-mini', prompt: 'a dot',
    size: '1024x1024', quality: 'low' });
  process.stdout.write(`${JSON.stringify({ ok: true, text: transcript.text, images: images.data.length })}\n`);
}

main().catch((err: unknown) => {
  const e = err as { code?: string; message?: string };
  process.stdout.write(`${JSON.stringify({ ok: false, code: e.code, message: e.message })}\n`);
});
