// Where a run reads its inputs and writes its outputs. The engine names files only through this interface: the
// extension implements it over workspace.fs and vscode.Uri (services/engineFiles.ts), the command line over the
// local disk and paths (nodeFiles.ts).
import type { UploadSource } from '../types';

export interface OutputFile {
  name: string;
  data: Uint8Array;
}

export interface MediaFiles<F> {
  /** The file's name (its last path segment). */
  name(file: F): string;
  /** The folder for outputs made from `input` (a transcript, an edited image): beside it. */
  besideInput(input: F): F;
  /** The folder for outputs made from text (speech, images): the azureOpenAIMedia.outputFolder setting's. */
  outputFolder(relative: string): F;
  /** An upload: a file on the local disk is streamed from its path, anything else read whole. */
  upload(file: F): Promise<UploadSource>;
  /** The first `max` bytes of a file and its size. */
  head(file: F, max: number): Promise<{ head: Uint8Array; size: number }>;
  /** A whole (small) file. */
  read(file: F): Promise<Uint8Array>;
  /** A known speaker's clip named in azureOpenAIMedia.transcription.knownSpeakers, relative to the audio's root. */
  knownSpeakerClip(audio: F, path: string): F;
  /**
   * Writes each file to a temporary name, then claims the first free name like its own (never over a file; core/claim.ts);
   * when anything fails or `signal` aborts before the last claim, every file of the batch is removed again.
   */
  writeAll(folder: F, files: OutputFile[], signal?: AbortSignal): Promise<F[]>;
  /** How records and messages name the file (workspace-relative in the extension). */
  display(file: F): string;
}
