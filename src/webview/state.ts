// The page's state: the forms, the chosen files, the painted strokes and the latest results, kept through
// vscode.setState so that a hidden panel (no retainContextWhenHidden) or a window reload comes back as it was.

import type {
  AudioOperation,
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
  operation: AudioOperation;
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
  version: 2;
  tab: StudioTab;
  audio: {
    operation: AudioOperation;
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
    version: 2,
    tab: 'images',
    audio: { operation: 'transcription', options: {}, translateOptions: {} },
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
  const saved = upgrade(loadState<Record<string, unknown>>());
  if (saved) {
    const empty = emptyState();
    state = { ...empty, ...saved, edit: { ...empty.edit, ...saved.edit } };
    restored = true;
  }
}

/** Version 1 named the audio operations `transcribe`/`translate` and image generation `image`: renamed once here. */
function upgrade(saved: Record<string, unknown> | undefined): PageState | undefined {
  if (saved?.version === 2) return saved as unknown as PageState;
  if (saved?.version !== 1) return undefined;
  const v1 = saved as { audio?: { task?: string; result?: { task?: string } }; historyOperation?: string };
  const operation = (task: string | undefined): AudioOperation => (task === 'translate' ? 'translation' : 'transcription');
  const { task, result, ...audio } = v1.audio ?? {};
  const { task: resultTask, ...rest } = result ?? {};
  return {
    ...(saved as unknown as PageState),
    version: 2,
    audio: { ...(audio as PageState['audio']), operation: operation(task),
      ...(result ? { result: { ...(rest as TranscriptMemo), operation: operation(resultTask) } } : {}) },
    historyOperation: v1.historyOperation === 'image' ? 'imageGeneration' : v1.historyOperation ?? '',
  };
}

export function persist(now = false): void {
  saveState(state, now);
}

export function memo(file: FileView): FileMemo {
  const { data: _data, ...rest } = file;
  void _data;
  return rest;
}
