// Speakers in the Studio, host side: known speakers' reference clips (a workspace file, or a span cut from a
// recording) turned into the request's names and data URLs, and renaming a speaker of a kept transcript.

import * as vscode from 'vscode';
import { uploadLimit } from '../../core/catalog';
import { bytesSource, ClipError, cutClip, withFileSource, type ByteSource, type Clip } from '../../core/long/clip';
import { mp3Seconds } from '../../core/long/mp3';
import { mimeTypeForName } from '../../core/media';
import { msg } from '../../core/messages';
import {
  audioDataUrl,
  isDiarizing,
  knownSpeakersProblem,
  renameProblem,
  wavSeconds,
  withRename,
  type KnownSpeaker,
  type SpeakerNames,
} from '../../core/speakers';
import type { TranscriptResult, TranscriptionRequest } from '../../core/types';
import { localize } from '../../services/errorText';
import { UserError } from '../../services/userError';
import { fileName } from '../../services/workspaceFiles';
import type { KnownSpeakerClip } from '../../shared/protocol';
import { inputFile } from './files';

type KnownSpeakerFields = Pick<TranscriptionRequest, 'known_speaker_names' | 'known_speaker_references'>;

/**
 * The request's known speakers from the page's choice, checked (2–10 s, unique names, at most four) before anything
 * is sent; `recording` is the file being transcribed, which a clip without a file of its own is cut from.
 */
export async function knownSpeakerFields(
  clips: readonly KnownSpeakerClip[] | undefined,
  recording: vscode.Uri,
  model: string,
): Promise<KnownSpeakerFields> {
  if (!clips?.length) return {};
  if (!isDiarizing(model)) {
    throw new UserError(vscode.l10n.t('{0} does not tell speakers apart, so it takes no known speakers; remove them or use a ' +
      'deployment of gpt-4o-transcribe-diarize.', model));
  }
  const speakers: KnownSpeaker[] = [];
  for (const c of clips) {
    const uri = c.file ? inputFile(c.file, 'audio') : recording;
    const clip = await readClip(uri, c.start, c.end, !c.file);
    speakers.push({ name: c.name.trim(), reference: audioDataUrl(clip.bytes, clip.mimeType), seconds: clip.seconds });
  }
  const problem = knownSpeakersProblem(speakers);
  if (problem) throw new UserError(localize(problem));
  return { known_speaker_names: speakers.map((s) => s.name), known_speaker_references: speakers.map((s) => s.reference) };
}

/** A whole clip file, or [start, end) seconds of it; `fromRecording`: a span is required. */
async function readClip(
  uri: vscode.Uri,
  start: number | undefined,
  end: number | undefined,
  fromRecording: boolean,
): Promise<Omit<Clip, 'seconds'> & { seconds?: number }> {
  const name = fileName(uri);
  try {
    if (start !== undefined || end !== undefined || fromRecording) {
      if (start === undefined || end === undefined) {
        throw new ClipError(msg('speakers.clipSpan', { name, start: start ?? '?', end: end ?? '?' }));
      }
      return await withSource(uri, (source) => cutClip(source, name, start, end));
    }
    const size = (await vscode.workspace.fs.stat(uri)).size;
    const limit = uploadLimit('transcription', 'file');
    if (size > limit) throw new ClipError(msg('speakers.clipTooLarge', { name, size: `${(size / 1048576).toFixed(1)} MB` }));
    const bytes = await vscode.workspace.fs.readFile(uri);
    const mimeType = mimeTypeForName(name);
    // The length is checked here where the reader knows the format; the service checks the others.
    const seconds = wavSeconds(bytes) ?? (mimeType === 'audio/mpeg' ? mp3Seconds(bytes) || undefined : undefined);
    return { bytes, mimeType, seconds };
  } catch (err) {
    if (err instanceof ClipError) throw new UserError(localize(err.text));
    throw err;
  }
}

/** A file on disk is read in ranges through a handle; elsewhere (remote, virtual) its bytes are read first. */
async function withSource<T>(uri: vscode.Uri, use: (source: ByteSource) => Promise<T>): Promise<T> {
  if (uri.scheme !== 'file') return use(bytesSource(await vscode.workspace.fs.readFile(uri)));
  return withFileSource(uri.fsPath, use);
}

/** The names after renaming `speaker`, or a UserError saying what to change (nothing is changed then). */
export function renamed(result: TranscriptResult, names: SpeakerNames, speaker: string, name: string): Record<string, string> {
  if (result.format !== 'diarized_json') {
    throw new UserError(vscode.l10n.t('This transcript is not by speaker; there is no one to rename.'));
  }
  const problem = renameProblem(result.segments, names, speaker, name);
  if (problem) throw new UserError(localize(problem));
  return withRename(names, speaker, name);
}
