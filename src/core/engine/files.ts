// Where a run reads its inputs and writes its outputs. The engine names files only through this interface: the
// extension implements it over workspace.fs and vscode.Uri (services/engineFiles.ts), the command line over the
// local disk and paths (nodeFiles.ts).
import type { UploadSource } from '../types';

export interface OutputFile {
  name: string;
  data: Uint8Array;
}

/** Where a run's outputs go: beside its input, or in the output folder of the root of `origin` (or the host's). */
export type Place<F> = { beside: F } | { origin?: F; relative: string };

export interface Destination<F> {
  folder: F;
  /** The name the user gave the first output (a save dialog): the outputs take it (naming.ts namedAs). */
  name?: string;
}

export interface MediaFiles<F> {
  /** The file's name (its last path segment). */
  name(file: F): string;
  /**
   * Where a run's outputs go, settled before the request is sent (the host may ask the user; a cancel rejects, and a
   * place that cannot be written is refused here, before any money is spent): beside the input (a transcript, an
   * edited image), or for outputs made from text (speech, images) the output folder (`relative`, the
   * azureOpenAIMedia.outputFolder setting; the extension reads the one of `origin`'s workspace folder). `proposed`
   * is the first output's name.
   */
  destination(place: Place<F>, proposed: string): Promise<Destination<F>>;
  /** The folder beside a file already written (a composite kept beside its edit's answer). */
  besideInput(input: F): F;
  /** The workspace folder a file belongs to, by name, where there are several (records name it). */
  folderName?(file: F): string | undefined;
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
