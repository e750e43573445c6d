// Joining the audio of a long text's parts into one file, per speech format. None re-encodes:
//   wav   one RIFF header rewritten for the total length, the parts' samples in order;
//   pcm   raw samples, concatenated;
//   mp3   frames concatenated (later parts' ID3 tags and every Xing/Info frame dropped, see mp3.ts);
//   aac   ADTS frames are self-contained, so the parts' streams concatenate into one valid stream;
//   opus  a chained Ogg stream (RFC 3533 §4: logical streams one after another), each part's pages given a serial
//         number of their own (CRC recomputed) so the chain is valid; players that follow chains play it through;
//   flac  cannot be joined without re-encoding (frame numbers and STREAMINFO's totals and MD5 would all be wrong),
//         so the parts are asked for as WAV and the user gets one lossless WAV, which the note says.
import { msg, WordedError, type Message } from '../messages';
import type { SpeechFormat } from '../types';
import { joinMp3 } from './mp3';
import { joinWav } from './wav';

/** The format to ask the service for, per part, when the user asked for `format`. */
export function partFormat(format: SpeechFormat): SpeechFormat {
  return format === 'flac' ? 'wav' : format;
}

export interface JoinedSpeech {
  bytes: Uint8Array;
  /** The format of `bytes` (differs from the one asked for only for flac). */
  format: SpeechFormat;
  /** What the user should be told about the result, when it is not simply the format asked for. */
  note?: Message;
}

export function joinSpeech(asked: SpeechFormat, parts: Uint8Array[]): JoinedSpeech {
  const format = partFormat(asked);
  const note = asked === 'flac' ? msg('join.flacAsWav', { count: parts.length }) : undefined;
  if (parts.length === 1) return { bytes: parts[0], format, note };
  switch (format) {
    case 'wav':
      return { bytes: joinWav(parts), format, note };
    case 'mp3':
      return { bytes: joinMp3(parts), format };
    case 'opus':
      return { bytes: chainOgg(parts), format };
    case 'pcm':
    case 'aac':
    default:
      return { bytes: Buffer.concat(parts), format };
  }
}

/** Ogg pages of every part in order, each part's logical stream given its own serial number (part index + its own). */
export function chainOgg(parts: Uint8Array[]): Uint8Array {
  const out: Buffer[] = [];
  const used = new Set<number>();
  for (const [index, part] of parts.entries()) {
    const b = Buffer.from(part);
    const serials = new Map<number, number>();
    let o = 0;
    while (o + 27 <= b.length) {
      if (b.toString('latin1', o, o + 4) !== 'OggS') throw new WordedError(msg('join.notOgg', { index: index + 1 }));
      const segments = b[o + 26];
      let body = 0;
      for (let i = 0; i < segments; i++) body += b[o + 27 + i];
      const size = 27 + segments + body;
      if (o + size > b.length) break; // a truncated last page is dropped
      const page = Buffer.from(b.subarray(o, o + size));
      const serial = page.readUInt32LE(14);
      if (!serials.has(serial)) {
        let fresh = serial;
        while (used.has(fresh)) fresh = (fresh + 0x9e3779b9) >>> 0;
        used.add(fresh);
        serials.set(serial, fresh);
      }
      page.writeUInt32LE(serials.get(serial)!, 14);
      page.writeUInt32LE(0, 22);
      page.writeUInt32LE(oggCrc(page), 22);
      out.push(page);
      o += size;
    }
  }
  return Buffer.concat(out);
}

let crcTable: Uint32Array | undefined;
/** Ogg's CRC-32: polynomial 0x04c11db7, not reflected, initial value 0. */
export function oggCrc(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let r = i << 24;
      for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
      crcTable[i] = r >>> 0;
    }
  }
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) ^ crcTable[((crc >>> 24) ^ byte) & 0xff]) >>> 0;
  return crc;
}
