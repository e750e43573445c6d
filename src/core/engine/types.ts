// The engine's shapes: what a caller controls of a run, what a run gives back, what the host provides.
import type { AzureOpenAIMediaClient } from '../client';
import type { Message } from '../messages';
import type { MediaConfiguration } from '../settings';
import type { ImagesResult, Logger, PartialImage, SpeechFormat, TranscriptResult } from '../types';
import type { MediaFiles } from './files';
import type { ProtectedAreaResult } from './protectedArea';
import type { FfmpegSearch } from '../long/ffmpeg';
import type { OutputRecord } from './historyFile';

export interface RunControl<F = unknown> {
  signal?: AbortSignal;
  /**
   * The document (or folder) a speech or image run comes from: the output folder of its workspace folder takes the
   * output. Without one, the host's choice (the window's folder, asked once when there are several; a save dialog).
   */
  origin?: F;
  onPartialImage?: (p: PartialImage) => void;
  /** "part k of n" while a long recording or text goes in parts. */
  onProgress?: (message: string) => void;
  /**
   * Streamed transcript text as it arrives; asks for a stream where the model streams and transcription.stream is on.
   * `textSoFar` is that of part `part` (0, 1, … in the recording's order; a long recording goes in parts, maybe at once).
   */
  onTranscriptDelta?: (delta: string, textSoFar: string, part: number) => void;
}

export interface TranscriptOutcome<F> {
  result: TranscriptResult;
  output: F;
  record: OutputRecord;
  /** Subtitles with the speaker in each cue, beside a transcript by speaker (transcription.subtitles). */
  subtitles: F[];
}
export interface SpeechOutcome<F> {
  output: F;
  record: OutputRecord;
  format: SpeechFormat;
  note?: string;
}
export interface ImagesOutcome<F> {
  outputs: F[];
  result: ImagesResult;
  records: OutputRecord[];
  /** The mask the edit used, as a file (a painted mask is saved beside the image once the edit succeeded). */
  mask?: F;
  /** A masked edit: each output's protected-area check (undefined where it could not be compared). */
  protectedArea?: Array<ProtectedAreaResult<F> | undefined>;
}

/** A mask painted in the Studio: sent from memory, saved as `name` beside the image only once the edit succeeded. */
export interface PaintedMask {
  name: string;
  data: Uint8Array;
}
/** An edit's mask: a file, bytes sent as mask.png, or a painted mask saved with the outputs. */
export type EditMask<F> = { file: F } | { bytes: Uint8Array } | { painted: PaintedMask };

export interface EngineHost<F> {
  /** The settings for this run. */
  settings(): MediaConfiguration;
  /** Makes sure a key or a token is there (asking where the host can); false when the user declined. */
  prepare(cfg: MediaConfiguration): Promise<boolean>;
  /** The settings with what the resource says its deployments run filled in (models.* left at default); none: as read. */
  resolve?(cfg: MediaConfiguration): Promise<MediaConfiguration>;
  client(cfg: MediaConfiguration): Promise<AzureOpenAIMediaClient>;
  files: MediaFiles<F>;
  /** Where records go (the extension's history); none on the command line, which prints them. */
  record?(records: OutputRecord[]): Promise<void>;
  log: Logger;
  /** A core message in the host's language. */
  word(message: Message): string;
  /** Whether and from where ffmpeg may run (the extension: never in Restricted Mode, never from a workspace folder). */
  ffmpeg?(): FfmpegSearch;
}
