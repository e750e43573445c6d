// Transcripts whose length and timings follow the uploaded audio's real duration.

import { createHash } from 'node:crypto';

const CORPUS: Record<string, string[]> = {
  en: [
    'Thanks for joining the weekly review.',
    'The first item on the agenda is the release schedule.',
    'We moved the beta to the second week of the month.',
    'Testing found two issues in the upload flow.',
    'Both of them are fixed and the patches are merged.',
    'Next, the design team shared new sketches for the studio.',
    'Feedback from the pilot customers was mostly positive.',
    'They asked for faster previews and clearer error messages.',
    'We will follow up with a short survey next week.',
    'Finally, please update your tasks before Friday.',
  ],
  fr: [
    'Merci de participer à la réunion hebdomadaire.',
    'Le premier point concerne le calendrier de sortie.',
    'Nous avons déplacé la version bêta à la deuxième semaine.',
    'Les tests ont trouvé deux problèmes dans le téléversement.',
    'Les deux sont corrigés et les correctifs sont intégrés.',
  ],
  de: [
    'Danke für die Teilnahme an der wöchentlichen Besprechung.',
    'Der erste Punkt ist der Zeitplan für die Veröffentlichung.',
    'Wir haben die Beta auf die zweite Woche verschoben.',
    'Beim Testen wurden zwei Fehler beim Hochladen gefunden.',
    'Beide sind behoben und die Korrekturen sind eingespielt.',
  ],
  es: [
    'Gracias por asistir a la revisión semanal.',
    'El primer punto es el calendario de lanzamiento.',
    'Movimos la beta a la segunda semana del mes.',
    'Las pruebas encontraron dos problemas en la carga.',
    'Ambos están corregidos y los cambios están integrados.',
  ],
};

const LANGUAGE_NAMES: Record<string, string> = {
  en: 'english', fr: 'french', de: 'german', es: 'spanish', it: 'italian', pt: 'portuguese', nl: 'dutch',
  ja: 'japanese', zh: 'chinese', ko: 'korean', ru: 'russian', pl: 'polish', sv: 'swedish', tr: 'turkish',
};

export function languageName(code: string): string {
  return LANGUAGE_NAMES[code] ?? code;
}

export interface Segment {
  id: number;
  seek: number;
  start: number;
  end: number;
  text: string;
  tokens: number[];
  temperature: number;
  avg_logprob: number;
  compression_ratio: number;
  no_speech_prob: number;
}
export interface Word {
  word: string;
  start: number;
  end: number;
}
export interface Transcript {
  text: string;
  language: string;
  duration: number;
  segments: Segment[];
  words: Word[];
}

const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * A transcript of `duration` seconds of audio: about 2.5 words a second, cut into one segment per sentence,
 * with word and segment times spread over the audio. `seed` (the file's first bytes) picks where the text starts.
 */
export function makeTranscript(duration: number, language: string, seed: Buffer, temperature: number): Transcript {
  const corpus = CORPUS[language] ?? CORPUS.en;
  const first = createHash('sha256').update(seed).digest()[0] % corpus.length;
  const wordsWanted = Math.max(1, Math.round(duration * 2.5));
  const sentences: string[][] = [];
  let count = 0;
  for (let i = first; count < wordsWanted; i++) {
    let words = corpus[i % corpus.length].split(' ');
    if (count + words.length > wordsWanted) {
      words = words.slice(0, wordsWanted - count);
      words[words.length - 1] = words[words.length - 1].replace(/[.,!?]*$/, '.');
    }
    sentences.push(words);
    count += words.length;
  }
  const perWord = duration / count;
  const segments: Segment[] = [];
  const words: Word[] = [];
  let w = 0;
  for (const [id, sentence] of sentences.entries()) {
    const start = w * perWord;
    for (const word of sentence) {
      words.push({ word: word.replace(/[.,!?]/g, ''), start: round(w * perWord), end: round((w + 0.85) * perWord) });
      w++;
    }
    const end = Math.min(duration, w * perWord);
    const text = ` ${sentence.join(' ')}`;
    segments.push({
      id,
      seek: Math.floor(start / 30) * 3000,
      start: round(start),
      end: round(end),
      text,
      tokens: [50364, ...sentence.map((word) => 1000 + (createHash('md5').update(word).digest().readUInt16BE(0) % 49000)), 50257],
      temperature,
      avg_logprob: round(-0.18 - (id % 4) * 0.05, 6),
      compression_ratio: round(1.2 + (sentence.length % 7) * 0.05, 6),
      no_speech_prob: round(0.005 + (id % 3) * 0.004, 6),
    });
  }
  return {
    text: segments.map((s) => s.text.trim()).join(' '),
    language: languageName(language),
    duration: round(duration, 3),
    segments,
    words,
  };
}

function stamp(seconds: number, sep: ',' | '.'): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3600000);
  const m = Math.floor((ms % 3600000) / 60000);
  const s = Math.floor((ms % 60000) / 1000);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${sep}${pad(ms % 1000, 3)}`;
}

export function toSrt(t: Transcript): string {
  return t.segments.map((s, i) => `${i + 1}\n${stamp(s.start, ',')} --> ${stamp(s.end, ',')}\n${s.text.trim()}\n\n`).join('');
}

export function toVtt(t: Transcript): string {
  return `WEBVTT\n\n${t.segments.map((s) => `${stamp(s.start, '.')} --> ${stamp(s.end, '.')}\n${s.text.trim()}\n\n`).join('')}`;
}
