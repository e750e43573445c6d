// Before a run: what each operation sends, built from the settings with the caller's options over them, and what it
// will cost. The runs of ./engine.ts send these requests; the command line's --dry-run shows them (and the estimate)
// without sending anything.
import { apiSurface, fieldFor } from '../catalog';
import { audioSecondsOf, type PriceTable } from '../cost';
import { deploymentOf, modelOf } from '../settings';
import { isDiarizing } from '../speakers';
import type {
  ImageEditRequest, ImageGenerationRequest, SpeechRequest, TranscriptionRequest, TranslationRequest, UploadSource,
} from '../types';
import { knownSpeakersFromSettings } from './knownSpeakers';
import { optionsFor, type ImageEditOptions, type ImageOptions, type SpeechOptions, type TranscriptionOptions,
  type TranslationOptions } from './options';
import { estimateRun, pricesOf, type EstimateRequest, type RunEstimate } from './pricing';
import { compact } from './records';
import type { EditMask, EngineHost, RunControl } from './types';

/** How much of an audio file its length is read from (a WAV header, or a compressed file's first frames). */
export const AUDIO_HEAD_BYTES = 64 * 1024;

/** The requests and estimates of the five operations; MediaEngine (./engine.ts) adds the runs. */
export class MediaRequests<F> {
  constructor(protected readonly host: EngineHost<F>) {}

  /** The request a transcription of `audio` sends (the command line's --dry-run shows it): settings, then `options`. */
  async transcriptionRequest(
    audio: F, options: Partial<TranscriptionOptions>, ctl: RunControl<F> = {}, cfg = this.host.settings(),
  ): Promise<TranscriptionRequest> {
    const model = options.model ?? modelOf(cfg, 'transcription');
    const diarize = isDiarizing(model);
    const known = diarize && !options.known_speaker_names
      ? await knownSpeakersFromSettings(this.host.files, audio, cfg.transcription.knownSpeakers) : {};
    const request = {
      deployment: deploymentOf(cfg, 'transcription'),
      model,
      file: await this.host.files.upload(audio),
      ...optionsFor(cfg, 'transcription', model, options),
      ...known,
    } as TranscriptionRequest;
    // A diarizing model's transcript is by speaker unless the caller asks for another format; chunking_strategy is
    // required by it over 30 s and harmless below, so it is always sent.
    if (diarize && options.response_format === undefined) request.response_format = 'diarized_json';
    if (diarize && options.chunking_strategy === undefined) request.chunking_strategy = 'auto';
    const surface = apiSurface(cfg.apiVersion);
    if (ctl.onTranscriptDelta && cfg.transcription.stream && fieldFor('transcription', model, 'stream', surface).supported) {
      request.stream = true;
    }
    return request;
  }

  async translationRequest(audio: F, options: Partial<TranslationOptions>, cfg = this.host.settings()): Promise<TranslationRequest> {
    return {
      deployment: deploymentOf(cfg, 'translation'),
      file: await this.host.files.upload(audio),
      ...optionsFor(cfg, 'translation', modelOf(cfg, 'translation'), options),
    };
  }

  speechRequest(text: string, options: Partial<SpeechOptions>, cfg = this.host.settings()): SpeechRequest {
    const model = options.model ?? modelOf(cfg, 'speech');
    return {
      deployment: deploymentOf(cfg, 'speech'),
      model,
      input: text,
      // The configured voice even when the model does not speak it: validation then says which voices it does.
      voice: cfg.speech.voice,
      ...optionsFor(cfg, 'speech', model, options),
    };
  }

  imageRequest(
    prompt: string, options: Partial<ImageOptions>, ctl: RunControl<F> = {}, cfg = this.host.settings(),
  ): ImageGenerationRequest {
    const model = options.model ?? modelOf(cfg, 'imageGeneration');
    return {
      deployment: deploymentOf(cfg, 'imageGeneration'),
      model,
      prompt,
      ...streamOnlyWhenWatched(optionsFor(cfg, 'imageGeneration', model, options), options, ctl),
    };
  }

  async editRequest(
    sources: readonly F[], mask: EditMask<F> | undefined, prompt: string, options: Partial<ImageEditOptions>, ctl: RunControl<F> = {},
    cfg = this.host.settings(),
  ): Promise<ImageEditRequest> {
    const model = options.model ?? modelOf(cfg, 'imageEdit');
    const uploads: UploadSource[] = [];
    for (const source of sources) uploads.push(await this.host.files.upload(source));
    return compact({
      deployment: deploymentOf(cfg, 'imageEdit'),
      model,
      images: uploads,
      mask:
        mask === undefined ? undefined
        : 'bytes' in mask ? { name: 'mask.png', data: mask.bytes }
        : 'file' in mask ? await this.host.files.upload(mask.file)
        : { name: mask.painted.name, data: mask.painted.data },
      prompt,
      ...streamOnlyWhenWatched(optionsFor(cfg, 'imageEdit', model, options), options, ctl),
    });
  }

  /**
   * What a run would cost, priced as the run would be sent: the model and options from the settings, the caller's
   * options over them, the user's prices over the table. No cost: `why` says why.
   */
  estimateRun(input: EstimateRequest): RunEstimate {
    const cfg = this.host.settings();
    return estimateRun(cfg, pricesOf(cfg, this.host.log), input, (m) => this.host.word(m));
  }

  /** The price table with the user's azureOpenAIMedia.cost.prices merged over it. */
  prices(): PriceTable {
    return pricesOf(this.host.settings(), this.host.log);
  }

  /** Seconds of an audio file from its first bytes and size (exact for WAV, from a typical bit rate otherwise). */
  async audioSeconds(file: F): Promise<number> {
    const { head, size } = await this.host.files.head(file, AUDIO_HEAD_BYTES);
    return audioSecondsOf(head, size, this.host.files.name(file));
  }
}

/** Partial images are asked for only when someone shows them (the Studio), or when the caller asks for streaming. */
function streamOnlyWhenWatched(fields: Record<string, unknown>, options: { stream?: boolean }, ctl: RunControl): Record<string, unknown> {
  if (ctl.onPartialImage || options.stream === true) return fields;
  const { stream: _stream, partial_images: _partials, ...rest } = fields;
  return rest;
}

