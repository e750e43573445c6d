// Shared set-up for the client tests that run against the real emulator.
import { AzureOpenAIMediaClient, type ClientOptions } from '../../src/core/client';
import type { Logger } from '../../src/core/types';
import { startEmulator, type Emulator } from '../emulator/server';

export interface RecordingLogger extends Logger {
  lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  return {
    lines,
    trace: (m) => lines.push(`trace ${m}`),
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}

/** Starts one emulator for a describe block; `client()` builds a key-authenticated client with a recording logger. */
export function useEmulator(): {
  readonly emu: Emulator;
  client(over?: Partial<ClientOptions>): AzureOpenAIMediaClient;
  readonly logger: RecordingLogger;
} {
  let emu: Emulator | undefined;
  let logger = recordingLogger();
  before(async () => {
    emu = await startEmulator();
  });
  beforeEach(() => {
    emu?.reset();
    logger = recordingLogger();
  });
  after(async () => {
    await emu?.close();
  });
  return {
    get emu() {
      if (!emu) throw new Error('emulator not started');
      return emu;
    },
    get logger() {
      return logger;
    },
    client(over: Partial<ClientOptions> = {}) {
      const e = this.emu;
      return new AzureOpenAIMediaClient({
        endpoint: e.url,
        auth: { type: 'apiKey', getKey: () => Promise.resolve(e.apiKey) },
        logger,
        maxRetries: 2,
        ...over,
      });
    },
  };
}
