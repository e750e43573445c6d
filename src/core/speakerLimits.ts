// The service's limits on known speakers, apart from ./speakers.ts (which needs Node's Buffer) so that the Studio's
// page checks a clip's length against the same figures.
import { fieldSpecs } from './catalog';

/** openai-python `known_speaker_references`: "Each sample must be between 2 and 10 seconds". */
export const KNOWN_SPEAKER_SECONDS = { min: 2, max: 10 } as const;
/** openai-python `known_speaker_names`: "Up to 4 speakers are supported" (the catalog's field holds it). */
export const MAX_KNOWN_SPEAKERS = fieldSpecs('transcription').find((f) => f.key === 'known_speaker_names')?.max ?? 4;
