// The parts a long recording is cut into: planned by longAudio.ts, cut into speakers' clips by clip.ts.
import type { UploadSource } from '../types';

export interface AudioPart {
  /** 1-based. */
  index: number;
  upload: UploadSource;
  startSeconds: number;
  seconds: number;
  bytes: number;
}

export interface AudioPlan {
  kind: 'wav' | 'mp3' | 'ffmpeg';
  parts: AudioPart[];
  /** The ffmpeg that cut the parts (kind `ffmpeg`): it also cuts the carried speakers' clips. */
  ffmpeg?: string;
  /** Removes temporary files (ffmpeg's segments). */
  dispose(): Promise<void>;
}
