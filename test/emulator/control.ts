// A client for the emulator's HTTP control routes (see `control` in server.ts), for tests that run in another
// process than the emulator: the extension host (test/integration) and Playwright (test/e2e).
import type { ManagementState } from './management';
import type { EmulatorStats, Fault, RecordedRequest } from './server';

/** Calls `/_emulator/<route>` on the emulator at `baseUrl`; anything but a 200 throws, with the answer's body. */
async function control(baseUrl: string, method: 'GET' | 'POST', route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${baseUrl}/_emulator/${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`emulator ${method} /_emulator/${route}: HTTP ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

// Function properties, not methods: none uses `this`, so callers may pass them around unbound.
export interface EmulatorControl {
  /** Every API request received so far (control routes are not recorded). */
  requests: () => Promise<RecordedRequest[]>;
  injectFault: (fault: Fault) => Promise<void>;
  /**
   * The next `times` (1) streamed answers send their events `gapMs` apart (a `slow-stream` fault): the same events, so
   * a test can watch a live transcript or partial images arrive one by one.
   */
  paceStreams: (gapMs: number, opts?: Pick<Fault, 'times' | 'operation'>) => Promise<void>;
  /** Data-plane requests in flight now, and the most at once since the last reset. */
  stats: () => Promise<EmulatorStats>;
  /** Transcriptions and translations wait this many seconds per minute of audio (0: none) until the next reset. */
  pace: (secondsPerAudioMinute: number) => Promise<void>;
  /** Whether masked edits drift outside the mask (maskedEdit.ts); back to on at the next reset. */
  maskDrift: (enabled: boolean) => Promise<void>;
  /** Changes the management plane's state (management.ts: catalog, roles, unavailable listings…) until the next reset. */
  management: (patch: Partial<ManagementState>) => Promise<void>;
  /** Forgets the recorded requests, pending faults and served result files. */
  reset: () => Promise<void>;
}

/** `baseUrl` is read at each call, so a client may be made before the emulator's URL is known. */
export function emulatorControl(baseUrl: () => string): EmulatorControl {
  return {
    requests: async () => (await control(baseUrl(), 'GET', 'requests')) as RecordedRequest[],
    injectFault: async (fault) => { await control(baseUrl(), 'POST', 'faults', fault); },
    paceStreams: async (gapMs, opts = {}) => {
      await control(baseUrl(), 'POST', 'faults', { kind: 'slow-stream', delayMs: gapMs, ...opts });
    },
    stats: async () => (await control(baseUrl(), 'GET', 'stats')) as EmulatorStats,
    pace: async (secondsPerAudioMinute) => { await control(baseUrl(), 'POST', 'pace', { secondsPerAudioMinute }); },
    maskDrift: async (enabled) => { await control(baseUrl(), 'POST', 'drift', { enabled }); },
    management: async (patch) => { await control(baseUrl(), 'POST', 'management', patch); },
    reset: async () => { await control(baseUrl(), 'POST', 'reset', {}); },
  };
}
