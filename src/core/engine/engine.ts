// The five operations as one engine: settings supply the defaults, the caller's options win, the client does the
// request (long recordings and texts in parts, core/long), outputs are written through a MediaFiles (never over a
// file, never half-written) and recorded. The extension's MediaService and the command line both run this code.
// What a run sends and costs is built in ./requests.ts.
import { Writable } from 'node:stream';
import { apiSurface, fieldFor, OPERATION_SPECS } from '../catalog';
import type { AzureOpenAIMediaClient } from '../client';
import { actualCost, formatUsd } from '../cost';
import { MediaApiError } from '../errors';
import { speakAny, transcribeAny } from '../long';
import { readImageSize } from '../media';
import { msg, type Message } from '../messages';
import { editedImageName, imageNames, namedAs, nameFromText, speechExtension, transcriptName } from '../naming';
import type { MediaConfiguration } from '../settings';
import { diarizedMarkdown, diarizedSrt, diarizedVtt } from '../speakers';
import type { ImageOutputFormat, ImagesResult, SpeechFormat, TranscriptionRequest, TranscriptResult, TranslationRequest } from '../types';
import { checkMaskedEdit, keepMaskedEdit, protectedAreaRecord } from './protectedArea';
import type { ImageEditOptions, ImageOptions, SpeechOptions, TranscriptionOptions, TranslationOptions } from './options';
import { outputRecord, paramsOf, shareOf } from './records';
import { MediaRequests } from './requests';
import type { Destination } from './files';
import type { EditMask, ImagesOutcome, RunControl, SpeechOutcome, TranscriptOutcome } from './types';

/** The runs of the five operations, on top of what each sends and costs (./requests.ts). */
export class MediaEngine<F> extends MediaRequests<F> {

  /** The transcript is written beside the audio, named after it (`talk.wav` -> `talk.txt`). */
  async transcribe(audio: F, options: Partial<TranscriptionOptions>, ctl: RunControl<F> = {}): Promise<TranscriptOutcome<F>> {
    const cfg = await this.begin();
    const request = await this.transcriptionRequest(audio, options, ctl, cfg);
    const onDelta = ctl.onTranscriptDelta;
    // Over the upload limit the recording goes in parts (core/long), prompted where the model takes a prompt.
    const prompted = fieldFor('transcription', request.model, 'prompt', apiSurface(cfg.apiVersion)).supported;
    // Parts start in their order (part 1 alone first), so the n-th request is part n.
    let sent = 0;
    const send = (client: AzureOpenAIMediaClient, part: TranscriptionRequest, s: AbortSignal | undefined): Promise<TranscriptResult> => {
      const index = sent++;
      return client.transcribe(part, { signal: s, onDelta: onDelta && ((delta, soFar) => onDelta(delta, soFar, index)) });
    };
    return this.runTranscript(cfg, 'transcription', audio, request, ctl, (client) =>
      transcribeAny(request, prompted, (part, s) => send(client, part, s), this.longOptions(cfg, ctl)),
    request.response_format === 'diarized_json' ? cfg.transcription.subtitles : []);
  }

  /** The English translation is written beside the audio (`talk.wav` -> `talk.en.txt`). */
  async translate(audio: F, options: Partial<TranslationOptions>, ctl: RunControl<F> = {}): Promise<TranscriptOutcome<F>> {
    const cfg = await this.begin();
    const request = await this.translationRequest(audio, options, cfg);
    return this.runTranscript(cfg, 'translation', audio, request, ctl, (client) =>
      transcribeAny(request, true, (part, s) => client.translate(part, { signal: s }), this.longOptions(cfg, ctl)),
    );
  }

  /** The audio is written to the output folder, named from the text. */
  async speak(text: string, options: Partial<SpeechOptions>, ctl: RunControl<F> = {}): Promise<SpeechOutcome<F>> {
    const cfg = await this.begin();
    const { files, log } = this.host;
    const request = this.speechRequest(text, options, cfg);
    const model = request.model!;
    const speechName = (format: SpeechFormat): string => `${nameFromText(text, 40, 'speech')}${speechExtension(format)}`;
    const place = await files.destination({ origin: ctl.origin, relative: cfg.outputFolder }, speechName(request.response_format ?? 'mp3'));
    const started = Date.now();
    log.info(`speech: deployment ${request.deployment}, voice ${request.voice}, ${text.length} characters…`);
    const client = await this.host.client(cfg);
    const requestIds: string[] = [];
    // Over the input limit the text goes in parts, joined into one file (core/long).
    const speech = await speakAny(request, async (part, signal) => {
      const sink = new MemorySink();
      const r = await client.speak(part, sink, { signal });
      if (r.requestId) requestIds.push(r.requestId);
      return sink.bytes();
    }, this.longOptions(cfg, ctl));
    const [name] = outputNames(place, [speechName(speech.format)]);
    const [output] = await files.writeAll(place.folder, [{ name, data: speech.bytes }], ctl.signal);
    const note = speech.note && this.host.word(speech.note);
    if (note) log.info(`speech: ${note}`);
    const from = speech.parts > 1 ? ` from ${speech.parts} parts` : '';
    log.info(`speech: ${speech.bytes.byteLength} bytes${from} -> ${files.display(output)} in ${elapsed(started)}` +
      `${requestIdText(requestIds.join(', '))}.`);
    const estimated = this.estimateRun({ operation: 'speech', characters: [...text].length, options: { model } }).cost;
    const record = outputRecord('speech', files.display(output), paramsOf(request),
      { folder: files.folderName?.(output), prompt: text, estimate: estimated, requestIds: ids(requestIds) });
    await this.host.record?.([record]);
    return { output, record, format: speech.format, note };
  }

  /** Images are written to the output folder, named from the prompt. */
  async generateImages(prompt: string, options: Partial<ImageOptions>, ctl: RunControl<F> = {}): Promise<ImagesOutcome<F>> {
    const cfg = await this.begin();
    const { files, log } = this.host;
    const request = this.imageRequest(prompt, options, ctl, cfg);
    const model = request.model;
    const place = await files.destination({ origin: ctl.origin, relative: cfg.outputFolder },
      imageNames(prompt, 1, request.output_format ?? 'png')[0]);
    const started = Date.now();
    log.info(`image: deployment ${request.deployment} (${model}), size ${request.size ?? 'default'}, n ` +
      `${request.n ?? 1}${request.stream ? ', streaming' : ''}…`);
    const client = await this.host.client(cfg);
    const result = await client.generateImages(request, { signal: ctl.signal, onPartialImage: ctl.onPartialImage });
    const images = await this.imageBytes(client, result, ctl.signal);
    const format = formatOf(images[0], request.output_format);
    const names = outputNames(place, imageNames(prompt, images.length, format));
    const outputs = await files.writeAll(place.folder, images.map((data, n) => ({ name: names[n], data })), ctl.signal);
    log.info(`image: ${outputs.length} image(s) -> ${outputs.map((o) => files.display(o)).join(', ')} in ` +
      `${elapsed(started)}${requestIdText(result.requestId)}.`);
    const params = paramsOf(request);
    const cost = shareOf(actualCost(model, result.usage, this.prices()), outputs.length);
    const estimated = shareOf(this.estimateRun({ operation: 'imageGeneration', options: { ...options, model } }).cost, outputs.length);
    const records = outputs.map((file, n) => outputRecord('imageGeneration', files.display(file), params, {
      folder: files.folderName?.(file), prompt, revisedPrompt: result.data[n]?.revised_prompt, cost, estimate: estimated,
      requestIds: ids([result.requestId]),
    }));
    await this.host.record?.(records);
    return { outputs, result, records };
  }

  /**
   * The edited image is written beside the original (`cat.png` -> `cat.edited.png`). Several images (the API's
   * `image[]`) are sent together; the first one names the output and takes the mask.
   */
  async editImage(
    sources: readonly F[],
    mask: EditMask<F> | undefined,
    prompt: string,
    options: Partial<ImageEditOptions>,
    ctl: RunControl<F> = {},
  ): Promise<ImagesOutcome<F>> {
    const image = sources[0];
    const cfg = await this.begin();
    const { files, log } = this.host;
    const request = await this.editRequest(sources, mask, prompt, options, ctl, cfg);
    const model = request.model;
    const place = await files.destination({ beside: image }, editedImageName(files.name(image), request.output_format));
    const started = Date.now();
    log.info(`image edit: deployment ${request.deployment} (${model}), ${sources.map((s) => files.name(s)).join(', ')}` +
      `${request.mask ? ' with a mask' : ''}…`);
    const client = await this.host.client(cfg);
    const result = await client.editImages(request, { signal: ctl.signal, onPartialImage: ctl.onPartialImage });
    const edited = await this.imageBytes(client, result, ctl.signal);
    const names = outputNames(place, edited.map((data) => editedImageName(files.name(image), formatOf(data, undefined))));
    const outFiles = edited.map((data, n) => ({ name: names[n], data }));
    const painted = mask && 'painted' in mask ? mask.painted : undefined;
    // The painted mask goes in the same batch as the outputs: both are written, or neither is.
    const batch = painted ? [...outFiles, { name: painted.name, data: painted.data }] : outFiles;
    const written = await files.writeAll(place.folder, batch, ctl.signal);
    const outputs = written.slice(0, outFiles.length);
    const maskFile = painted ? written[outFiles.length] : mask && 'file' in mask ? mask.file : undefined;
    log.info(`image edit: ${outputs.length} image(s) -> ${outputs.map((o) => files.display(o)).join(', ')} in ` +
      `${elapsed(started)}${requestIdText(result.requestId)}.`);
    // With a mask: how much of what it protected came back changed (./protectedArea.ts).
    const sentMask = request.mask;
    const checked = mask && sentMask ? await checkMaskedEdit(files, log, async () => ({
      original: { name: files.name(image), bytes: await files.read(image) },
      mask: { name: sentMask.name, bytes: 'file' in mask ? await files.read(mask.file) : 'bytes' in mask ? mask.bytes : mask.painted.data },
    }), outputs.map((file, n) => ({ file, bytes: edited[n] })), cfg.imageEdit.keepProtectedArea, ctl.signal) : undefined;
    const params = paramsOf(request);
    const cost = shareOf(actualCost(model, result.usage, this.prices()), outputs.length);
    const estimated = shareOf(this.estimateRun({ operation: 'imageEdit', options: { ...options, model } }).cost, outputs.length);
    const records = outputs.map((file, n) => outputRecord('imageEdit', files.display(file), params, {
      folder: files.folderName?.(file),
      prompt,
      cost,
      estimate: estimated,
      source: files.display(image),
      mask: maskFile !== undefined ? files.display(maskFile) : undefined,
      revisedPrompt: result.data[n]?.revised_prompt,
      requestIds: ids([result.requestId]),
      protectedArea: protectedAreaRecord(checked?.[n], (f) => files.display(f)),
    }));
    await this.host.record?.(records);
    return { outputs, result, records, mask: maskFile, protectedArea: checked };
  }

  /** "Keep the protected area": the composite of a masked edit's `answer` (from `source` and `mask`) beside it. */
  keepProtectedArea(answer: F, source: F, mask: F, signal?: AbortSignal): Promise<F> {
    return keepMaskedEdit(this.host.files, this.host.log, answer, source, mask, signal);
  }

  /** Reads the settings and makes sure auth is ready (asking for a key when none is stored). */
  private async begin(): Promise<MediaConfiguration> {
    const cfg = this.host.settings();
    if (!(await this.host.prepare(cfg))) throw new MediaApiError('cancelled', msg('cancelled.operation')); // declined to authenticate
    return this.host.resolve ? this.host.resolve(cfg) : cfg;
  }

  private async runTranscript(
    cfg: MediaConfiguration,
    operation: 'transcription' | 'translation',
    audio: F,
    request: TranscriptionRequest | TranslationRequest,
    ctl: RunControl<F>,
    call: (client: AzureOpenAIMediaClient) => Promise<TranscriptResult>,
    subtitleKinds: Array<'srt' | 'vtt'> = [],
  ): Promise<TranscriptOutcome<F>> {
    const { files, log } = this.host;
    const started = Date.now();
    const source = files.name(audio);
    log.info(`${operation}: deployment ${request.deployment}, ${source}, format ${request.response_format ?? 'json'}…`);
    const translated = operation === 'translation';
    const place = await files.destination({ beside: audio }, transcriptName(source, request.response_format ?? 'json', translated));
    const client = await this.host.client(cfg);
    const result = await call(client);
    const [name] = outputNames(place, [transcriptName(source, result.format, translated)]);
    const outputs = [{ name, data: utf8(transcriptText(result)) }];
    if (result.format === 'diarized_json') {
      for (const kind of subtitleKinds) {
        const text = kind === 'srt' ? diarizedSrt(result.segments) : diarizedVtt(result.segments);
        outputs.push({ name: transcriptName(source, kind, false), data: utf8(text) });
      }
    }
    // One at a time, as before: each file is claimed on its own, so the transcript keeps its name when a subtitle fails.
    const written: F[] = [];
    for (const file of outputs) written.push(...(await files.writeAll(place.folder, [file], ctl.signal)));
    const [output, ...subtitles] = written;
    const model = 'model' in request && request.model ? request.model : OPERATION_SPECS.translation.fixedModel;
    const cost = 'usage' in result ? actualCost(model, result.usage, this.prices()) : undefined;
    log.info(`${operation}: ${files.display(output)} in ${elapsed(started)}${requestIdText(result.requestId)}` +
      `${cost ? `, cost ${formatUsd(cost.usd)} (${cost.basis})` : ''}.`);
    const estimated = cost ? undefined
      : this.estimateRun({ operation, seconds: await this.audioSeconds(audio).catch(() => 0), model }).cost;
    const record = outputRecord(operation, files.display(output), paramsOf(request), {
      folder: files.folderName?.(output),
      source: files.display(audio),
      cost,
      estimate: estimated,
      extraOutputs: subtitles.length ? subtitles.map((s) => files.display(s)) : undefined,
      requestIds: ids([result.requestId]),
    });
    await this.host.record?.([record]);
    return { result, output, record, subtitles };
  }

  private longOptions(cfg: MediaConfiguration, ctl: RunControl<F>) {
    const report = ctl.onProgress;
    return {
      signal: ctl.signal,
      onProgress: report && ((m: Message) => report(this.host.word(m))),
      logger: this.host.log,
      ffmpeg: this.host.ffmpeg?.(),
      order: cfg.transcription.partOrder,
      concurrency: cfg.transcription.partsAtOnce,
    };
  }

  private async imageBytes(client: AzureOpenAIMediaClient, result: ImagesResult, signal: AbortSignal | undefined): Promise<Uint8Array[]> {
    const images: Uint8Array[] = [];
    for (const item of result.data) {
      if (item.b64_json) images.push(Buffer.from(item.b64_json, 'base64'));
      else if (item.url) images.push(await client.downloadImage(item.url, { signal }));
    }
    if (!images.length) throw new MediaApiError('badResponse', msg('engine.noImage'), { requestId: result.requestId });
    return images;
  }
}

/** The transcript file's contents: plain text as it came; JSON shapes pretty-printed without our own bookkeeping. */
export function transcriptText(result: TranscriptResult): string {
  if (result.format === 'text' || result.format === 'srt' || result.format === 'vtt') return result.text;
  if (result.format === 'diarized_json') return diarizedMarkdown(result.segments);
  const { format: _format, requestId: _requestId, ...rest } = result;
  delete (rest as { streamed?: boolean }).streamed;
  return JSON.stringify(rest, null, 2) + '\n';
}

function formatOf(bytes: Uint8Array, asked: ImageOutputFormat | undefined): ImageOutputFormat {
  return readImageSize(bytes)?.format ?? asked ?? 'png';
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function ids(list: Array<string | undefined>): string[] | undefined {
  const present = list.filter((id): id is string => !!id);
  return present.length ? present : undefined;
}

function requestIdText(requestId: string | undefined): string {
  return requestId ? ` (request ${requestId})` : '';
}

/** Milliseconds since `start`, for "took N ms" lines. */
export function elapsed(start: number): string {
  return `${Date.now() - start} ms`;
}

/** Collects the streamed speech audio; it is written once complete. */
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

/** The outputs' own names, or those after the name the user gave in a save dialog. */
function outputNames<F>(place: Destination<F>, generated: string[]): string[] {
  return place.name ? namedAs(place.name, generated) : generated;
}
