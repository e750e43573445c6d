// azure-openai-media: the extension's engine from a terminal or a CI job (dist/cli.js, the package's `bin`). It imports
// the core only; every run goes through core/engine as the extension's do, so the outputs are the same files.
import { Command, CommanderError, Option } from 'commander';
import { AUDIO_EXTENSIONS, EDIT_IMAGE_EXTENSIONS, modelSetting, type OperationId } from '../core/catalog';
import { AzureOpenAIMediaClient } from '../core/client';
import { MediaEngine, paramsOf, type OutputRecord } from '../core/engine';
import { NodeFiles } from '../core/engine/nodeFiles';
import { english } from '../core/messages';
import type { Logger } from '../core/types';
import { nullLogger } from '../core/types';
import { authFor, checkEndpoint, envKey, loadConfiguration, UsageError } from './config';
import { addCatalogFlags, catalogOptions } from './flags';
import { expandInputs, readStdin, readText, shardOf } from './inputs';
import { EXIT, errorLine, RefusedError, runBatch, type Job, type JobResult } from './run';

interface CommonOptions {
  out?: string;
  settings?: string;
  deployment?: string;
  model?: string;
  apiVersion?: string;
  entra?: boolean;
  json?: boolean;
  dryRun?: boolean;
  maxCost?: number;
  concurrency: number;
  shard?: string;
  verbose?: boolean;
  prompt?: string;
  promptFile?: string[];
  mask?: string;
}

/** The tool's own flags; a catalog field may not take one of these names (flags.ts checks). */
const RESERVED = new Set(['out', 'settings', 'deployment', 'model', 'api-version', 'entra', 'json', 'dry-run', 'max-cost', 'concurrency',
  'shard', 'verbose', 'prompt-file', 'mask', 'help', 'version']);

/** A command: its name on the command line (a verb) and the operation it runs. */
interface Spec {
  name: string;
  operation: OperationId;
  summary: string;
  inputs: string;
}

const SPECS: Spec[] = [
  { name: 'transcribe', operation: 'transcription', inputs: '<audio...>',
    summary: 'Transcribe audio files or globs; each transcript is written beside its audio (or in --out), as the extension does.' },
  { name: 'translate', operation: 'translation', inputs: '<audio...>',
    summary: 'Translate audio files or globs into English text (talk.wav -> talk.en.txt).' },
  { name: 'speak', operation: 'speech', inputs: '[text-files...]',
    summary: 'Speak text files (or standard input, or "-"); long texts go in parts joined into one file.' },
  { name: 'image', operation: 'imageGeneration', inputs: '[prompts...]',
    summary: 'Generate images from prompts (arguments, or --prompt-file files); named from the prompt.' },
  { name: 'edit', operation: 'imageEdit', inputs: '<images...>',
    summary: 'Edit PNG or JPEG images with a --prompt (and an optional --mask); cat.png -> cat.edited.png.' },
];

export function program(): Command {
  const root = new Command('azure-openai-media')
    .description('Azure OpenAI audio and images from a terminal or CI, with the VS Code extension\'s engine and outputs.\n' +
      'Configuration: AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY (or Microsoft Entra ID with --entra), AZURE_OPENAI_API_VERSION,\n' +
      'AZURE_OPENAI_DEPLOYMENT_<OPERATION> and AZURE_OPENAI_MODEL_<OPERATION>, or --settings .vscode/settings.json.\n' +
      'Exit codes: 0 all done, 1 some inputs failed (the rest done), 2 usage (or refused by --max-cost), 130 cancelled.')
    .showHelpAfterError('(add --help for the options)')
    .exitOverride();
  for (const spec of SPECS) {
    const command = root.command(spec.name).description(spec.summary).argument(spec.inputs).exitOverride();
    command
      .option('--out <dir>', 'write every output into this folder')
      .option('--settings <file>', 'read the azureOpenAIMedia.* values of a VS Code settings file (JSON with comments)')
      .option('--deployment <name>', `the deployment (else AZURE_OPENAI_DEPLOYMENT_${envKey(spec.operation)} or the settings)`)
      .option('--api-version <version>', 'the api-version, or v1 (else AZURE_OPENAI_API_VERSION or the settings)')
      .option('--entra', 'sign in with Microsoft Entra ID (DefaultAzureCredential) instead of a key')
      .option('--json', 'one JSON line per input: input, outputs, cost, requestIds, error')
      .option('--dry-run', 'show what would be sent and what it would cost; send nothing')
      .addOption(new Option('--max-cost <usd>', 'refuse the batch when its estimate is above this many US dollars').argParser(positive))
      .addOption(new Option('--concurrency <n>', 'inputs in flight at once').default(2).argParser(positiveInteger))
      .option('--shard <k/n>', 'only the k-th of n disjoint shares of the inputs (a CI matrix)')
      .option('--verbose', 'log requests, retries and timings to standard error');
    const modelEnv = `AZURE_OPENAI_MODEL_${envKey(spec.operation)}`;
    if (modelSetting(spec.operation)) {
      command.option('--model <name>', `the model behind the deployment (else ${modelEnv} or the settings)`);
    }
    if (spec.operation === 'imageGeneration' || spec.operation === 'imageEdit') {
      command.option('--prompt-file <files...>', 'read prompts from files (one prompt per file)');
    }
    if (spec.operation === 'imageEdit') {
      command.option('--prompt <text>', 'what to change').option('--mask <png>', 'a PNG mask, transparent where the image should change');
    }
    addCatalogFlags(command, spec.operation, new Set([...RESERVED, ...(spec.operation === 'imageEdit' ? ['prompt'] : [])]));
    command.action(async (inputs: string[] | string | undefined, opts: CommonOptions & Record<string, unknown>) => {
      process.exitCode = await runCommand(spec, ([] as string[]).concat(inputs ?? []), opts);
    });
  }
  root.command('estimate').description('What a run would cost, without sending: `estimate transcribe "talks/*.mp3"` (= --dry-run).')
    .argument('<command>').argument('[args...]');
  return root;
}

async function runCommand(spec: Spec, inputs: string[], opts: CommonOptions & Record<string, unknown>): Promise<number> {
  const { cfg, root } = loadConfiguration(opts, spec.operation);
  const files = new NodeFiles({ root, out: opts.out });
  const log: Logger = opts.verbose ? stderrLogger : nullLogger;
  let client: Promise<AzureOpenAIMediaClient> | undefined;
  const clientOnce = (): Promise<AzureOpenAIMediaClient> => (client ??= authFor(cfg, !!opts.entra).then((auth) =>
    new AzureOpenAIMediaClient({
      endpoint: cfg.endpoint, apiVersion: cfg.apiVersion, auth, logger: log, headers: headersOf(cfg.requestHeaders, cfg.gatewayKeyHeader),
    })));
  const engine = new MediaEngine<string>({
    settings: () => cfg,
    prepare: () => Promise.resolve(true),
    client: clientOnce,
    files,
    log,
    word: english,
  });
  const options = catalogOptions(spec.operation, opts);
  const jobs = shardOf(await jobsFor(spec, engine, inputs, opts, options), opts.shard);
  if (!opts.dryRun) {
    checkEndpoint(cfg);
    // Asked once before the batch (a prompt for the key on a terminal), not by the first of several requests at once.
    if (jobs.length) await clientOnce();
  }
  return runBatch(jobs, { json: !!opts.json, dryRun: !!opts.dryRun, maxCost: opts.maxCost, concurrency: opts.concurrency });
}

async function jobsFor(
  spec: Spec, engine: MediaEngine<string>, inputs: string[], opts: CommonOptions, options: Record<string, unknown>,
): Promise<Job[]> {
  const files = (records: OutputRecord[], extra: string[] = []): JobResult => ({
    outputs: [...records.map((r) => r.output), ...extra],
    cost: sum(records.map((r) => r.cost)),
    estimate: sum(records.map((r) => r.estimate)),
    requestIds: [...new Set(records.flatMap((r) => r.requestIds ?? []))],
  });
  switch (spec.operation) {
    case 'transcription':
    case 'translation': {
      const operation = spec.operation;
      return (await expandInputs(inputs, AUDIO_EXTENSIONS)).map((audio) => ({
        input: audio,
        estimate: async () => engine.estimateRun({ operation, seconds: await engine.audioSeconds(audio), model: opts.model }),
        request: async () => paramsOf(operation === 'transcription'
          ? await engine.transcriptionRequest(audio, options) : await engine.translationRequest(audio, options)),
        run: async (signal) => {
          const done = operation === 'transcription'
            ? await engine.transcribe(audio, options, { signal }) : await engine.translate(audio, options, { signal });
          return files([done.record]);
        },
      }));
    }
    case 'speech': {
      const texts = inputs.length && !(inputs.length === 1 && inputs[0] === '-')
        ? (await expandInputs(inputs)).map((file) => ({ input: file, text: readText(file) }))
        : [{ input: '(standard input)', text: await stdinText() }];
      return texts.map(({ input, text }) => ({
        input,
        estimate: () => Promise.resolve(engine.estimateRun({ operation: 'speech', characters: [...text].length, options })),
        request: () => Promise.resolve(paramsOf(engine.speechRequest(text, options))),
        run: async (signal) => files([(await engine.speak(text, options, { signal })).record]),
      }));
    }
    case 'imageGeneration': {
      const prompts = [...inputs, ...(opts.promptFile ?? []).map((f) => readText(f).trim())];
      if (!prompts.length) throw new UsageError('No prompt was given: add one as an argument, or --prompt-file FILE.');
      return prompts.map((prompt) => ({
        input: prompt,
        estimate: () => Promise.resolve(engine.estimateRun({ operation: 'imageGeneration', options })),
        request: () => Promise.resolve(paramsOf(engine.imageRequest(prompt, options))),
        run: async (signal) => files((await engine.generateImages(prompt, options, { signal })).records),
      }));
    }
    case 'imageEdit': {
      const prompt = opts.prompt ?? (opts.promptFile?.length ? readText(opts.promptFile[0]).trim() : undefined);
      if (!prompt) throw new UsageError('No prompt was given: add --prompt "what to change", or --prompt-file FILE.');
      const mask = opts.mask ? { file: opts.mask } : undefined;
      return (await expandInputs(inputs, EDIT_IMAGE_EXTENSIONS)).map((image) => ({
        input: image,
        estimate: () => Promise.resolve(engine.estimateRun({ operation: 'imageEdit', options })),
        request: async () => paramsOf(await engine.editRequest([image], mask, prompt, options)),
        run: async (signal) => files((await engine.editImage([image], mask, prompt, options, { signal })).records),
      }));
    }
    default:
      throw new UsageError(`The command line has no command for ${String(spec.operation)}.`); // SPECS names none
  }
}

async function stdinText(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new UsageError('No text was given: name text files, or pipe the text in (echo "Hello" | azure-openai-media speak).');
  }
  return readStdin();
}

function sum(costs: Array<{ usd: number; basis: string } | undefined>): { usd: number; basis: string } | undefined {
  const present = costs.filter((c): c is { usd: number; basis: string } => !!c);
  if (!present.length) return undefined;
  return { usd: present.reduce((a, c) => a + c.usd, 0), basis: present.map((c) => c.basis).join(' + ') };
}

/** requestHeaders from the settings, and a gateway's key from AZURE_OPENAI_GATEWAY_KEY under gatewayKeyHeader. */
function headersOf(headers: Record<string, string>, gatewayKeyHeader: string): Record<string, string> {
  const key = process.env.AZURE_OPENAI_GATEWAY_KEY?.trim();
  return gatewayKeyHeader && key ? { ...headers, [gatewayKeyHeader]: key } : { ...headers };
}

function positive(raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`--max-cost ${raw} is not an amount of US dollars, e.g. --max-cost 5.`);
  return value;
}

function positiveInteger(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 64) throw new UsageError(`--concurrency ${raw} is not a whole number from 1 to 64.`);
  return value;
}

const stderrLogger: Logger = {
  trace: () => undefined,
  info: (m) => process.stderr.write(`${m}\n`),
  warn: (m) => process.stderr.write(`warning: ${m}\n`),
  error: (m) => process.stderr.write(`error: ${m}\n`),
};

/** Runs the tool with `argv` (without node and the script) and returns its exit code. */
export async function main(argv: string[]): Promise<number> {
  // `estimate transcribe …` is `transcribe --dry-run …`.
  const args = argv[0] === 'estimate' && argv.length > 1 && argv[1] !== '--help' ? [argv[1], '--dry-run', ...argv.slice(2)] : argv;
  process.exitCode = 0;
  try {
    await program().parseAsync(args, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UsageError || e instanceof RefusedError) {
      process.stderr.write(`azure-openai-media: ${e.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`azure-openai-media: ${errorLine(e)}\n`);
    return EXIT.someFailed;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
