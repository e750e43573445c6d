// The live transcript's two ends (src/shared/liveTranscript.ts): the host's notes add up, on the page, to the text
// streamed so far, part by part; a page that came in the middle is given each part's whole text and catches up.

import assert from 'node:assert/strict';
import { applyTranscriptNote, LiveTranscriptNotes } from '../../src/shared/liveTranscript';
import type { TranscriptDeltaNote } from '../../src/shared/protocol';

/** Feeds `deltas` of one part through the host's notes; returns the notes. */
function stream(live: LiveTranscriptNotes, deltas: string[], part = 0, page = 1, before = ''): TranscriptDeltaNote[] {
  let soFar = before;
  return deltas.flatMap((d) => {
    soFar += d;
    return live.notes(d, soFar, part, page);
  });
}

describe('Studio live transcript', () => {
  it('sends each delta with where it goes, and the page adds them up to the text so far', () => {
    const live = new LiveTranscriptNotes('req-1');
    const notes = stream(live, ['Thanks', ' for', ' joining']);
    assert.deepEqual(notes, [
      { type: 'transcriptDelta', requestId: 'req-1', part: 0, at: 0, delta: 'Thanks' },
      { type: 'transcriptDelta', requestId: 'req-1', part: 0, at: 6, delta: ' for' },
      { type: 'transcriptDelta', requestId: 'req-1', part: 0, at: 10, delta: ' joining' },
    ]);
    const parts: string[] = [];
    assert.deepEqual(notes.map((n) => applyTranscriptNote(parts, n)), ['replace', 'append', 'append']);
    assert.deepEqual(parts, ['Thanks for joining']);
  });

  it('keeps the parts of a long recording apart, in order, whichever arrives first', () => {
    const live = new LiveTranscriptNotes('r');
    const parts: string[] = [];
    const notes = [
      ...stream(live, ['Second', ' part'], 1),
      ...stream(live, ['First'], 0),
      ...stream(live, [' part'], 0, 1, 'First'),
    ];
    for (const n of notes) assert.notEqual(applyTranscriptNote(parts, n), 'skip');
    assert.deepEqual(parts, ['First part', 'Second part']);
  });

  it('after a new page, sends every part so far whole (at 0), and the new page catches up', () => {
    const live = new LiveTranscriptNotes('r');
    const first = stream(live, ['One', ' two'], 0, 1);
    stream(live, ['Three'], 1, 1);
    // The page was hidden (its notes lost) and a new page said ready: page 2.
    const resync = live.notes(' four', 'Three four', 1, 2);
    assert.deepEqual(resync.map((n) => [n.part, n.at, n.delta]), [[0, 0, 'One two'], [1, 0, 'Three four']]);
    const fresh: string[] = [];
    for (const n of resync) applyTranscriptNote(fresh, n);
    assert.deepEqual(fresh, ['One two', 'Three four']);
    // Then deltas again, on the new page.
    const next = live.notes(' five', 'Three four five', 1, 2);
    assert.deepEqual(next.map((n) => [n.part, n.at]), [[1, 10]]);
    assert.equal(applyTranscriptNote(fresh, next[0]), 'append');
    assert.deepEqual(fresh, ['One two', 'Three four five']);
    // The old page's own notes still added up (nothing is sent twice to one page).
    const old: string[] = [];
    for (const n of first) applyTranscriptNote(old, n);
    assert.deepEqual(old, ['One two']);
  });

  it('skips a note that does not continue its part (one before it was lost) and notes for an impossible part', () => {
    const parts = ['Hello'];
    assert.equal(applyTranscriptNote(parts, { part: 0, at: 9, delta: ' there' }), 'skip');
    assert.equal(applyTranscriptNote(parts, { part: 1, at: 3, delta: 'x' }), 'skip');
    assert.equal(applyTranscriptNote(parts, { part: -1, at: 0, delta: 'x' }), 'skip');
    assert.equal(applyTranscriptNote(parts, { part: 1.5, at: 0, delta: 'x' }), 'skip');
    assert.deepEqual(parts, ['Hello']);
  });
});
