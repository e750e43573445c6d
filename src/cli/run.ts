// A batch of jobs: what a dry run shows, the cost guard, bounded concurrency, progress, one JSON line per input, exit
// codes, and Ctrl-C (requests aborted, nothing half-written: the engine's files remove what a cancelled run wrote).
import { SingleBar } from 'cli-progress';
import { mapBounded } from '../core/concurrency';
import { formatUsd, type Cost } from '../core/cost';
import { isCancelled, MediaApiError } from '../core/errors';
import type { RunEstimate } from '../core/engine';
import { english, isMessage, WordedError, type Message, type MessageArg } from '../core/messages';
import { cliSettingName } from './config';

export const EXIT = { ok: 0, someFailed: 1, usage: 2, cancelled: 130 } as const;

export interface Job {
  /** The input as the user named it (a file, or a prompt's first words). */
  input: string;
  estimate(): Promise<RunEstimate>;
  /** What would be sent, files by name. */
  request(): Promise<Record<string, unknown>>;
  run(signal: AbortSignal): Promise<JobResult>;
}

export interface JobResult {
  outputs: string[];
  cost?: Cost;
  estimate?: Cost;
  requestIds: string[];
}

export interface BatchOptions {
  json: boolean;
  dryRun: boolean;
  maxCost?: number;
  concurrency: number;
}

/** A refusal before anything was sent (--max-cost): exit code 2 like a usage error, with the figures. */
export class RefusedError extends Error {}

export async function runBatch(jobs: Job[], opts: BatchOptions, out = process.stdout, err = process.stderr): Promise<number> {
  if (opts.dryRun) {
    let total = 0;
    for (const job of jobs) {
      const [request, estimate] = await Promise.all([job.request(), job.estimate()]);
      total += estimate.cost?.usd ?? 0;
      if (opts.json) out.write(JSON.stringify({ input: job.input, request, estimate: estimate.cost ?? null, why: estimate.why }) + '\n');
      else out.write(`${job.input}: would send ${JSON.stringify(request)}; ${estimateLine(estimate)}\n`);
    }
    if (!opts.json) out.write(`${jobs.length} input(s), nothing sent; estimated total ${formatUsd(total)}.\n`);
    return EXIT.ok;
  }
  if (opts.maxCost !== undefined) await guardCost(jobs, opts.maxCost);

  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    if (++interrupts > 1) process.exit(EXIT.cancelled);
    err.write('\nCancelling: requests in flight are stopped and nothing half-written is left. Ctrl-C again quits at once.\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const bar = err.isTTY && !process.env.CI ? new SingleBar({ stream: err, format: '{bar} {value}/{total} {last}', hideCursor: true },
    undefined) : undefined;
  bar?.start(jobs.length, 0, { last: '' });
  let failed = 0;
  let finished = 0;
  try {
    await mapBounded(jobs, Math.max(1, opts.concurrency), async (job) => {
      if (controller.signal.aborted) return;
      let result: JobResult | undefined;
      let error: string | undefined;
      try {
        result = await job.run(controller.signal);
      } catch (e) {
        if (controller.signal.aborted && isCancelled(e)) return;
        error = errorLine(e);
        failed++;
      }
      finished++;
      const cost = result?.cost ?? result?.estimate;
      if (opts.json) {
        out.write(JSON.stringify({ input: job.input, outputs: result?.outputs ?? [], cost: cost ?? null,
          requestIds: result?.requestIds ?? [], error: error ?? null }) + '\n');
      }
      const line = error ? `failed ${job.input}: ${error}`
        : `${job.input} -> ${result!.outputs.join(', ')}${cost ? ` (${costText(result!)})` : ''}`;
      if (bar) {
        bar.update(finished, { last: job.input });
        if (error) {
          // A failure stays on screen above the bar.
          bar.stop();
          err.write(`${line}\n`);
          bar.start(jobs.length, finished, { last: job.input });
        }
      } else if (error) {
        err.write(`${line}\n`);
      } else if (!opts.json) {
        out.write(`${line}\n`);
      } else {
        err.write(`[${finished}/${jobs.length}] ${job.input}\n`);
      }
    });
  } finally {
    bar?.stop();
    process.off('SIGINT', onSigint);
  }
  if (controller.signal.aborted) {
    err.write(`Cancelled after ${finished} of ${jobs.length} input(s); no partial file was left.\n`);
    return EXIT.cancelled;
  }
  if (!opts.json || bar) err.write(`${finished - failed} of ${jobs.length} input(s) done${failed ? `, ${failed} failed` : ''}.\n`);
  return failed ? EXIT.someFailed : EXIT.ok;
}

/** Refuses the batch when its estimate is over `max` USD, or cannot be made for some input. */
async function guardCost(jobs: Job[], max: number): Promise<void> {
  let total = 0;
  for (const job of jobs) {
    const estimate = await job.estimate();
    if (!estimate.cost) {
      throw new RefusedError(`--max-cost cannot be checked: ${job.input} has no estimate (${estimate.why ?? estimate.model}). ` +
        'Nothing was sent.');
    }
    total += estimate.cost.usd;
  }
  if (total > max) {
    throw new RefusedError(`The estimate for ${jobs.length} input(s) is ${formatUsd(total)}, above --max-cost ${formatUsd(max)}. ` +
      'Nothing was sent; raise --max-cost or give fewer inputs (--shard splits them).');
  }
}

function estimateLine(estimate: RunEstimate): string {
  return estimate.cost ? `≈ ${formatUsd(estimate.cost.usd)} (${estimate.cost.basis})` : `no estimate: ${estimate.why ?? ''}`;
}

function costText(result: JobResult): string {
  return result.cost ? formatUsd(result.cost.usd) : `≈ ${formatUsd(result.estimate!.usd)}`;
}

/**
 * An error's sentence in English: the core's own words for its errors (a `{setting}` named as the command line sets
 * it), the system's for the others.
 */
export function errorLine(e: unknown): string {
  if (WordedError.is(e)) return english(forCommandLine(e.text));
  if (MediaApiError.is(e) && e.text) {
    const ours = english(forCommandLine(e.text));
    return e.serviceMessage ? `${ours} The service said: ${e.serviceMessage}` : ours;
  }
  return e instanceof Error ? e.message : String(e);
}

function forCommandLine(m: Message): Message {
  const args: Record<string, MessageArg> = {};
  for (const [name, value] of Object.entries(m.args ?? {})) {
    args[name] = isMessage(value) ? forCommandLine(value)
      : name === 'setting' && typeof value === 'string' ? (cliSettingName(value) ?? value) : value;
  }
  return { ...m, args };
}
