// The seams of a long recording's transcript: where one part's text meets the next, a word said again at the start
// of the later part, a word one side left out (and the other heard), and a sentence cut in two are mended in every
// format the merge writes (text, json, srt, vtt, verbose_json, diarized_json, and the Markdown by speaker made from
// it); texts that merely meet are left as they are.
import assert from 'node:assert/strict';
import { mergeTranscripts, type PartTranscript } from '../../src/core/long/merge';
import { findSeam } from '../../src/core/long/seam';
import { namesAndTerms } from '../../src/core/long/terms';
import { diarizedMarkdown } from '../../src/core/speakers';
import type { AudioResponseFormat, TranscriptResult } from '../../src/core/types';

type Format = AudioResponseFormat | 'diarized_json';
const FORMATS: Format[] = ['text', 'json', 'srt', 'vtt', 'verbose_json', 'diarized_json'];

const sentences = (text: string): string[] => text.split(/(?<=[.!?])\s+/).filter(Boolean);
const stamp = (s: number, sep: string) => `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${(s % 60).toFixed(3).padStart(6, '0')}`
  .replace('.', sep);

/** A part's transcript in `format`: one cue or segment per sentence, 2 s each, a word list for verbose_json. */
function part(format: Format, text: string, speaker = 'A'): TranscriptResult {
  const lines = sentences(text);
  const times = lines.map((_, i) => [i * 2, i * 2 + 2]);
  switch (format) {
    case 'text':
      return { format, text: `${text}\n` };
    case 'json':
      return { format, text };
    case 'srt':
      return { format, text: lines.map((l, i) => `${i + 1}\n${stamp(times[i][0], ',')} --> ${stamp(times[i][1], ',')}\n${l}\n\n`)
        .join('') };
    case 'vtt':
      return { format, text: `WEBVTT\n\n${lines.map((l, i) => `${stamp(times[i][0], '.')} --> ${stamp(times[i][1], '.')}\n${l}\n\n`)
        .join('')}` };
    case 'verbose_json':
      return {
        format, text, language: 'english', duration: lines.length * 2,
        segments: lines.map((l, i) => ({
          id: i, seek: 0, start: times[i][0], end: times[i][1], text: ` ${l}`, tokens: [1], temperature: 0, avg_logprob: -0.2,
          compression_ratio: 1.2, no_speech_prob: 0.01,
        })),
        words: text.split(/\s+/).map((w, i) => ({ word: w.replace(/[.,!?]/g, ''), start: i * 0.4, end: i * 0.4 + 0.3 })),
      };
    case 'diarized_json':
      return {
        format, text, duration: lines.length * 2,
        segments: lines.map((l, i) => ({ id: `seg_${i}`, start: times[i][0], end: times[i][1], text: l, speaker })),
      };
  }
}

/** The merged transcript's words as one text, read the way each format is read. */
function words(result: TranscriptResult): string {
  const join = (texts: string[]) => texts.map((t) => t.trim()).filter(Boolean).join(' ');
  switch (result.format) {
    case 'srt':
    case 'vtt':
      return join(result.text.split(/\n\n/).map((b) => b.split('\n')).filter((b) => b.some((l) => l.includes('-->')))
        .map((b) => b.slice(b.findIndex((l) => l.includes('-->')) + 1).join(' ')));
    case 'verbose_json':
    case 'diarized_json':
      return join(result.segments.map((s) => s.text));
    default:
      return result.text.trim();
  }
}

function merge(format: Format, left: string, right: string, speakers: [string, string] = ['A', 'A']): TranscriptResult {
  const parts: PartTranscript[] = [
    { result: part(format, left, speakers[0]), offset: 0, seconds: 600 },
    { result: part(format, right, speakers[1]), offset: 600, seconds: 600 },
  ];
  return mergeTranscripts(parts);
}

const CASES: Array<{ name: string; left: string; right: string; merged: string }> = [
  {
    name: 'words said again at the start of the later part',
    left: 'Thanks for joining the weekly review.',
    right: 'the weekly review. The first item is the release schedule.',
    merged: 'Thanks for joining the weekly review. The first item is the release schedule.',
  },
  {
    name: 'one word said again inside a sentence',
    left: 'We moved the beta to',
    right: 'to the second week of the month.',
    merged: 'We moved the beta to the second week of the month.',
  },
  {
    name: 'a word the earlier part dropped, which the later part heard',
    left: 'We moved the beta to the week',
    right: 'the second week of the month.',
    merged: 'We moved the beta to the second week of the month.',
  },
  {
    name: 'a word the later part dropped from its repeat, which the earlier part heard',
    left: 'We moved the beta to the second week',
    right: 'the week of the month.',
    merged: 'We moved the beta to the second week of the month.',
  },
  {
    name: 'a sentence split across the cut (a full stop after "the")',
    left: 'Testing went well. We moved the beta to the.',
    right: 'Second week of the month.',
    merged: 'Testing went well. We moved the beta to the second week of the month.',
  },
  {
    name: 'a sentence split across the cut (the later part goes on in lower case)',
    left: 'Both of them are fixed.',
    right: 'and the patches are merged.',
    merged: 'Both of them are fixed and the patches are merged.',
  },
  {
    name: 'a sentence split across the cut before a name, which keeps its capital',
    left: 'Our partner Contoso joined us. We met the team from.',
    right: 'Contoso in May.',
    merged: 'Our partner Contoso joined us. We met the team from Contoso in May.',
  },
  {
    name: 'two parts that merely meet',
    left: 'Finally, please update your tasks before Friday.',
    right: 'Thanks for joining the weekly review.',
    merged: 'Finally, please update your tasks before Friday. Thanks for joining the weekly review.',
  },
];

describe('long: seams mended in every format', () => {
  for (const c of CASES) {
    for (const format of FORMATS) {
      it(`${c.name}: ${format}`, () => {
        const merged = merge(format, c.left, c.right);
        assert.equal(merged.format, format);
        assert.equal(words(merged), c.merged);
        if (merged.format === 'verbose_json') {
          assert.equal(merged.text, c.merged, 'the text is the segments joined');
          const expected = c.merged.split(/\s+/).map((w) => w.replace(/[.,!?]/g, '').toLowerCase());
          assert.deepEqual(merged.words.map((w) => w.word.toLowerCase()), expected, 'the word list lost the same words');
          assert.deepEqual(merged.segments.map((s) => s.id), merged.segments.map((_, i) => i));
        }
        if (merged.format === 'diarized_json') {
          assert.equal(merged.text, c.merged);
          assert.ok(merged.segments.every((s) => s.text.trim()), 'no empty segment is left');
          // By speaker: one speaker throughout, so one paragraph holding the mended text.
          const markdown = diarizedMarkdown(merged.segments);
          assert.ok(markdown.replace(/\s+/g, ' ').includes(c.merged), markdown);
        }
        if (merged.format === 'srt') {
          const numbers = merged.text.trim().split(/\n\n/).map((b) => b.split('\n')[0]);
          assert.deepEqual(numbers, numbers.map((_, i) => String(i + 1)), 'cues renumbered, emptied ones left out');
        }
      });
    }
  }

  it('does not mend across a change of speaker: "Yes." answered by "Yes."', () => {
    const merged = merge('diarized_json', 'Is the build green? Yes it is.', 'Yes it is. Then we ship.', ['A', 'B']);
    assert.equal(words(merged), 'Is the build green? Yes it is. Yes it is. Then we ship.');
    const same = merge('diarized_json', 'Is the build green? Yes it is.', 'Yes it is. Then we ship.', ['A', 'A']);
    assert.equal(words(same), 'Is the build green? Yes it is. Then we ship.');
  });

  it('keeps a single word said twice across a full stop ("No. No, …") and changes nothing far from the cut', () => {
    assert.deepEqual(findSeam(['We said no.'], ['No, we did not.'], { names: new Set(), english: true }),
      { trimLeft: 0, trimRight: 0, join: false });
    const merged = merge('text', 'The review. The review. Notes follow.', 'Then the review ended.');
    assert.equal(merged.text, 'The review. The review. Notes follow. Then the review ended.\n');
  });

  it('finds the names and terms a part used: inside a sentence, acronyms, letters with digits, mixed case', () => {
    assert.deepEqual(
      namesAndTerms('Thanks, Dana. We moved GPT-4o to the Contoso tenant on Friday. The PowerPoint is in SharePoint. I\'m done.'),
      ['Dana', 'GPT-4o', 'Contoso', 'Friday', 'PowerPoint', 'SharePoint'],
    );
  });
});
