// azureOpenAIMedia.transcription.knownSpeakers (name -> audio clip) as a request's paired names and references.
import { MediaApiError } from '../errors';
import { mimeTypeForName } from '../media';
import { msg } from '../messages';
import { audioDataUrl, knownSpeakersProblem, wavSeconds, type KnownSpeaker } from '../speakers';
import type { TranscriptionRequest } from '../types';
import type { MediaFiles } from './files';

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
    let bytes: Uint8Array;
    try {
      bytes = await files.read(files.knownSpeakerClip(audio, path));
    } catch {
      throw new MediaApiError('validation', msg('engine.speakerUnreadable', { name, path }), { field: 'known_speaker_references' });
    }
    clips.push({ name: name.trim(), reference: audioDataUrl(bytes, mimeTypeForName(path)), seconds: wavSeconds(bytes) });
  }
  const problem = knownSpeakersProblem(clips);
  if (problem) throw new MediaApiError('validation', msg('engine.speakersFix', { problem }), { field: 'known_speaker_names' });
  return { known_speaker_names: clips.map((c) => c.name), known_speaker_references: clips.map((c) => c.reference) };
}
