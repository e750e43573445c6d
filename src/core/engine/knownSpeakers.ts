// azureOpenAIMedia.transcription.knownSpeakers (name -> audio clip) as a request's paired names and references.
import { MediaApiError } from '../errors';
import { mimeTypeForName } from '../media';
import { msg } from '../messages';
import { audioDataUrl, knownSpeakersProblem, wavSeconds, type KnownSpeaker } from '../speakers';
import type { TranscriptionRequest } from '../types';
import type { MediaFiles } from './files';
import { AUDIO_EXTENSIONS } from '../catalog';
import { extensionOf } from '../media';

/** A reference clip is 2–10 s: 10 s of 48 kHz stereo 16-bit WAV is 1.9 MB. */
export const KNOWN_SPEAKER_MAX_BYTES = 4 * 1024 * 1024;

/**
 * One clip of the setting, which a workspace may have written: an audio file by its name, inside the workspace
 * (`files.knownSpeakerClip` resolves and refuses), its size read before the file, never more than the cap.
 */
export async function readKnownSpeakerClip<F>(files: MediaFiles<F>, audio: F, name: string, path: string): Promise<Uint8Array> {
  const ext = extensionOf(path);
  if (!(AUDIO_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new MediaApiError('validation', msg('engine.speakerNotAudio', { name, path, types: AUDIO_EXTENSIONS.join(', ') }),
      { field: 'known_speaker_references' });
  }
  const clip = files.knownSpeakerClip(audio, path);
  let read: { head: Uint8Array; size: number };
  try {
    read = await files.head(clip, KNOWN_SPEAKER_MAX_BYTES + 1);
  } catch {
    throw new MediaApiError('validation', msg('engine.speakerUnreadable', { name, path }), { field: 'known_speaker_references' });
  }
  if (read.size > KNOWN_SPEAKER_MAX_BYTES || read.head.length < read.size) {
    throw new MediaApiError('validation', msg('engine.speakerTooLarge', { name, path, max: `${KNOWN_SPEAKER_MAX_BYTES / 1048576} MB` }),
      { field: 'known_speaker_references' });
  }
  return read.head;
}

/**
 * The clips named in the setting as the request's known speakers. Paths are relative to the audio's root (the
 * workspace folder); WAV clips are checked for 2–10 s here, others by the service.
 */
export async function knownSpeakersFromSettings<F>(
  files: MediaFiles<F>,
  audio: F,
  speakers: Record<string, string>,
): Promise<Pick<TranscriptionRequest, 'known_speaker_names' | 'known_speaker_references'>> {
  const entries = Object.entries(speakers).filter(([name, path]) => name.trim() && path.trim());
  if (!entries.length) return {};
  const clips: KnownSpeaker[] = [];
  for (const [name, path] of entries) {
    const bytes = await readKnownSpeakerClip(files, audio, name, path);
    clips.push({ name: name.trim(), reference: audioDataUrl(bytes, mimeTypeForName(path)), seconds: wavSeconds(bytes) });
  }
  const problem = knownSpeakersProblem(clips);
  if (problem) throw new MediaApiError('validation', msg('engine.speakersFix', { problem }), { field: 'known_speaker_names' });
  return { known_speaker_names: clips.map((c) => c.name), known_speaker_references: clips.map((c) => c.reference) };
}
