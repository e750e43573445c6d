// gpt-4o-transcribe-diarize and streamed transcriptions: the rules of the service (openai-python's
// `transcription_create_params.py`, `transcription_diarized*.py`, `transcription_text_*_event.py`) and the answers.

import { invalidRequest, invalidValue } from './errors';
import { Mp3Meter, audioDuration, parseWav, sniffAudio } from './formats';
import type { SseEvent } from './operations';
import type { Transcript } from './transcript';
import { hearVoices, voiceBetween, voiceOf } from './voices';

/** openai-python: "Up to 4 speakers are supported." */
export const MAX_KNOWN_SPEAKERS = 4;
/** openai-python: "Each sample must be between 2 and 10 seconds". */
export const REFERENCE_SECONDS = { min: 2, max: 10 };
/** openai-python: chunking_strategy is "Required when using gpt-4o-transcribe-diarize for inputs longer than 30 seconds." */
export const DIARIZE_UNCHUNKED_MAX_SECONDS = 30;

export interface KnownSpeaker {
  name: string;
  seconds: number;
  /** The reference's voice as the emulator hears it (voices.ts); undefined when it cannot. */
  voice?: number;
}

/** Seconds of a reference clip: exact for WAV (its header) and MP3 (every frame); undefined when it is not readable audio. */
function clipSeconds(bytes: Buffer): number | undefined {
  const container = sniffAudio(bytes);
  if (container === 'wav') {
    const wav = parseWav(bytes);
    return wav && wav.dataOffset <= bytes.length ? audioDuration(bytes, bytes.length) : undefined;
  }
  if (container === 'mp3') {
    const meter = new Mp3Meter();
    meter.push(bytes);
    return meter.seconds();
  }
  return container ? audioDuration(bytes, bytes.length) : undefined;
}

const DATA_URL = /^data:(audio\/[\w.+-]+|video\/(?:mp4|webm)|application\/octet-stream)(?:;[\w-]+=[\w.-]+)*;base64,([A-Za-z0-9+/]*={0,2})$/;

/** Checks `known_speaker_names[]` against `known_speaker_references[]`: one data URL of 2–10 s of audio per name. */
export function knownSpeakers(names: string[], references: string[]): KnownSpeaker[] {
  if (names.length !== references.length) {
    throw invalidValue(
      'known_speaker_references',
      `known_speaker_names has ${names.length} entries but known_speaker_references has ${references.length}; give one reference per name.`,
    );
  }
  if (names.length > MAX_KNOWN_SPEAKERS) {
    throw invalidValue('known_speaker_names', `At most ${MAX_KNOWN_SPEAKERS} known speakers are supported; got ${names.length}.`);
  }
  const seen = new Set<string>();
  return names.map((name, i) => {
    if (name.trim() === '') throw invalidValue('known_speaker_names', `known_speaker_names[${i}] is empty.`);
    if (seen.has(name)) throw invalidValue('known_speaker_names', `known_speaker_names has '${name}' twice; names must be unique.`);
    seen.add(name);
    const m = DATA_URL.exec(references[i]);
    if (!m) {
      throw invalidValue(
        'known_speaker_references',
        `known_speaker_references[${i}] must be a base64 data URL of an audio clip (data:audio/wav;base64,...).`,
      );
    }
    const bytes = Buffer.from(m[2], 'base64');
    const seconds = bytes.length > 0 ? clipSeconds(bytes) : undefined;
    if (seconds === undefined) {
      throw invalidValue('known_speaker_references', `known_speaker_references[${i}] is not audio the service can read.`);
    }
    if (seconds < REFERENCE_SECONDS.min || seconds > REFERENCE_SECONDS.max) {
      throw invalidValue(
        'known_speaker_references',
        `known_speaker_references[${i}] is ${seconds.toFixed(2)} seconds long; each reference must be between ` +
          `${REFERENCE_SECONDS.min} and ${REFERENCE_SECONDS.max} seconds.`,
      );
    }
    return { name, seconds, voice: voiceOf(hearVoices(bytes)) };
  });
}

/** `chunking_strategy`: "auto", or a server_vad object (sent as JSON text in a form). */
export function checkChunkingStrategy(raw: string | undefined): void {
  if (raw === undefined || raw === 'auto') return;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalidValue('chunking_strategy', `chunking_strategy must be 'auto' or a server_vad object; got '${raw.slice(0, 40)}'.`);
  }
  const o = value as Record<string, unknown>;
  if (typeof o !== 'object' || o === null || o.type !== 'server_vad') {
    throw invalidValue('chunking_strategy', "chunking_strategy must be 'auto' or an object with type 'server_vad'.");
  }
  for (const key of Object.keys(o)) {
    if (!['type', 'prefix_padding_ms', 'silence_duration_ms', 'threshold'].includes(key)) {
      throw invalidValue('chunking_strategy', `Unknown chunking_strategy field '${key}'.`);
    }
  }
  if (o.threshold !== undefined && (typeof o.threshold !== 'number' || o.threshold < 0 || o.threshold > 1)) {
    throw invalidValue('chunking_strategy', 'chunking_strategy.threshold must be a number between 0 and 1.');
  }
}

export function requireChunkingForLongAudio(duration: number, chunking: string | undefined, model: string): void {
  if (chunking === undefined && duration > DIARIZE_UNCHUNKED_MAX_SECONDS) {
    throw invalidRequest(
      'invalid_value',
      `chunking_strategy is required for ${model} when the audio is longer than ${DIARIZE_UNCHUNKED_MAX_SECONDS} seconds ` +
        `(this file is ${duration.toFixed(1)} s). Send chunking_strategy=auto.`,
      'chunking_strategy',
    );
  }
}

export interface DiarizedSegment {
  type: 'transcript.text.segment';
  id: string;
  start: number;
  end: number;
  text: string;
  speaker: string;
}

/**
 * The speaker of each segment. When the emulator hears at least two voices in the upload (`voices`, see voices.ts), a
 * segment's speaker is the voice heard most under it (a quiet segment keeps the voice before it): the name of the
 * first known speaker whose reference has that voice, else a letter, A, B… in the order the unnamed voices first speak
 * in this request. Audio it cannot tell voices apart in gets the scripted turns: sentences 1–2 are the first speaker's,
 * 3–4 the second's, and so on, named A, B or after the known speakers in order.
 */
export function diarizedSegments(t: Transcript, known: KnownSpeaker[], voices?: readonly number[]): DiarizedSegment[] {
  let speakers: string[];
  const heard = voices ? t.segments.map((s) => voiceBetween(voices, s.start, s.end)) : [];
  if (new Set(heard.filter((v) => v !== undefined)).size >= 2) {
    const letters = new Map<number, string>();
    let previous = heard.find((v) => v !== undefined)!;
    speakers = heard.map((v) => {
      const voice = (previous = v ?? previous);
      const named = known.find((k) => k.voice === voice)?.name;
      if (named !== undefined) return named;
      if (!letters.has(voice)) letters.set(voice, String.fromCharCode(65 + letters.size));
      return letters.get(voice)!;
    });
  } else {
    const labels = ['A', 'B'].map((letter, i) => known[i]?.name ?? letter);
    speakers = t.segments.map((_, i) => labels[Math.floor(i / 2) % 2]);
  }
  return t.segments.map((s, i) => ({
    type: 'transcript.text.segment',
    id: `seg_${i}`,
    start: s.start,
    end: s.end,
    text: s.text.trim(),
    speaker: speakers[i],
  }));
}

/**
 * A streamed transcript: one `transcript.text.delta` per word (with the diarized segment's id for the diarize
 * model), a `transcript.text.segment` after each diarized segment, and `transcript.text.done` with the usage.
 */
export function transcriptStream(t: Transcript, segments: DiarizedSegment[] | undefined, usage: unknown): SseEvent[] {
  const events: SseEvent[] = [];
  t.segments.forEach((s, i) => {
    const words = s.text.trim().split(' ');
    words.forEach((word, w) => {
      const delta = i === 0 && w === 0 ? word : ` ${word}`;
      const segmentId = segments ? { segment_id: segments[i].id } : {};
      events.push({ event: 'transcript.text.delta', data: () => ({ type: 'transcript.text.delta', delta, ...segmentId }) });
    });
    if (segments) events.push({ event: 'transcript.text.segment', data: () => segments[i] });
  });
  events.push({ event: 'transcript.text.done', data: () => ({ type: 'transcript.text.done', text: t.text, usage }) });
  return events;
}
