// The Studio's message protocol, shared by the extension host (src/studio/panel.ts) and the page (src/webview/).
// No `vscode` and no DOM import: both sides compile this file. Messages from the page are untrusted input: the host
// acts on nothing that `parseWebviewMessage` (./validate.ts) has not accepted. Messages to the page are trusted.
// Each request is paired with its answer type in `Answers`; the page awaits the answer carrying its request id.

import type { FieldValue, OperationId, OperationView } from '../core/catalog';
import type { OutputRecord } from '../core/engine/historyFile';
import type {
  ImageEditRequest,
  ImageGenerationRequest,
  ImageUsage,
  SpeechFormat,
  SpeechRequest,
  TranscriptionRequest,
  TranscriptResult,
  TranscriptSegment,
  TranscriptWord,
} from '../core/types';

export type StudioTab = 'audio' | 'speech' | 'images' | 'edit' | 'history';
/** The Audio tab's two operations. */
export type AudioOperation = Extract<OperationId, 'transcription' | 'translation'>;
export type FileKind = 'audio' | 'image';
export type OutputKind = 'audio' | 'image' | 'text';
export type TranscriptFileFormat = 'md' | 'txt' | 'json' | 'verbose_json' | 'srt' | 'vtt';

// ---------------------------------------------------------------------------------------------------------------
// Page -> host

// The options the page sends, by field key, as the client's requests (src/core/types.ts) name them, without what the
// host supplies (deployment, model, input files and text, the response format of images). Which keys and values are
// taken comes from the catalog (src/core/catalog) for the configured model; ./validate.ts checks them from there.
export type AudioOptions = Partial<Omit<TranscriptionRequest, 'deployment' | 'model' | 'file'>>;
export type SpeechOptions = Partial<Omit<SpeechRequest, 'deployment' | 'model' | 'input'>>;
export type ImageOptions = Partial<Omit<ImageGenerationRequest, 'deployment' | 'model' | 'prompt' | 'response_format'>>;
export type EditOptions = Partial<Omit<ImageEditRequest, 'deployment' | 'model' | 'images' | 'mask' | 'prompt' | 'response_format'>>;

/** One brush or eraser stroke in image pixels: `points` is x0,y0,x1,y1,… and `size` the brush diameter. */
export interface MaskStroke {
  mode: 'paint' | 'erase';
  size: number;
  points: number[];
}
/** What the user painted over an image of `width` x `height` pixels; the host writes the PNG from it. */
export interface MaskPaint {
  width: number;
  height: number;
  strokes: MaskStroke[];
}

/**
 * What the estimate beside a run button is asked for: the tab's inputs as they stand (the audio file, the number of
 * characters, the image options). The host prices them (src/core/cost.ts with the user's prices); the page holds no prices.
 */
export type EstimateSubject =
  | { operation: AudioOperation; file: string }
  | { operation: 'speech'; characters: number; options: SpeechOptions }
  | { operation: 'imageGeneration'; options: ImageOptions }
  | { operation: 'imageEdit'; options: EditOptions };

/** Requests: each one's answer is named in `Answers` and carries the same `requestId`. */
export type StudioRequest =
  | { type: 'pickFile'; requestId: string; kind: FileKind }
  /** A dropped file (a URI from the explorer) or a remembered workspace-relative path, checked by the host. */
  | { type: 'resolveFile'; requestId: string; kind: FileKind; ref: string }
  /** `speakers`: known speakers' reference clips (diarizing models), which the host reads or cuts. */
  | { type: 'transcribe'; requestId: string; operation: AudioOperation; file: string; options: AudioOptions; speakers?: KnownSpeakerClip[] }
  | { type: 'speak'; requestId: string; text: string; options: SpeechOptions }
  | { type: 'generateImage'; requestId: string; prompt: string; options: ImageOptions }
  /**
   * `files`: the images to edit (the API's `image[]`), the first one painted over. The mask is either painted (`mask`,
   * drawn into a PNG by the host at the first image's size) or a saved mask file (`maskFile`, a re-run).
   */
  | { type: 'editImage'; requestId: string; files: string[]; prompt: string; mask?: MaskPaint; maskFile?: string; options: EditOptions }
  | { type: 'saveTranscript'; requestId: string; resultId: string; format: TranscriptFileFormat }
  /** Names speaker `speaker` (the service's label) `name` in a kept transcript; what is saved from it uses the name. */
  | { type: 'renameSpeaker'; requestId: string; resultId: string; speaker: string; name: string }
  | { type: 'saveCopy'; requestId: string; path: string }
  /** "Keep the protected area" of a masked edit's output: the composite is written beside it; answered with its file. */
  | { type: 'keepProtected'; requestId: string; path: string }
  | { type: 'loadPreview'; requestId: string; path: string }
  | { type: 'deleteRecord'; requestId: string; id: string; deleteFile: boolean }
  | { type: 'estimate'; requestId: string; subject: EstimateSubject };

/**
 * A known speaker's reference: a workspace audio file (`file`), or a span of seconds cut from it (`start`, `end`);
 * without `file`, the span is cut from the recording being transcribed.
 */
export interface KnownSpeakerClip {
  name: string;
  file?: string;
  start?: number;
  end?: number;
}

/** Notices: nothing answers them (an error of one is shown above the tabs). */
export type StudioNotice =
  | { type: 'ready' }
  | { type: 'cancel'; requestId: string }
  | { type: 'copyText'; text: string }
  | { type: 'insertText'; text: string }
  | { type: 'openFile'; path: string }
  | { type: 'revealFile'; path: string }
  | { type: 'openSettings'; query: string };

export type WebviewToHost = StudioRequest | StudioNotice;
export type RequestType = StudioRequest['type'];

export type WebviewToHostType = WebviewToHost['type'];

// ---------------------------------------------------------------------------------------------------------------
// Host -> page

/**
 * What the page's forms are drawn from: each operation as the configured model takes it (the catalog's
 * `describeOperation`: fields with their kind of control, values or range, default, label, help, and whether the model
 * takes them), and the deployment behind it. A new option in the catalog appears here with no page code.
 */
export interface StudioCapabilities {
  operations: Record<OperationId, OperationView>;
  deployments: Record<OperationId, string>;
  /** The settings that choose each operation's deployment and model (the page's "Change…" link). */
  settings: Record<OperationId, string>;
  audioExtensions: string[];
  imageExtensions: string[];
  outputFolder: string;
  endpointConfigured: boolean;
}
/** The forms' first values: the settings' values each model takes, else the catalog's defaults. */
export type StudioDefaults = Record<OperationId, OptionValues>;
/** A form's values by field key. */
export type OptionValues = Record<string, FieldValue | undefined>;

/** A file the page may show: `src` is a webview URI when it lies under a resource root, else its bytes are sent, base64-encoded in `data` (
  a string
 * survives every transport between the extension host and the page, local or remote). */
export interface FileView {
  path: string;
  name: string;
  kind: FileKind | 'text';
  mime: string;
  size: number;
  src?: string;
  data?: string;
  width?: number;
  height?: number;
}

/** A history record as the page shows it: the record's own fields, and what the host works out for the page. */
export type HistoryItem = Pick<OutputRecord, 'id' | 'operation' | 'output' | 'createdAt' | 'params' | 'source' | 'folder' | 'mask'
  | 'prompt' | 'revisedPrompt'> & {
  /** The output's file name. */
  name: string;
  kind: OutputKind;
  /** Webview URI of the output when it lies under a resource root; otherwise the page asks with `loadPreview`. */
  src?: string;
  exists: boolean;
  /** What this output cost: from the answer's usage, else the estimate before the run (`estimated`). */
  cost?: CostView;
};

/** A cost as the page shows it: `text` ("$0.042", "≈ $0.04") formatted by the host, `basis` how it was reached. */
export interface CostView {
  usd: number;
  text: string;
  basis: string;
  estimated: boolean;
}

/** The running total of the workspace's history: `text` formatted by the host; `estimated` when it includes estimates. */
export interface CostTotalView {
  text: string;
  estimated: boolean;
}

export interface TranscriptView {
  format: TranscriptResult['format'];
  text: string;
  language?: string;
  duration?: number;
  /** `speaker`: the service's label of who speaks (a transcript by speaker). */
  segments: Array<Pick<TranscriptSegment, 'id' | 'start' | 'end' | 'text'> & { speaker?: string }>;
  words: TranscriptWord[];
}

export interface ImageView extends FileView {
  revisedPrompt?: string;
  /** A masked edit's answer: how much of the protected area changed (services/protectedArea.ts). */
  protectedArea?: ProtectedAreaView;
}

export interface ProtectedAreaView {
  /** Share of the protected pixels that changed, 0–1. */
  share: number;
  /** Mean change over the protected pixels, 0–1. */
  meanChange: number;
  /** Where: a PNG overlay (base64) the page lays over the image. */
  heat?: string;
  /** The composite that keeps the protected area, once written (workspace-relative). */
  kept?: string;
  /** Whether to offer "Keep the protected area": the setting is `ask` and more than 1 % changed. */
  offer: boolean;
}

export interface ErrorView {
  /** Our own sentence: what went wrong and what to change. */
  message: string;
  code: string;
  /** The service's own words, shown apart from ours. */
  serviceMessage?: string;
  /** The setting to open to fix it (`azureOpenAIMedia.deployments`, …); the page offers "Open Settings" for it. */
  setting?: string;
  categories?: string[];
  field?: string;
  requestId?: string;
}

export type FileAnswer = { type: 'file'; requestId: string; file?: FileView };
export type PreviewAnswer = { type: 'preview'; requestId: string; file?: FileView };
export type DoneAnswer = { type: 'done'; requestId: string; message?: string };
/** `usd` and `basis` when there is an estimate; `text` is what to show: "≈ $0.50", or in words why there is none. */
export type EstimateAnswer = { type: 'estimate'; requestId: string; text: string; usd?: number; basis?: string };
export type ErrorAnswer = { type: 'error'; requestId?: string; error: ErrorView };
export type TranscriptAnswer = {
  type: 'transcript';
  requestId: string;
  resultId: string;
  operation: AudioOperation;
  result: TranscriptView;
  output: string;
  saveFormats: TranscriptFileFormat[];
};
/** The speakers' names of a kept transcript after a rename (label -> name). */
export type SpeakersAnswer = { type: 'speakers'; requestId: string; resultId: string; names: Record<string, string> };
export type SpeechAnswer = { type: 'speech'; requestId: string; output: FileView; format: SpeechFormat; playable: boolean };
export type ImagesAnswer = {
  type: 'images';
  requestId: string;
  operation: 'imageGeneration' | 'imageEdit';
  images: ImageView[];
  usage?: ImageUsage;
  streamed: boolean;
  mask?: string;
};
/** Messages a request may get before its answer. */
export type ProgressNote = { type: 'progress'; requestId: string; message: string };
export type PartialImageNote = { type: 'partialImage'; requestId: string; index: number; b64: string; mime: string };
/**
 * A streamed transcript's new text (where the model and api-version stream): `delta` goes at offset `at` of part
 * `part`'s text (0, 1, … in the recording's order; one part unless it is long). At 0 it starts the part over
 * (./liveTranscript.ts). The final `transcript` answer replaces it all.
 */
export type TranscriptDeltaNote = { type: 'transcriptDelta'; requestId: string; part: number; at: number; delta: string };

/** Each request's answer; any request may instead end in an `ErrorAnswer`. */
export interface Answers {
  pickFile: FileAnswer;
  resolveFile: FileAnswer;
  transcribe: TranscriptAnswer;
  speak: SpeechAnswer;
  generateImage: ImagesAnswer;
  editImage: ImagesAnswer;
  saveTranscript: DoneAnswer;
  renameSpeaker: SpeakersAnswer;
  saveCopy: DoneAnswer;
  keepProtected: FileAnswer;
  loadPreview: PreviewAnswer;
  deleteRecord: DoneAnswer;
  estimate: EstimateAnswer;
}
/** What ends the request of type `T`. */
export type AnswerTo<T extends RequestType> = Answers[T] | (ErrorAnswer & { requestId: string });
/** Any request's final answer. */
export type FinalAnswer = AnswerTo<RequestType>;
/** Everything that may arrive for one request. */
export type RequestMessage<T extends RequestType = RequestType> = AnswerTo<T> | ProgressNote | PartialImageNote | TranscriptDeltaNote;

export type HostToWebview =
  /**
   * `running`: requests still in progress, whose answers will come; `answers`: the final answers that came while no
   * page was there to take them (hidden or reloading). A page waiting on any other id knows it is lost.
   */
  | {
      type: 'init';
      capabilities: StudioCapabilities;
      defaults: StudioDefaults;
      history: HistoryItem[];
      /** The running total of `history`'s costs. */
      costTotal?: CostTotalView;
      running: string[];
      answers: FinalAnswer[];
      /** `vscode.l10n.bundle`: the page's strings in the display language (absent in English). */
      l10n?: Record<string, string>;
    }
  | { type: 'config'; capabilities: StudioCapabilities; defaults: StudioDefaults }
  | { type: 'history'; items: HistoryItem[]; costTotal?: CostTotalView }
  | FileAnswer
  | PreviewAnswer
  | DoneAnswer
  | EstimateAnswer
  | ErrorAnswer
  | TranscriptAnswer
  | SpeakersAnswer
  | SpeechAnswer
  | ImagesAnswer
  | ProgressNote
  | PartialImageNote
  | TranscriptDeltaNote;

const FINAL_TYPES: ReadonlySet<string> = new Set([
  'file', 'preview', 'done', 'estimate', 'error', 'transcript', 'speakers', 'speech', 'images',
]);

/** Whether `message` ends its request. */
export function isFinalAnswer(message: HostToWebview): message is FinalAnswer & { requestId: string } {
  return FINAL_TYPES.has(message.type) && typeof (message as { requestId?: unknown }).requestId === 'string';
}
