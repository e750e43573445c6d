// Keeping a long recording's speakers the same across its parts. The diarize model labels speakers per request (A, B…
// in each), so part 2's "A" need not be part 1's. Part 1 is transcribed first; a clip of each of its speakers is cut
// from its audio (clip.ts) and sent with every later part as a known speaker, and the later parts' labels are mapped
// back to part 1's.
//
// The names sent are "Speaker A", "Speaker B"… rather than the bare letters: the service labels speakers it does not
// recognise with letters too, so a newcomer in part 2 labelled "A" could not be told from a carried "A". The user's own
// known speakers are sent with every part under their names and take precedence (and of the MAX_KNOWN_SPEAKERS places).
import { KNOWN_SPEAKER_SECONDS, MAX_KNOWN_SPEAKERS, speakersOf, speakerTurns } from '../speakers';
import type { DiarizedSegment } from '../types';

/** Longest clip cut for a carried speaker: inside the service's 2–10 s, short enough to keep each request small. */
export const CARRIED_CLIP_SECONDS = 8;

export interface CarriedSpeaker {
  /** Part 1's label. */
  label: string;
  /** The name it is sent under with the later parts. */
  name: string;
  /** Seconds from part 1's start: the middle of the speaker's longest turn, at most CARRIED_CLIP_SECONDS. */
  start: number;
  seconds: number;
}

export interface CarryPlan {
  speakers: CarriedSpeaker[];
  /** Part 1's speakers not carried, with why (for the log). */
  skipped: Array<{ label: string; reason: string }>;
}

/**
 * Which of part 1's speakers to carry and where to cut each one's clip. Speakers already named by the user's known
 * speakers are not carried again. The others are taken by how long they speak in part 1 (first to speak wins a tie),
 * as long as places are left; each needs one turn of at least KNOWN_SPEAKER_SECONDS.min seconds, since a clip must
 * hold that speaker alone: a speaker with only shorter turns is skipped rather than given other voices.
 */
export function planCarriedSpeakers(
  segments: readonly DiarizedSegment[],
  userNames: readonly string[],
  max: number = MAX_KNOWN_SPEAKERS,
): CarryPlan {
  const user = new Set(userNames);
  const turns = speakerTurns(segments);
  const spoken = new Map<string, number>();
  for (const t of turns) spoken.set(t.speaker, (spoken.get(t.speaker) ?? 0) + (t.end - t.start));
  const order = speakersOf(segments).filter((label) => !user.has(label) && spoken.has(label));
  order.sort((a, b) => spoken.get(b)! - spoken.get(a)!); // stable: first to speak wins a tie
  const taken = new Set(userNames);
  const plan: CarryPlan = { speakers: [], skipped: [] };
  let places = max - userNames.length;
  for (const label of order) {
    const longest = turns.filter((t) => t.speaker === label).reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
    const length = longest.end - longest.start;
    if (length < KNOWN_SPEAKER_SECONDS.min) {
      plan.skipped.push({
        label,
        reason: `their longest turn in part 1 is ${length.toFixed(1)} s; a reference needs ${KNOWN_SPEAKER_SECONDS.min} s of them alone`,
      });
      continue;
    }
    if (places <= 0) {
      plan.skipped.push({ label, reason: `only ${max} known speakers can be sent and ${max} are taken by longer-speaking ones` });
      continue;
    }
    places--;
    const seconds = Math.min(length, CARRIED_CLIP_SECONDS);
    plan.speakers.push({ label, name: unique(`Speaker ${label}`, taken), start: longest.start + (length - seconds) / 2, seconds });
  }
  return plan;
}

function unique(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name} (${n})`;
  taken.add(candidate);
  return candidate;
}

/**
 * A later part's segments with part 1's labels: a carried speaker's name becomes part 1's label, the user's known
 * speakers keep their names, and any other label (a voice the service did not match to a reference) becomes a label not
 * used so far in the whole transcript, since the service's letters are per request. `used` holds the labels taken so
 * far and is updated.
 */
export function relabelPart(
  segments: readonly DiarizedSegment[],
  carried: readonly CarriedSpeaker[],
  userNames: readonly string[],
  used: Set<string>,
): DiarizedSegment[] {
  const map = new Map<string, string>(carried.map((c) => [c.name, c.label]));
  for (const name of userNames) map.set(name, name);
  for (const label of map.values()) used.add(label);
  const fresh = (): string => {
    for (let n = 0; ; n++) {
      const label = n < 26 ? String.fromCharCode(65 + n) : `Speaker ${n + 1}`;
      if (!used.has(label)) return label;
    }
  };
  for (const label of speakersOf(segments)) {
    if (map.has(label)) continue;
    const next = fresh();
    map.set(label, next);
    used.add(next);
  }
  return segments.map((s) => ({ ...s, speaker: map.get(s.speaker)! }));
}
