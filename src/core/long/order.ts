// How a long recording's parts are sent: what the settings offer (here alone, so that reading the settings at
// activation loads nothing of the splitting).

/**
 * For a model that takes a prompt: `twoRounds`, part 1 first and then the others at once (about two parts' time);
 * `chain`, one after another, each told the end of the part before (n parts' time).
 */
export type PartOrder = 'twoRounds' | 'chain';

/** Parts in flight at once after part 1, unless the settings say: two rounds for a recording of up to nine parts. */
export const AUDIO_CONCURRENCY = 8;
export const MAX_AUDIO_CONCURRENCY = 16;
