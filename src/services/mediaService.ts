import * as vscode from 'vscode';
import {
  MediaEngine, type EditMask, type EstimateRequest, type ImageEditOptions, type ImageOptions, type ImagesOutcome, type PaintedMask,
  type OutputRecord, type RunControl, type RunEstimate, type SpeechOptions, type SpeechOutcome, type TranscriptionOptions,
  type TranscriptOutcome, type TranslationOptions,
} from '../core/engine';
import type { PriceTable } from '../core/cost';
import type { ClientProvider } from './clientProvider';
import type { ConfigurationService, MediaConfiguration } from './configuration';
import { WorkspaceFiles } from './engineFiles';
import { localize } from './errorText';
import type { DeploymentDirectory } from './deploymentDirectory';
import type { HistoryStore } from './history';
import type { Log } from './log';
import type { Destinations } from './destination';
import { resolveWorkspacePath, workspaceRelative, type WorkspaceOutput } from './output';
import { UserError } from './userError';
import { ffmpegSearch, isTrusted } from './trust';
import { strictestLimit } from '../core/cost';

export type {
  EstimateRequest, ImagesOutcome, ImageEditOptions, ImageOptions, OutputRecord, PaintedMask, RunControl, SpeechOptions,
  TranscriptionOptions, TranslationOptions,
} from '../core/engine';
export { transcriptText } from '../core/engine';

/** A run's control; `origin` is the document a speech or image run comes from (its folder takes the output). */
type Control = RunControl<vscode.Uri>;

/**
 * The one way the commands and the Studio reach Azure OpenAI: the core's engine (src/core/engine) over the workspace.
 * This adapter gives it VS Code's settings, the client with the user's key or sign-in, workspace.fs for files and
 * the history for records; the command line gives the same engine the disk and the environment.
 */
export class MediaService {
  private readonly engine: MediaEngine<vscode.Uri>;
  private readonly resolve?: (cfg: MediaConfiguration) => Promise<MediaConfiguration>;

  constructor(
    private readonly config: ConfigurationService,
    clients: ClientProvider,
    output: WorkspaceOutput,
    places: Destinations,
    private readonly history: HistoryStore,
    log: Log,
    directory?: DeploymentDirectory,
  ) {
    // What each deployment really runs fills in a models.* setting left at its default (deploymentDirectory.ts).
    this.resolve = directory && (async (cfg) => directory.apply(cfg, config, await clients.client(cfg)));
    this.engine = new MediaEngine({
      settings: () => config.value,
      prepare: (cfg) => clients.prepare(cfg),
      client: (cfg) => clients.client(cfg),
      resolve: this.resolve,
      files: new WorkspaceFiles(output, places),
      record: (records) => history.add(records),
      log,
      word: localize,
      ffmpeg: ffmpegSearch,
    });
  }

  /**
   * The settings as a run sends them: each models.* left at its default replaced by what its deployment runs. The
   * quick picks and the Studio's forms offer what that model takes. The settings as they are when that cannot be read.
   */
  async settings(): Promise<MediaConfiguration> {
    const cfg = this.config.value;
    try {
      return this.resolve ? await this.resolve(cfg) : cfg;
    } catch {
      return cfg; // discovery never stands in the way (deploymentDirectory.ts logs why)
    }
  }

  /** The transcript is written beside the audio, named after it (`talk.wav` -> `talk.txt`). */
  transcribe(audio: vscode.Uri, options: Partial<TranscriptionOptions>, ctl: Control = {}): Promise<TranscriptOutcome<vscode.Uri>> {
    return this.engine.transcribe(audio, options, ctl);
  }

  /** The English translation is written beside the audio (`talk.wav` -> `talk.en.txt`). */
  translate(audio: vscode.Uri, options: Partial<TranslationOptions>, ctl: Control = {}): Promise<TranscriptOutcome<vscode.Uri>> {
    return this.engine.translate(audio, options, ctl);
  }

  /** The audio is written to the output folder, named from the text. */
  speak(text: string, options: Partial<SpeechOptions>, ctl: Control = {}): Promise<SpeechOutcome<vscode.Uri>> {
    return this.engine.speak(text, options, ctl);
  }

  /** Images are written to the output folder, named from the prompt. */
  generateImages(prompt: string, options: Partial<ImageOptions>, ctl: Control = {}): Promise<ImagesOutcome<vscode.Uri>> {
    return this.engine.generateImages(prompt, options, ctl);
  }

  /**
   * The edited image is written beside the original (`cat.png` -> `cat.edited.png`). Several images (the API's
   * `image[]`) are sent together; the first one names the output and takes the mask.
   */
  editImage(
    images: vscode.Uri | readonly vscode.Uri[],
    mask: vscode.Uri | Uint8Array | PaintedMask | undefined,
    prompt: string,
    options: Partial<ImageEditOptions>,
    ctl: Control = {},
  ): Promise<ImagesOutcome<vscode.Uri>> {
    const sources = images instanceof vscode.Uri ? [images] : [...images];
    const editMask: EditMask<vscode.Uri> | undefined =
      mask === undefined ? undefined
      : mask instanceof Uint8Array ? { bytes: mask }
      : mask instanceof vscode.Uri ? { file: mask }
      : { painted: mask };
    return this.engine.editImage(sources, editMask, prompt, options, ctl);
  }

  /**
   * "Keep the protected area": the composite of a masked edit's output (its record names the original and the mask),
   * written beside the output, which stays as the model answered it. The record notes the composite.
   */
  async keepProtectedArea(record: OutputRecord, signal?: AbortSignal): Promise<vscode.Uri> {
    const [output, source, mask] = [record.output, record.source, record.mask].map((p) => (p ? resolveWorkspacePath(p) : undefined));
    if (record.operation !== 'imageEdit' || !output || !source || !mask) {
      throw new UserError(vscode.l10n.t('{0} was not edited with a mask, so it has no protected area to keep.', record.output));
    }
    const kept = await this.engine.keepProtectedArea(output, source, mask, signal);
    const latest = this.history.get(record.id) ?? record;
    const figure = latest.protectedArea ?? { share: 0, meanChange: 0 };
    await this.history.add([{ ...latest, protectedArea: { ...figure, kept: workspaceRelative(kept) } }]);
    return kept;
  }

  /** What a run would cost, priced as the run would be sent (core/engine/pricing.ts). No cost: `why` says why. */
  estimateRun(input: EstimateRequest): RunEstimate {
    return this.engine.estimateRun(input);
  }

  /** azureOpenAIMedia.cost.confirmAbove: above this estimate (USD) a command asks before it runs; 0 = never. */
  get costLimit(): number {
    // A workspace may make the guard stricter, never looser (issue 17): the lowest positive limit of the user's and the
    // workspace's wins, and in Restricted Mode only the user's counts.
    const i = vscode.workspace.getConfiguration('azureOpenAIMedia').inspect<number>('cost.confirmAbove');
    const user = i?.globalValue ?? i?.defaultValue ?? this.config.value.cost.confirmAbove;
    return strictestLimit(isTrusted() ? [user, i?.workspaceValue, i?.workspaceFolderValue] : [user]);
  }

  /** The price table with the user's azureOpenAIMedia.cost.prices merged over it. */
  prices(): PriceTable {
    return this.engine.prices();
  }
}
