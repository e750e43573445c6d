// How the page shows a file: its webview URI, or an object URL made from the bytes the host sent, released when the
// slot shows something else; a remembered file is asked for again after a reload.
import { b64ToBytes, objectUrl } from './dom';
import { ask, newRequestId } from './host';
import type { FileView } from './types';
import type { FileMemo } from './state';

/** Object URLs made for a slot are revoked when the slot shows something else. */
export class UrlSlot {
  private url: string | undefined;
  set(bytes: Uint8Array, mime: string): string {
    this.release();
    this.url = objectUrl(bytes, mime);
    return this.url;
  }
  release(): void {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = undefined;
  }
}

/** The URL to show a file with: its webview URI, or a blob: URL made from the bytes the host sent. */
export function fileUrl(file: FileView, slot: UrlSlot): string | undefined {
  if (file.src) {
    slot.release();
    return file.src;
  }
  if (file.data) return slot.set(b64ToBytes(file.data), file.mime);
  return undefined;
}

/** Asks the host for a remembered file again (its bytes are not kept in the state). */
export function reload(memo: FileMemo, onFile: (file: FileView | undefined) => void): void {
  if (memo.src) {
    onFile(memo);
    return;
  }
  void ask({ type: 'loadPreview', requestId: newRequestId('preview'), path: memo.path }).then((a) => onFile(a.type === 'preview' ? a.file
    : undefined));
}
