import * as vscode from 'vscode';
import { apiSurface, fieldFor } from '../core/catalog';
import { mapBounded } from '../core/concurrency';
import { isDiarizing } from '../core/speakers';
import type { AudioResponseFormat, TranslationResponseFormat } from '../core/types';
import type { ConfigurationService } from '../services/configuration';
import { audioSeconds } from '../services/costEstimate';
import type { Log } from '../services/log';
import type { MediaService } from '../services/mediaService';
import { modelOf } from '../core/settings';
import { UserError } from '../services/userError';
import { fileName, INPUT_EXTENSIONS } from '../services/workspaceFiles';
import { confirmCost } from './costConfirm';
import { isCancellation } from './errorBoundary';
import { withCancellableProgress } from './progress';
import { activeFile, explorerTargets, hasExtension, openOutput, pickWorkspaceFiles } from './targets';

/** At most this many files per invocation, and this many requests in flight (the service allows few per minute). */
export const MAX_AUDIO_FILES = 20;
const PARALLEL_UPLOADS = 2;

/** Options a test (or another extension) may pass as the third argument to skip the quick picks. */
export interface AudioCommandOptions {
  responseFormat?: AudioResponseFormat;
  /** ISO-639-1; '' detects the language. Transcription only. */
  language?: string;
  /** Open the transcripts after writing them (default true). */
  open?: boolean;
  /** Sees each progress message, as the notification shows it (the latest words of a streamed transcript). */
  onProgress?: (message: string) => void;
}

/** The last few words of a transcript growing as it streams, for a progress line. */
export function latestWords(text: string, count = 10): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.length <= count ? words.join(' ') : `… ${words.slice(-count).join(' ')}`;
}

const FORMAT_LABELS: Record<AudioResponseFormat, () => string> = {
  text: () => vscode.l10n.t('Plain text (.txt)'),
  srt: () => vscode.l10n.t('SubRip subtitles (.srt)'),
  vtt: () => vscode.l10n.t('WebVTT subtitles (.vtt)'),
  json: () => vscode.l10n.t('JSON with the text (.json)'),
  verbose_json: () => vscode.l10n.t('Detailed JSON with segments and timestamps (.json)'),
  diarized_json: () => vscode.l10n.t('Transcript by speaker (.md)'),
};

// Each language by its own name (as language pickers show them), so these are not translated.
const COMMON_LANGUAGES: Array<[code: string, name: string]> = [
  ['en', 'English'], ['de', 'Deutsch'], ['fr', 'Français'], ['es', 'Español'], ['it', 'Italiano'], ['pt', 'Português'],
  ['nl', 'Nederlands'], ['pl', 'Polski'], ['sv', 'Svenska'], ['tr', 'Türkçe'], ['ru', 'Русский'], ['uk', 'Українська'],
  ['ar', 'العربية'], ['hi', 'हिन्दी'], ['ja', '日本語'], ['ko', '한국어'], ['zh', '中文'],
];

/** Transcribe and translate: explorer multi-select or a picker, options in a quick pick, outputs beside the audio. */
export abstract class AudioCommand {
  protected abstract readonly operation: 'transcription' | 'translation';

  constructor(
    protected readonly media: MediaService,
    protected readonly config: ConfigurationService,
    protected readonly log: Log,
  ) {}

  async execute(uri?: unknown, uris?: unknown, options?: AudioCommandOptions): Promise<vscode.Uri[] | undefined> {
    const translating = this.operation === 'translation';
    let targets = explorerTargets(uri, uris);
    if (!targets.length) {
      // the recording in the active tab (opened from disk in a window without a folder, say), else a pick
      const active = activeFile();
      if (active && hasExtension(active, INPUT_EXTENSIONS.audio)) targets = [active];
    }
    if (!targets.length) {
      targets =
        (await pickWorkspaceFiles(INPUT_EXTENSIONS.audio, {
          title: translating ? vscode.l10n.t('Translate Audio File to English') : vscode.l10n.t('Transcribe Audio File'),
          placeHolder: vscode.l10n.t('Choose the audio files ({0})', INPUT_EXTENSIONS.audio.join(', ')),
          canPickMany: true,
          empty: vscode.l10n.t('There are no audio files in this workspace.'),
        })) ?? [];
      if (!targets.length) return undefined;
    }
    const audio = targets.filter((t) => hasExtension(t, INPUT_EXTENSIONS.audio));
    if (!audio.length) {
      throw new UserError(vscode.l10n.t('{0} is not an audio file the service accepts ({1}).', fileName(targets[0]),
        INPUT_EXTENSIONS.audio.join(', ')));
    }
    if (audio.length > MAX_AUDIO_FILES) {
      throw new UserError(vscode.l10n.t('Select at most {0} audio files at a time ({1} were selected).', MAX_AUDIO_FILES, audio.length));
    }

    const chosen = options ?? (await this.askOptions());
    if (!chosen) return undefined;
    // Above the cost limit, the minutes of all the files (from their headers or sizes) × the model's price.
    const seconds = async (): Promise<number> => (await Promise.all(audio.map(audioSeconds))).reduce((a, b) => a + b, 0);
    if (!(await confirmCost(this.media, async () => ({ operation: this.operation, seconds: await seconds() })))) {
      return undefined;
    }

    const title = translating ? vscode.l10n.t('Translating audio to English') : vscode.l10n.t('Transcribing audio');
    let done = 0;
    const results = await withCancellableProgress(title, async (signal, reportToUser) => {
      const report = (message: string): void => {
        reportToUser(message);
        chosen.onProgress?.(message);
      };
      report(audio.length === 1 ? fileName(audio[0]) : vscode.l10n.t('0 of {0} files', audio.length));
      return mapBounded(audio, PARALLEL_UPLOADS, async (file) => {
        // A long recording goes in parts ("talk.wav: part 2 of 5"); the file is written whole at the end, and meanwhile
        // the notification shows the latest words as they arrive.
        const onTranscriptDelta = (_delta: string, soFar: string): void =>
          report(audio.length === 1 ? latestWords(soFar) : `${fileName(file)}: ${latestWords(soFar, 6)}`);
        const outcome = translating
          ? await this.media.translate(file,
            compact({ response_format: chosen.responseFormat as TranslationResponseFormat | undefined }), { signal, onProgress: report })
          : await this.media.transcribe(file, compact({ response_format: chosen.responseFormat, language: chosen.language }),
            { signal, onProgress: report, onTranscriptDelta });
        done++;
        if (audio.length > 1) report(vscode.l10n.t('{0} of {1} files', done, audio.length));
        return outcome.output;
      });
    });

    const outputs = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [{ file: audio[i], reason: r.reason as unknown }] : []));
    if (failures.length && (!outputs.length || failures.every((f) => isCancellation(f.reason)))) throw failures[0].reason;
    if (failures.length) {
      for (const f of failures) this.log.error(`${fileName(f.file)}: ${f.reason instanceof Error ? f.reason.message : String(f.reason)}`);
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window
        .showWarningMessage(vscode.l10n.t('{0} of {1} files failed: {2}', failures.length, audio.length,
          failures.map((f) => fileName(f.file)).join(', ')), showLog)
        .then((choice) => choice === showLog && this.log.show());
    }
    if (chosen.open !== false) {
      for (const output of outputs.slice(0, 3)) await openOutput(output);
    }
    return outputs;
  }

  /** The format (and, for transcription, the language) in quick picks, the settings' values first. */
  private async askOptions(): Promise<AudioCommandOptions | undefined> {
    // The formats of the model the deployment runs (a `whisper` deployment with models.transcription unset: whisper's).
    const cfg = await this.media.settings();
    const translating = this.operation === 'translation';
    const configured = translating ? cfg.translation.responseFormat : cfg.transcription.responseFormat;
    const model = modelOf(cfg, this.operation);
    const allowed = fieldFor(this.operation, model, 'response_format', apiSurface(cfg.apiVersion)).values as AudioResponseFormat[];
    // A diarizing model's transcript is by speaker unless the settings ask for that model's other formats.
    const preferred = !translating && isDiarizing(model) && configured === 'text' ? 'diarized_json' : configured;
    if (translating ? false : !cfg.transcription.askForOptions) {
      return { responseFormat: allowed.includes(preferred) ? preferred : undefined, language: cfg.transcription.language };
    }
    const ordered = [...allowed].sort((a, b) => (a === preferred ? -1 : b === preferred ? 1 : 0));
    const format = await vscode.window.showQuickPick(
      ordered.map((f) => ({ label: FORMAT_LABELS[f](), description: f === preferred ? vscode.l10n.t('from settings') : undefined,
        format: f })),
      { title: translating ? vscode.l10n.t('Translation format') : vscode.l10n.t('Transcript format'),
        placeHolder: vscode.l10n.t('Save the result as…') },
    );
    if (!format) return undefined;
    if (translating) return { responseFormat: format.format };

    const current = cfg.transcription.language;
    const auto = { label: vscode.l10n.t('Detect the language'), description: current ? undefined : vscode.l10n.t('from settings'),
      code: '' };
    const languages = COMMON_LANGUAGES.map(([code, name]) =>
      ({ label: name, description: code === current ? `${code} · ${vscode.l10n.t('from settings')}` : code, code }));
    const fromSettings = languages.find((l) => l.code === current);
    const items = fromSettings ? [fromSettings, auto, ...languages.filter((l) => l !== fromSettings)] : [auto, ...languages];
    const language = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Spoken language'),
      placeHolder: vscode.l10n.t('Naming the language improves accuracy and speed'),
      matchOnDescription: true,
    });
    if (!language) return undefined;
    return { responseFormat: format.format, language: language.code };
  }
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
