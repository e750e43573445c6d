// A streamed transcript on its way to the Studio's page, both ends: the host turns each delta into a note (the new
// text and where it goes), and the page adds the notes up. No `vscode` and no DOM: both sides compile this file.
// Notes posted while no page was there are lost (panel.ts drops all but final answers then), so after a new page
// appeared the next note of each part carries that part's whole text so far, at 0, and the page starts it over.

import type { TranscriptDeltaNote } from './protocol';

/** The host's side: what each part has said so far, and which page saw it. */
export class LiveTranscriptNotes {
  private readonly parts: string[] = [];
  private page: number | undefined;

  constructor(private readonly requestId: string) {}

  /**
   * The notes to post for `delta` of part `part`, whose text is now `soFar`, while page number `page` is (or was last)
   * there: one note, or after a new page one per part so far with its whole text.
   */
  notes(delta: string, soFar: string, part: number, page: number): TranscriptDeltaNote[] {
    const newPage = this.page !== undefined && page !== this.page;
    this.page = page;
    this.parts[part] = soFar;
    if (newPage) {
      return this.parts.flatMap((text, n) => (text ? [this.note(n, 0, text)] : []));
    }
    return [this.note(part, soFar.length - delta.length, delta)];
  }

  private note(part: number, at: number, delta: string): TranscriptDeltaNote {
    return { type: 'transcriptDelta', requestId: this.requestId, part, at, delta };
  }
}

/**
 * The page's side: adds a note to the parts' texts. `replace` when it starts a part over (at 0), `append` when it
 * continues where that part is, `skip` when it does not fit (a note before it was lost; the next new page mends it).
 */
export function applyTranscriptNote(parts: string[], note: Pick<TranscriptDeltaNote, 'part' | 'at' | 'delta'>):
  'replace' | 'append' | 'skip' {
  if (!Number.isInteger(note.part) || note.part < 0 || note.part > 10_000) return 'skip';
  if (note.at === 0) {
    parts[note.part] = note.delta;
    return 'replace';
  }
  if (note.at !== (parts[note.part] ?? '').length) return 'skip';
  parts[note.part] = (parts[note.part] ?? '') + note.delta;
  return 'append';
}
