// Diarized transcripts made readable: speaker turns, Markdown (one paragraph per turn, the speaker in bold) and
// subtitles with the speaker in each cue, built locally from the segments (the service gives no srt/vtt for the
// diarize model). Renaming a speaker (A -> "Dana") is a map applied to every output.
import { fieldFor } from './catalog';
import { msg, type Message } from './messages';
import { KNOWN_SPEAKER_SECONDS, MAX_KNOWN_SPEAKERS } from './speakerLimits';
import type { DiarizedSegment } from './types';

export { KNOWN_SPEAKER_SECONDS, MAX_KNOWN_SPEAKERS };

/** Models that label speakers: their transcripts can come `diarized_json` (the catalog says which). */
export function isDiarizing(model: string): boolean {
  return fieldFor('transcription', model, 'response_format').values?.includes('diarized_json') ?? false;
}

/** Speaker label -> the name to show instead. Labels without an entry (or with a blank one) show as they are. */
export type SpeakerNames = Readonly<Record<string, string>>;

export interface SpeakerTurn {
  speaker: string;
  start: number;
  end: number;
  text: string;
}

function shown(label: string, names: SpeakerNames): string {
  const name = names[label]?.trim();
  return name ? name : label;
}

/** The speakers in order of first appearance. */
export function speakersOf(segments: readonly DiarizedSegment[]): string[] {
  return [...new Set(segments.map((s) => s.speaker))];
}

/** Consecutive segments of the same (renamed) speaker joined into one turn. */
export function speakerTurns(segments: readonly DiarizedSegment[], names: SpeakerNames = {}): SpeakerTurn[] {
  const turns: SpeakerTurn[] = [];
  for (const s of segments) {
    const text = s.text.trim();
    if (!text) continue;
    const speaker = shown(s.speaker, names);
    const last = turns.at(-1);
    if (last && last.speaker === speaker) {
      last.text = `${last.text} ${text}`;
      last.end = s.end;
    } else {
      turns.push({ speaker, start: s.start, end: s.end, text });
    }
  }
  return turns;
}

/** Markdown special characters in a speaker name are escaped so `**name:**` stays bold text. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/** One paragraph per speaker turn: `**A:** text` (or the speaker's name), under an optional title. */
export function diarizedMarkdown(segments: readonly DiarizedSegment[], names: SpeakerNames = {}, title?: string): string {
  const paragraphs = speakerTurns(segments, names).map((t) => `**${escapeMarkdown(t.speaker)}:** ${t.text}`);
  return `${title ? `# ${escapeMarkdown(title)}\n\n` : ''}${paragraphs.join('\n\n')}\n`;
}

function stamp(seconds: number, sep: ',' | '.'): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const [h, m, s] = [Math.floor(ms / 3600000), Math.floor((ms % 3600000) / 60000), Math.floor((ms % 60000) / 1000)];
  return `${pad(h)}:${pad(m)}:${pad(s)}${sep}${pad(ms % 1000, 3)}`;
}

/** SubRip: one cue per segment, `Speaker: text`. */
export function diarizedSrt(segments: readonly DiarizedSegment[], names: SpeakerNames = {}): string {
  return segments
    .filter((s) => s.text.trim())
    .map((s, i) => `${i + 1}\n${stamp(s.start, ',')} --> ${stamp(s.end, ',')}\n${shown(s.speaker, names)}: ${s.text.trim()}\n`)
    .join('\n');
}

/** WebVTT: one cue per segment with a voice tag, `<v Speaker>text`. */
export function diarizedVtt(segments: readonly DiarizedSegment[], names: SpeakerNames = {}): string {
  const voice = (label: string): string => shown(label, names).replace(/[<>&]/g, ' ').trim();
  const cues = segments
    .filter((s) => s.text.trim())
    .map((s) => `${stamp(s.start, '.')} --> ${stamp(s.end, '.')}\n<v ${voice(s.speaker)}>${s.text.trim()}\n`);
  return `WEBVTT\n\n${cues.join('\n')}`;
}

/** Plain text by speaker: one paragraph per turn, `Speaker: text` (the .txt beside the Markdown). */
export function diarizedText(segments: readonly DiarizedSegment[], names: SpeakerNames = {}): string {
  return `${speakerTurns(segments, names).map((t) => `${t.speaker}: ${t.text}`).join('\n\n')}\n`;
}

/** A name given to a speaker in the Studio: one line, short enough for a table cell and a subtitle cue. */
export const MAX_SPEAKER_NAME = 60;

/**
 * What is wrong with naming the speaker labelled `label` `name` (undefined when fine): the label must be one of the
 * transcript's, the name non-empty, at most MAX_SPEAKER_NAME characters, one line, and not shown for another speaker
 * (two speakers under one name would merge their turns). The name equal to the label takes a rename back.
 */
export function renameProblem(
  segments: readonly DiarizedSegment[],
  names: SpeakerNames,
  label: string,
  name: string,
): Message | undefined {
  const speakers = speakersOf(segments);
  if (!speakers.includes(label)) return msg('speakers.unknown', { label, speakers: speakers.join(', ') });
  const wanted = name.trim();
  if (!wanted) return msg('speakers.renameEmpty', { label });
  if (Array.from(wanted).length > MAX_SPEAKER_NAME) return msg('speakers.renameTooLong', { max: MAX_SPEAKER_NAME });
  // eslint-disable-next-line no-control-regex -- a name is one line of text
  if (/[\u0000-\u001f\u007f]/.test(wanted)) return msg('speakers.renameLine');
  const other = speakers.find((s) => s !== label && shown(s, names) === wanted);
  if (other !== undefined) return msg('speakers.renameTaken', { name: wanted, label: other });
  return undefined;
}

/** The names after a rename: a name equal to the label drops the entry (the label shows again). */
export function withRename(names: SpeakerNames, label: string, name: string): Record<string, string> {
  const next: Record<string, string> = { ...names };
  const wanted = name.trim();
  if (wanted === label) delete next[label];
  else next[label] = wanted;
  return next;
}

/** The segments with their speakers renamed (what is saved after a rename in the Studio). */
export function renameSpeakers(segments: readonly DiarizedSegment[], names: SpeakerNames): DiarizedSegment[] {
  return segments.map((s) => ({ ...s, speaker: shown(s.speaker, names) }));
}

export interface KnownSpeaker {
  name: string;
  /** The clip as a data URL (`data:audio/wav;base64,…`). */
  reference: string;
  /** The clip's length when the caller knows it; checked against 2–10 s. */
  seconds?: number;
}

/**
 * Checks known speakers before they are sent and returns what is wrong (undefined when fine): at most four, unique
 * non-empty names, data URLs of audio, 2–10 s each where the length is known.
 */
export function knownSpeakersProblem(speakers: readonly KnownSpeaker[]): Message | undefined {
  if (speakers.length > MAX_KNOWN_SPEAKERS) {
    return msg('speakers.tooMany', { max: MAX_KNOWN_SPEAKERS, count: speakers.length });
  }
  const seen = new Set<string>();
  for (const s of speakers) {
    const name = s.name.trim();
    if (!name) return msg('speakers.noName');
    if (seen.has(name)) return msg('speakers.duplicate', { name });
    seen.add(name);
    if (!/^data:(audio\/[\w.+-]+|video\/(mp4|webm)|application\/octet-stream)(;[\w-]+=[\w.-]+)*;base64,[A-Za-z0-9+/]+=*$/.test(
      s.reference)) {
      return msg('speakers.notDataUrl', { name });
    }
    if (s.seconds !== undefined && (s.seconds < KNOWN_SPEAKER_SECONDS.min || s.seconds > KNOWN_SPEAKER_SECONDS.max)) {
      const { min, max } = KNOWN_SPEAKER_SECONDS;
      return msg('speakers.clipLength', { name, seconds: s.seconds.toFixed(1), min, max });
    }
  }
  return undefined;
}

/** A data URL of an audio file's bytes, typed by its extension. */
export function audioDataUrl(bytes: Uint8Array, mimeType: string): string {
  return `data:${mimeType};base64,${Buffer.from(bytes).toString('base64')}`;
}

/** Seconds of a PCM WAV file from its header (undefined when it is not one the reader understands). */
export function wavSeconds(bytes: Uint8Array): number | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 12 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WAVE') return undefined;
  let byteRate = 0;
  for (let off = 12; off + 8 <= b.length; ) {
    const id = b.toString('latin1', off, off + 4);
    const size = b.readUInt32LE(off + 4);
    if (id === 'fmt ' && off + 16 <= b.length) byteRate = b.readUInt32LE(off + 16);
    if (id === 'data') {
      if (!byteRate) return undefined;
      const present = b.length - (off + 8);
      return Math.min(size, present) / byteRate;
    }
    off += 8 + size + (size & 1);
  }
  return undefined;
}
