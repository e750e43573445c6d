import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { AzureOpenAIMediaClient } from '../core/client';
import { MediaApiError } from '../core/errors';
import { speakAny, transcribeAny } from '../core/long';
import { mimeTypeForName, readImageSize } from '../core/media';
import { apiSurface, fieldFor, requestOptions, type OperationId } from '../core/catalog';
import { actualCost, estimate, formatUsd, mergePrices, type Cost, type PriceTable } from '../core/cost';
import { editedImageName, imageNames, namedAs, nameFromText, speechExtension, transcriptName } from '../core/naming';
import {
  audioDataUrl, diarizedMarkdown, diarizedSrt, diarizedVtt, isDiarizing, knownSpeakersProblem, type KnownSpeaker, wavSeconds,
} from '../core/speakers';
import type {
  ImageEditRequest,
  ImageGenerationRequest,
  ImageOutputFormat,
  ImagesResult,
  PartialImage,
  SpeechFormat,
  SpeechRequest,
  TranscriptionRequest,
  TranscriptResult,
  TranslationRequest,
  UploadSource,
} from '../core/types';
import type { ClientProvider } from './clientProvider';
import { audioSeconds, whyNoEstimate, type RunEstimate } from './costEstimate';
import { readConfiguration, settingValue, type ConfigurationService, type MediaConfiguration } from './configuration';
import type { HistoryStore } from './history';
import { localize } from './errorText';
import { msg, type Message } from '../core/messages';
import { elapsed, type Log } from './log';
import type { Destination, Destinations } from './destination';
import { workspaceRelative, type WorkspaceOutput } from './output';

export type Operation = 'transcription' | 'translation' | 'speech' | 'image' | 'imageEdit';

/** One output the extension wrote, as the history keeps it. */
export interface OutputRecord {
  id: string;
  operation: Operation;
  /** Workspace-relative path (a URI string when the file is outside the workspace). */
  output: string;
  createdAt: number;
  /** What was sent, minus file bytes (files appear by name). */
  params: Record<string, unknown>;
  /** The input file, workspace-relative. */
  source?: string;
  /** The workspace folder the output belongs to, by name (in a window of several folders). */
  folder?: string;
  mask?: string;
  prompt?: string;
  revisedPrompt?: string;
  /** What the run cost, from the answer's `usage` and the price table (core/cost.ts); absent without usage. */
  cost?: { usd: number; basis: string };
  /** The estimate before the run (this output's share), kept for runs whose answer carried no usage. */
  estimate?: { usd: number; basis: string };
  /** Subtitles written beside a transcript by speaker. */
  extraOutputs?: string[];
}

export interface RunControl {
  signal?: AbortSignal;
  /**
   * The document (or workspace folder) a speech or image run comes from: its workspace folder's outputFolder takes
   * the output. Without one, the window's folder (asked once when there are several) or the save dialog.
   */
  origin?: vscode.Uri;
  onPartialImage?: (p: PartialImage) => void;
  /** "part k of n" while a long recording or text goes in parts. */
  onProgress?: (message: string) => void;
  /**
   * Streamed transcript text as it arrives; asks for a stream where the model streams and transcription.stream is on.
   * `textSoFar` is that of part `part` (0, 1, … in the recording's order; a long recording goes in parts, maybe at once).
   */
  onTranscriptDelta?: (delta: string, textSoFar: string, part: number) => void;
}

/** Each operation's request minus what the service fills in (deployment, files, the text). Defaults come from settings. */
export type TranscriptionOptions = Omit<TranscriptionRequest, 'deployment' | 'file'>;
export type TranslationOptions = Omit<TranslationRequest, 'deployment' | 'file'>;
export type SpeechOptions = Omit<SpeechRequest, 'deployment' | 'input'>;
export type ImageOptions = Omit<ImageGenerationRequest, 'deployment' | 'prompt'>;
export type ImageEditOptions = Omit<ImageEditRequest, 'deployment' | 'images' | 'mask' | 'prompt'>;

/** What a run will be priced from: the audio's length, the text's characters, or the image options (× `runs` requests). */
export type EstimateRequest =
  | { operation: 'transcription' | 'translation'; seconds: number; model?: string }
  | { operation: 'speech'; characters: number; options?: Partial<SpeechOptions> }
  | { operation: 'image'; options?: Partial<ImageOptions>; runs?: number }
  | { operation: 'imageEdit'; options?: Partial<ImageEditOptions>; runs?: number };

export interface TranscriptOutcome {
  result: TranscriptResult;
  output: vscode.Uri;
  record: OutputRecord;
  /** Subtitles with the speaker in each cue, beside a transcript by speaker (transcription.subtitles). */
  subtitles: vscode.Uri[];
}
export interface ImagesOutcome {
  outputs: vscode.Uri[];
  result: ImagesResult;
  records: OutputRecord[];
  /** The mask the edit used, as a workspace file (a painted mask is saved beside the image once the edit succeeded). */
  mask?: vscode.Uri;
}

/** A mask painted in the Studio: sent from memory, saved as `name` beside the image only once the edit succeeded. */
export interface PaintedMask {
  name: string;
  data: Uint8Array;
}

/**
 * The one way the commands and the Studio reach Azure OpenAI: settings supply the defaults, the caller's options win,
 * the client does the request, outputs are written into the workspace (never over a file, never half-written) and
 * recorded in the history.
 */
export class MediaService {
  constructor(
    private readonly config: ConfigurationService,
    private readonly clients: ClientProvider,
    private readonly output: WorkspaceOutput,
    private readonly places: Destinations,
    private readonly history: HistoryStore,
    private readonly log: Log,
  ) {}

  /** The transcript is written beside the audio, named after it (`talk.wav` -> `talk.txt`). */
  async transcribe(audio: vscode.Uri, options: Partial<TranscriptionOptions>, ctl: RunControl = {}): Promise<TranscriptOutcome> {
    const cfg = await this.begin();
    const model = options.model ?? cfg.models.transcription;
    const surface = apiSurface(cfg.apiVersion);
    const diarize = isDiarizing(model);
    // known speakers are files of the audio's own folder, under that folder's setting
    const speakers = readConfiguration(audio).transcription.knownSpeakers;
    const known = diarize && !options.known_speaker_names ? await this.knownSpeakers(audio, speakers) : {};
    const request = {
      deployment: cfg.deployments.transcription,
      model,
      file: await this.upload(audio),
      ...fromSettings(cfg, 'transcription', model, options),
      ...known,
    } as TranscriptionRequest;
    // A diarizing model's transcript is by speaker unless the caller asks for another format; chunking_strategy is
    // required by it over 30 s and harmless below, so it is always sent.
    if (diarize && options.response_format === undefined) request.response_format = 'diarized_json';
    if (diarize && options.chunking_strategy === undefined) request.chunking_strategy = 'auto';
    const onDelta = ctl.onTranscriptDelta;
    if (onDelta && cfg.transcription.stream && fieldFor('transcription', model, 'stream', surface).supported) request.stream = true;
    // Over the upload limit the recording goes in parts (core/long), chained by prompt where the model takes one.
    const chain = fieldFor('transcription', model, 'prompt', surface).supported;
    // Parts are sent in their order, so the n-th request is part n.
    let sent = 0;
    const send = (client: AzureOpenAIMediaClient, part: TranscriptionRequest, s: AbortSignal | undefined): Promise<TranscriptResult> => {
      const index = sent++;
      return client.transcribe(part, { signal: s, onDelta: onDelta && ((delta, soFar) => onDelta(delta, soFar, index)) });
    };
    return this.runTranscript('transcription', audio, request, ctl, (client, opts) =>
      transcribeAny(request, chain, (part, s) => send(client, part, s), this.longOptions(opts.signal, ctl)),
    {
      subtitles: request.response_format === 'diarized_json' ? cfg.transcription.subtitles : [],
    });
  }

  /** The English translation is written beside the audio (`talk.wav` -> `talk.en.txt`). */
  async translate(audio: vscode.Uri, options: Partial<TranslationOptions>, ctl: RunControl = {}): Promise<TranscriptOutcome> {
    const cfg = await this.begin();
    const request = {
      deployment: cfg.deployments.translation,
      file: await this.upload(audio),
      ...fromSettings(cfg, 'translation', 'whisper', options),
    } as TranslationRequest;
    return this.runTranscript('translation', audio, request, ctl, (client, opts) =>
      transcribeAny(request, true, (part, s) => client.translate(part, { signal: s }), this.longOptions(opts.signal, ctl)),
    );
  }

  /** The audio is written to the output folder, named from the text. */
  async speak(
    text: string,
    options: Partial<SpeechOptions>,
    ctl: RunControl = {},
  ): Promise<{ output: vscode.Uri; record: OutputRecord; format: SpeechFormat; note?: string }> {
    const cfg = await this.begin();
    const model = options.model ?? cfg.models.speech;
    const request = {
      deployment: cfg.deployments.speech,
      model,
      input: text,
      // The configured voice even when the model does not speak it: validation then says which voices it does.
      voice: cfg.speech.voice,
      ...fromSettings(cfg, 'speech', model, options),
    } as SpeechRequest;
    const generatedName = (format: SpeechFormat): string => `${nameFromText(text, 40, 'speech')}${speechExtension(format)}`;
    const place = await this.places.resolve({ from: ctl.origin }, generatedName(request.response_format ?? 'mp3'));
    const started = Date.now();
    this.log.info(`speech: deployment ${request.deployment}, voice ${request.voice}, ${text.length} characters…`);
    const client = await this.clients.client(cfg);
    const requestIds: string[] = [];
    // Over the input limit the text goes in parts, joined into one file (core/long).
    const speech = await speakAny(request, async (part, signal) => {
      const sink = new MemorySink();
      const r = await client.speak(part, sink, { signal });
      if (r.requestId) requestIds.push(r.requestId);
      return sink.bytes();
    }, this.longOptions(ctl.signal, ctl));
    const [name] = outputNames(place, [generatedName(speech.format)]);
    const output = await this.output.write(place.folder, name, speech.bytes, ctl.signal);
    const note = speech.note && localize(speech.note);
    if (note) this.log.info(`speech: ${note}`);
    const from = speech.parts > 1 ? ` from ${speech.parts} parts` : '';
    const ids = requestIdText(requestIds.join(', '));
    this.log.info(`speech: ${speech.bytes.byteLength} bytes${from} -> ${workspaceRelative(output)} in ${elapsed(started)}${ids}.`);
    const estimated = this.estimateRun({ operation: 'speech', characters: [...text].length, options: { model } }).cost;
    const record = this.record('speech', output, paramsOf(request), { prompt: text, estimate: estimated });
    await this.history.add([record]);
    return { output, record, format: speech.format, note };
  }

  /** Images are written to the output folder, named from the prompt. */
  async generateImages(prompt: string, options: Partial<ImageOptions>, ctl: RunControl = {}): Promise<ImagesOutcome> {
    const cfg = await this.begin();
    const model = options.model ?? cfg.models.image;
    const request = {
      deployment: cfg.deployments.image,
      model,
      prompt,
      ...streamOnlyWhenWatched(fromSettings(cfg, 'imageGeneration', model, options), options, ctl),
    } as ImageGenerationRequest;
    const place = await this.places.resolve({ from: ctl.origin }, imageNames(prompt, 1, request.output_format ?? 'png')[0]);
    const started = Date.now();
    this.log.info(`image: deployment ${request.deployment} (${model}), size ${request.size ?? 'default'}, n ` +
      `${request.n ?? 1}${request.stream ? ', streaming' : ''}…`);
    const client = await this.clients.client(cfg);
    const result = await client.generateImages(request, { signal: ctl.signal, onPartialImage: ctl.onPartialImage });
    const images = await this.imageBytes(client, result, ctl.signal);
    const format = formatOf(images[0], request.output_format);
    const names = outputNames(place, imageNames(prompt, images.length, format));
    const outputs = await this.output.writeAll(place.folder, images.map((data, n) => ({ name: names[n], data })), ctl.signal);
    this.log.info(`image: ${outputs.length} image(s) -> ${outputs.map(workspaceRelative).join(', ')} in ` +
      `${elapsed(started)}${requestIdText(result.requestId)}.`);
    const params = paramsOf(request);
    const cost = shareOf(actualCost(model, result.usage, this.prices()), outputs.length);
    const estimated = shareOf(this.estimateRun({ operation: 'image', options: { ...options, model } }).cost, outputs.length);
    const records = outputs.map((uri, n) =>
      this.record('image', uri, params, { prompt, revisedPrompt: result.data[n]?.revised_prompt, cost, estimate: estimated }),
    );
    await this.history.add(records);
    return { outputs, result, records };
  }

  /**
   * The edited image is written beside the original (`cat.png` -> `cat.edited.png`). Several images (the API's
   * `image[]`) are sent together; the first one names the output and takes the mask.
   */
  async editImage(
    images: vscode.Uri | readonly vscode.Uri[],
    mask: vscode.Uri | Uint8Array | PaintedMask | undefined,
    prompt: string,
    options: Partial<ImageEditOptions>,
    ctl: RunControl = {},
  ): Promise<ImagesOutcome> {
    const sources = images instanceof vscode.Uri ? [images] : [...images];
    const image = sources[0];
    const cfg = await this.begin();
    const model = options.model ?? cfg.models.imageEdit;
    const uploads = [];
    for (const source of sources) uploads.push(await this.upload(source));
    const request = compact({
      deployment: cfg.deployments.imageEdit,
      model,
      images: uploads,
      mask:
        mask === undefined ? undefined
        : mask instanceof Uint8Array ? { name: 'mask.png', data: mask }
        : mask instanceof vscode.Uri ? await this.upload(mask)
        : { name: mask.name, data: mask.data },
      prompt,
      ...streamOnlyWhenWatched(fromSettings(cfg, 'imageEdit', model, options), options, ctl),
    }) as ImageEditRequest;
    const place = await this.places.resolve({ beside: image }, editedImageName(basename(image), request.output_format));
    const started = Date.now();
    this.log.info(
      `image edit: deployment ${request.deployment} (${model}), ${sources.map(basename).join(', ')}${request.mask ? ' with a mask' : ''}…`);
    const client = await this.clients.client(cfg);
    const result = await client.editImages(request, { signal: ctl.signal, onPartialImage: ctl.onPartialImage });
    const edited = await this.imageBytes(client, result, ctl.signal);
    const names = outputNames(place, edited.map((data) => editedImageName(basename(image), formatOf(data, undefined))));
    const files = edited.map((data, n) => ({ name: names[n], data }));
    const painted = mask !== undefined && !(mask instanceof Uint8Array) && !(mask instanceof vscode.Uri) ? mask : undefined;
    // The painted mask goes in the same batch as the outputs: both are written, or neither is.
    const written = await this.output.writeAll(place.folder, painted ? [...files, { name: painted.name, data: painted.data }] : files,
      ctl.signal);
    const outputs = written.slice(0, files.length);
    const maskFile = painted ? written[files.length] : mask instanceof vscode.Uri ? mask : undefined;
    this.log.info(`image edit: ${outputs.length} image(s) -> ${outputs.map(workspaceRelative).join(', ')} in ` +
      `${elapsed(started)}${requestIdText(result.requestId)}.`);
    const params = paramsOf(request);
    const cost = shareOf(actualCost(model, result.usage, this.prices()), outputs.length);
    const estimated = shareOf(this.estimateRun({ operation: 'imageEdit', options: { ...options, model } }).cost, outputs.length);
    const records = outputs.map((uri, n) =>
      this.record('imageEdit', uri, params, {
        prompt,
        cost,
        estimate: estimated,
        source: workspaceRelative(image),
        mask: maskFile ? workspaceRelative(maskFile) : undefined,
        revisedPrompt: result.data[n]?.revised_prompt,
      }),
    );
    await this.history.add(records);
    return { outputs, result, records, mask: maskFile };
  }

  /** Reads the settings and makes sure auth is ready (asking for a key when none is stored). */
  private async begin(): Promise<MediaConfiguration> {
    const cfg = this.config.value;
    if (!(await this.clients.prepare(cfg))) throw new MediaApiError('cancelled', msg('cancelled.operation')); // declined to authenticate
    return cfg;
  }

  private async runTranscript(
    operation: 'transcription' | 'translation',
    audio: vscode.Uri,
    request: TranscriptionRequest | TranslationRequest,
    ctl: RunControl,
    call: (client: Awaited<ReturnType<ClientProvider['client']>>, opts: { signal?: AbortSignal }) => Promise<TranscriptResult>,
    extra: { subtitles?: Array<'srt' | 'vtt'> } = {},
  ): Promise<TranscriptOutcome> {
    const started = Date.now();
    this.log.info(`${operation}: deployment ${request.deployment}, ${basename(audio)}, format ${request.response_format ?? 'json'}…`);
    const translated = operation === 'translation';
    const proposed = transcriptName(basename(audio), request.response_format ?? 'json', translated);
    const place = await this.places.resolve({ beside: audio }, proposed);
    const folder = place.folder;
    const client = await this.clients.client();
    const result = await call(client, { signal: ctl.signal });
    const [name] = outputNames(place, [transcriptName(basename(audio), result.format, translated)]);
    const output = await this.output.write(folder, name, new TextEncoder().encode(transcriptText(result)), ctl.signal);
    const subtitles: vscode.Uri[] = [];
    if (result.format === 'diarized_json') {
      for (const kind of extra.subtitles ?? []) {
        const text = kind === 'srt' ? diarizedSrt(result.segments) : diarizedVtt(result.segments);
        const subtitleName = transcriptName(basename(audio), kind, false);
        subtitles.push(await this.output.write(folder, subtitleName, new TextEncoder().encode(text), ctl.signal));
      }
    }
    const model = 'model' in request && request.model ? request.model : 'whisper-1';
    const cost = 'usage' in result ? actualCost(model, result.usage, this.prices()) : undefined;
    this.log.info(
      `${operation}: ${workspaceRelative(output)} in ${elapsed(started)}${requestIdText(result.requestId)}` +
        `${cost ? `, cost ${formatUsd(cost.usd)} (${cost.basis})` : ''}.`,
    );
    const estimated = cost ? undefined
      : this.estimateRun({ operation, seconds: await audioSeconds(audio).catch(() => 0), model }).cost;
    const record = this.record(operation, output, paramsOf(request), {
      source: workspaceRelative(audio),
      cost,
      estimate: estimated,
      extraOutputs: subtitles.length ? subtitles.map(workspaceRelative) : undefined,
    });
    await this.history.add([record]);
    return { result, output, record, subtitles };
  }

  /**
   * What a run would cost, priced as the run would be sent: the model and options from the settings, the caller's
   * options over them (core/catalog requestOptions), the user's prices over the table. No cost: `why` says why.
   */
  estimateRun(input: EstimateRequest): RunEstimate {
    const cfg = this.config.value;
    const prices = this.prices();
    let model: string;
    let cost: Cost | undefined;
    switch (input.operation) {
      case 'transcription':
      case 'translation':
        // Only whisper translates: a translation is priced as whisper-1.
        model = input.operation === 'translation' ? 'whisper-1' : input.model ?? cfg.models.transcription;
        cost = estimate(model, { operation: input.operation, seconds: input.seconds }, prices);
        break;
      case 'speech':
        model = input.options?.model ?? cfg.models.speech;
        cost = estimate(model, { operation: 'speech', characters: input.characters }, prices);
        break;
      case 'image':
      case 'imageEdit': {
        model = input.options?.model ?? (input.operation === 'image' ? cfg.models.image : cfg.models.imageEdit);
        const fields = fromSettings(cfg, input.operation === 'image' ? 'imageGeneration' : 'imageEdit', model, input.options ?? {});
        const n = (typeof fields.n === 'number' ? fields.n : 1) * Math.max(1, input.runs ?? 1);
        cost = estimate(model, { operation: 'image', n, quality: fields.quality as string | undefined,
          size: fields.size as string | undefined }, prices);
        break;
      }
    }
    return cost ? { model, cost } : { model, why: whyNoEstimate(model, prices) };
  }

  /** azureOpenAIMedia.cost.confirmAbove: above this estimate (USD) a command asks before it runs; 0 = never. */
  get costLimit(): number {
    return this.config.value.cost.confirmAbove;
  }

  /** The price table with the user's azureOpenAIMedia.cost.prices merged over it. */
  prices(): PriceTable {
    const { prices, ignored } = mergePrices(this.config.value.cost.prices);
    if (ignored.length) this.log.warn(`azureOpenAIMedia.cost.prices: ignored entries that are not prices: ${ignored.join(', ')}.`);
    return prices;
  }

  /**
   * transcription.knownSpeakers (name -> workspace audio file) as the request's paired names and data-URL references.
   * Paths are relative to the audio's workspace folder; WAV clips are checked for 2–10 s here, others by the service.
   */
  private async knownSpeakers(
    audio: vscode.Uri,
    speakers: Record<string, string>,
  ): Promise<Pick<TranscriptionRequest, 'known_speaker_names' | 'known_speaker_references'>> {
    const entries = Object.entries(speakers).filter(([name, path]) => name.trim() && path.trim());
    if (!entries.length) return {};
    const root = vscode.workspace.getWorkspaceFolder(audio)?.uri ?? vscode.Uri.joinPath(audio, '..');
    const clips: KnownSpeaker[] = [];
    for (const [name, path] of entries) {
      const uri = /^[a-z][\w+.-]*:/i.test(path) ? vscode.Uri.parse(path) : vscode.Uri.joinPath(root, path);
      let bytes: Uint8Array;
      try {
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch {
        throw new MediaApiError('validation', vscode.l10n.t(
          'The known speaker "{0}" refers to {1}, which cannot be read. Fix azureOpenAIMedia.transcription.knownSpeakers.', name, path), {
          field: 'known_speaker_references',
        });
      }
      clips.push({ name: name.trim(), reference: audioDataUrl(bytes, mimeTypeForName(path)), seconds: wavSeconds(bytes) });
    }
    const problem = knownSpeakersProblem(clips);
    if (problem) {
      const fix = vscode.l10n.t('Fix azureOpenAIMedia.transcription.knownSpeakers.');
      // Put into words here (a plain-string error is shown as it is): the fix names a setting only this layer knows.
      throw new MediaApiError('validation', `${localize(problem)} ${fix}`, { field: 'known_speaker_names' });
    }
    return { known_speaker_names: clips.map((c) => c.name), known_speaker_references: clips.map((c) => c.reference) };
  }

  private longOptions(signal: AbortSignal | undefined, ctl: RunControl) {
    const report = ctl.onProgress;
    return { signal, onProgress: report && ((m: Message) => report(localize(m))), logger: this.log };
  }

  /** A file on disk is streamed from its path; anywhere else (remote, virtual) it is read through workspace.fs. */
  private async upload(uri: vscode.Uri): Promise<UploadSource> {
    const name = basename(uri);
    if (uri.scheme === 'file') return { name, path: uri.fsPath };
    return { name, data: await vscode.workspace.fs.readFile(uri) };
  }

  private async imageBytes(
    client: Awaited<ReturnType<ClientProvider['client']>>,
    result: ImagesResult,
    signal: AbortSignal | undefined,
  ): Promise<Uint8Array[]> {
    const images: Uint8Array[] = [];
    for (const item of result.data) {
      if (item.b64_json) images.push(Buffer.from(item.b64_json, 'base64'));
      else if (item.url) images.push(await client.downloadImage(item.url, { signal }));
    }
    if (!images.length) throw new MediaApiError('badResponse', vscode.l10n.t('The service returned no image.'),
      { requestId: result.requestId });
    return images;
  }

  private record(operation: Operation, output: vscode.Uri, params: Record<string, unknown>, extra: Partial<OutputRecord>): OutputRecord {
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    const folder = multiRoot ? vscode.workspace.getWorkspaceFolder(output)?.name : undefined;
    return compact({ id: randomUUID(), operation, output: workspaceRelative(output), folder, createdAt: Date.now(), params, ...extra });
  }
}

/** The outputs' own names, or the name the user gave in the save dialog. */
function outputNames(place: Destination, generated: string[]): string[] {
  return place.name ? namedAs(place.name, generated) : generated;
}

/** The transcript file's contents: plain text as it came; JSON shapes pretty-printed without our own bookkeeping. */
export function transcriptText(result: TranscriptResult): string {
  if (result.format === 'text' || result.format === 'srt' || result.format === 'vtt') return result.text;
  if (result.format === 'diarized_json') return diarizedMarkdown(result.segments);
  const { format: _format, requestId: _requestId, ...rest } = result;
  delete (rest as { streamed?: boolean }).streamed;
  return JSON.stringify(rest, null, 2) + '\n';
}

/** What was sent, with files replaced by their names. */
function paramsOf(request: object): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) {
    if (key === 'file' || key === 'mask') params[key] = (value as UploadSource).name;
    else if (key === 'known_speaker_references') continue; // audio as data URLs: the names say enough
    else if (key === 'images') params[key] = (value as UploadSource[]).map((s) => s.name);
    else params[key] = value;
  }
  return params;
}

/** A run's cost split evenly over the images it made (one history entry each). */
function shareOf(cost: { usd: number; basis: string } | undefined, n: number): { usd: number; basis: string } | undefined {
  if (!cost || n <= 1) return cost;
  return { usd: cost.usd / n, basis: `1/${n} of ${cost.basis}` };
}

/** The request's options: the caller's, else the settings' values the model takes (src/core/catalog). */
function fromSettings(cfg: MediaConfiguration, operation: OperationId, model: string, options: object): Record<string, unknown> {
  const given = compact({ ...options, model: undefined }) as Record<string, unknown>;
  return requestOptions(operation, model, (id) => settingValue(cfg, id), given, apiSurface(cfg.apiVersion));
}

/** Partial images are asked for only when someone shows them (the Studio), or when the caller asks for streaming. */
function streamOnlyWhenWatched(fields: Record<string, unknown>, options: { stream?: boolean }, ctl: RunControl): Record<string, unknown> {
  if (ctl.onPartialImage || options.stream === true) return fields;
  const { stream: _stream, partial_images: _partials, ...rest } = fields;
  return rest;
}

/** Drops keys whose value is undefined, so requests and records carry only what was set. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function formatOf(bytes: Uint8Array, asked: ImageOutputFormat | undefined): ImageOutputFormat {
  return readImageSize(bytes)?.format ?? asked ?? 'png';
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function requestIdText(requestId: string | undefined): string {
  return requestId ? ` (request ${requestId})` : '';
}

/** Collects the streamed speech audio; it is written through workspace.fs once complete. */
class MemorySink extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    callback();
  }
  bytes(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}
