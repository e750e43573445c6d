import * as assert from 'node:assert/strict';
import type { TranscriptResult } from '../../src/core/types';
import { cuesToText, renderTranscript, saveFormats, timestamp, toView } from '../../src/studio/transcript';

const verbose: TranscriptResult = {
  format: 'verbose_json',
  text: 'Hello there. General Kenobi.',
  task: 'transcribe',
  language: 'english',
  duration: 3725.5,
  segments: [
    { id: 0, seek: 0, start: 0, end: 1.5, text: ' Hello there.', tokens: [1, 2], temperature: 0, avg_logprob: -0.2, compression_ratio: 1,
      no_speech_prob: 0 },
    { id: 1, seek: 0, start: 3661.25, end: 3662.999, text: ' General Kenobi.', tokens: [3], temperature: 0, avg_logprob: -0.3,
      compression_ratio: 1, no_speech_prob: 0 },
  ],
  words: [{ word: 'Hello', start: 0, end: 0.4 }],
  requestId: 'req-1',
};

describe('Studio transcript conversions', () => {
  it('offers every format for a verbose_json result with segments, fewer for the others', () => {
    assert.deepEqual(saveFormats(verbose), ['txt', 'json', 'verbose_json', 'srt', 'vtt']);
    assert.deepEqual(saveFormats({ format: 'json', text: 'a' }), ['txt', 'json']);
    assert.deepEqual(saveFormats({ format: 'srt', text: 'a' }), ['srt', 'txt']);
    assert.deepEqual(saveFormats({ format: 'text', text: 'a' }), ['txt']);
  });

  it('writes srt and vtt cues from segments', () => {
    assert.equal(
      renderTranscript(verbose, 'srt'),
      '1\n00:00:00,000 --> 00:00:01,500\nHello there.\n\n2\n01:01:01,250 --> 01:01:02,999\nGeneral Kenobi.\n',
    );
    assert.equal(
      renderTranscript(verbose, 'vtt'),
      'WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHello there.\n\n01:01:01.250 --> 01:01:02.999\nGeneral Kenobi.\n',
    );
  });

  it('writes text, json and verbose_json without the request id', () => {
    assert.equal(renderTranscript(verbose, 'txt'), 'Hello there. General Kenobi.\n');
    assert.deepEqual(JSON.parse(renderTranscript(verbose, 'json')), { text: 'Hello there. General Kenobi.' });
    const full = JSON.parse(renderTranscript(verbose, 'verbose_json')) as { segments: unknown[]; requestId?: string; duration: number };
    assert.equal(full.segments.length, 2);
    assert.equal(full.requestId, undefined);
    assert.equal(full.duration, 3725.5);
  });

  it('turns srt into plain text and refuses what it cannot make', () => {
    const srt = '1\n00:00:00,000 --> 00:00:01,000\nHi.\n\n2\n00:00:01,000 --> 00:00:02,000\nBye.\n';
    assert.equal(renderTranscript({ format: 'srt', text: srt }, 'txt'), 'Hi.\nBye.\n');
    assert.equal(cuesToText('WEBVTT\n\n00:00.000 --> 00:01.000\nOne\n'), 'One\n');
    assert.throws(() => renderTranscript({ format: 'text', text: 'x' }, 'srt'), RangeError);
  });

  it('formats timestamps and builds the page view', () => {
    assert.equal(timestamp(0.0004, ','), '00:00:00,000');
    assert.equal(timestamp(59.9996, '.'), '00:01:00.000');
    const view = toView(verbose);
    assert.equal(view.segments[1].start, 3661.25);
    assert.equal(Object.keys(view.segments[0]).sort().join(), 'end,id,start,text');
    assert.deepEqual(toView({ format: 'text', text: 'x' }), { format: 'text', text: 'x', segments: [], words: [] });
  });

  it('shows and saves a transcript by speaker: the speaker in each row, Markdown, srt and vtt', () => {
    const diarized: TranscriptResult = {
      format: 'diarized_json',
      text: 'Hi. Hello.',
      duration: 3,
      segments: [
        { id: 'seg_0', speaker: 'A', start: 0, end: 1, text: 'Hi.' },
        { id: 'seg_1', speaker: 'B', start: 1.5, end: 3, text: 'Hello.' },
      ],
    };
    assert.deepEqual(saveFormats(diarized), ['md', 'txt', 'srt', 'vtt']);
    assert.deepEqual(toView(diarized).segments.map((s) => `${s.speaker}: ${s.text}`), ['A: Hi.', 'B: Hello.']);
    assert.equal(renderTranscript(diarized, 'md'), '**A:** Hi.\n\n**B:** Hello.\n');
    assert.equal(renderTranscript(diarized, 'txt'), 'A: Hi.\n\nB: Hello.\n');
    assert.match(renderTranscript(diarized, 'srt'), /^1\n00:00:00,000 --> 00:00:01,000\nA: Hi\.\n\n2\n/);
    assert.match(renderTranscript(diarized, 'vtt'), /^WEBVTT\n\n00:00:00\.000 --> 00:00:01\.000\n<v A>Hi\.\n/);
  });
});
