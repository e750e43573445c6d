// The page's state: the forms, the chosen files, the painted strokes and the latest results, kept through
// vscode.setState so that a hidden panel (no retainContextWhenHidden) or a window reload comes back as it was.

import type {
  AudioTask,
  FileView,
  ImageUsageView,
  ImageView,
  MaskStroke,
  OptionValues,
  SpeechFormat,
  StudioTab,
  TranscriptFileFormat,
  TranscriptView,
} from './types';
import { loadState, saveState } from './host';

/** A file as the page remembers it: bytes are dropped (they are asked for again), a webview URI is kept. */
export type FileMemo = Omit<FileView, 'data'>;

export interface TranscriptMemo {
  resultId: string;
  task: AudioTask;
  result: TranscriptView;
  output: string;
  saveFormats: TranscriptFileFormat[];
  /** Speakers renamed in the Studio (label -> name), as the host holds them for saving. */
  names?: Record<string, string>;
}
/** A known speaker as the Audio tab keeps it: a span of the recording, or a workspace clip file. */
export interface KnownSpeakerChoice {
  name: string;
  source: 'recording' | 'file';
  start?: number;
  end?: number;
  file?: FileMemo;
}
export interface ImagesMemo {
  images: Array<Omit<ImageView, 'data'>>;
  usage?: ImageUsageView;
  streamed: boolean;
  mask?: string;
}

export interface PageState {
  version: 1;
  tab: StudioTab;
  audio: {
    task: AudioTask;
    file?: FileMemo;
    options: OptionValues;
    translateOptions: OptionValues;
    result?: TranscriptMemo;
    /** Known speakers' reference clips for a diarizing model (./speakers.ts). */
    knownSpeakers?: KnownSpeakerChoice[];
  };
  speech: { text: string; options: OptionValues; result?: { output: FileMemo; format: SpeechFormat; playable: boolean } };
  images: { prompt: string; options: OptionValues; result?: ImagesMemo };
  edit: {
    /** The image painted over, sent first. */
    file?: FileMemo;
    /** Further images sent with it (the API's `image[]`). */
    more: FileMemo[];
    prompt: string;
    options: OptionValues;
    strokes: MaskStroke[];
    brush: number;
    tool: 'paint' | 'erase';
    maskFile?: string;
    result?: ImagesMemo;
  };
  historyFilter: string;
  historyOperation: string;
  /** Requests in flight, by run button: a page torn down while hidden picks their answers up again. */
  pending: Record<string, string>;
}

export function emptyState(): PageState {
  return {
    version: 1,
    tab: 'images',
    audio: { task: 'transcribe', options: {}, translateOptions: {} },
    speech: { text: '', options: {} },
    images: { prompt: '', options: {} },
    edit: { more: [], prompt: '', options: {}, strokes: [], brush: 48, tool: 'paint' },
    historyFilter: '',
    historyOperation: '',
    pending: {},
  };
}

export let state: PageState = emptyState();
/** True when the state came back from getState: the forms keep what the user had, not the settings' defaults. */
export let restored = false;

export function initState(): void {
  const saved = loadState<PageState>();
  if (saved && saved.version === 1) {
    const empty = emptyState();
    state = { ...empty, ...saved, edit: { ...empty.edit, ...saved.edit } };
    restored = true;
  }
}

export function persist(now = false): void {
  saveState(state, now);
}

export function memo(file: FileView): FileMemo {
  const { data: _data, ...rest } = file;
  void _data;
  return rest;
}
