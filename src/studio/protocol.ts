// The Studio's message protocol, shared by the extension host (src/studio/panel.ts) and the page (src/webview/).
// No `vscode` and no DOM import: both sides compile this file. Messages from the page are untrusted input: the host
// acts on nothing that `parseWebviewMessage` has not accepted. Messages to the page are trusted (we wrote them).

import { fieldSpecs, type FieldSpec, type OperationId, type OperationView } from '../core/catalog';
import type {
  AudioResponseFormat,
  ImageEditRequest,
  ImageGenerationRequest,
  ImageQuality,
  ImageSize,
  ImageUsage,
  SpeechFormat,
  SpeechRequest,
  SpeechVoice,
  TranscriptionRequest,
  TranscriptSegment,
  TranscriptWord,
} from '../core/types';

export type StudioTab = 'audio' | 'speech' | 'images' | 'edit' | 'history';
export type AudioTask = 'transcribe' | 'translate';
export type FileKind = 'audio' | 'image';
export type OutputKind = 'audio' | 'image' | 'text';
export type TranscriptFileFormat = 'txt' | 'json' | 'verbose_json' | 'srt' | 'vtt';
export type HistoryOperation = 'transcription' | 'translation' | 'speech' | 'image' | 'imageEdit';

// ---------------------------------------------------------------------------------------------------------------
// Limits the validator enforces. The model-specific limits (prompt length per image model, `n`, sizes) are checked
// again by src/core/validation.ts before anything is sent; these only bound what the page may hand the host.
export const LIMITS = {
  requestId: 64,
  path: 1024,
  // Text limits are in UTF-16 units, twice the service's character limits: one character may take two units.
  // src/core/validation.ts counts characters exactly before anything is sent.
  speechInput: 8192,
  imagePrompt: 64000,
  /** An option's text when the catalog gives no limit. */
  text: 8192,
  clipboardText: 2_000_000,
  imageSide: 8192,
  maskStrokes: 2000,
  maskPointsPerStroke: 20_000,
  maskPointsTotal: 200_000,
  brushSize: 1024,
  recordId: 128,
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Page -> host

// The options the page sends are the client's requests (src/core/types.ts) without what the host supplies: the
// deployment and model from the configuration, the input files and text, and the response format of images.
export type AudioOptions = Omit<TranscriptionRequest, 'deployment' | 'model' | 'file'>;
export type SpeechOptions = Partial<Omit<SpeechRequest, 'deployment' | 'model' | 'input'>>;
export type ImageOptions = Omit<ImageGenerationRequest, 'deployment' | 'model' | 'prompt' | 'response_format'>;
export type EditOptions = Omit<ImageEditRequest, 'deployment' | 'model' | 'images' | 'mask' | 'prompt' | 'response_format'>;

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

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'pickFile'; requestId: string; kind: FileKind }
  /** A dropped file (a URI from the explorer) or a remembered workspace-relative path, checked by the host. */
  | { type: 'resolveFile'; requestId: string; kind: FileKind; ref: string }
  | { type: 'transcribe'; requestId: string; task: AudioTask; file: string; options: AudioOptions }
  | { type: 'speak'; requestId: string; text: string; options: SpeechOptions }
  | { type: 'generateImage'; requestId: string; prompt: string; options: ImageOptions }
  /** The mask is either painted (`mask`, drawn into a PNG by the host) or a saved mask file (`maskFile`, a re-run). */
  | { type: 'editImage'; requestId: string; file: string; prompt: string; mask?: MaskPaint; maskFile?: string; options: EditOptions }
  | { type: 'cancel'; requestId: string }
  | { type: 'copyText'; text: string }
  | { type: 'insertText'; text: string }
  | { type: 'saveTranscript'; requestId: string; resultId: string; format: TranscriptFileFormat }
  | { type: 'saveCopy'; requestId: string; path: string }
  | { type: 'openFile'; path: string }
  | { type: 'revealFile'; path: string }
  | { type: 'loadPreview'; requestId: string; path: string }
  | { type: 'deleteRecord'; requestId: string; id: string; deleteFile: boolean }
  | { type: 'openSettings'; query: string };

export type WebviewToHostType = WebviewToHost['type'];

// ---------------------------------------------------------------------------------------------------------------
// Host -> page

/** What the configured models accept, computed on the host from src/core/models.ts. */
export interface StudioCapabilities {
  transcription: { deployment: string; model: string; formats: AudioResponseFormat[]; granularities: boolean };
  translation: { deployment: string; formats: AudioResponseFormat[] };
  speech: {
    deployment: string;
    model: string;
    voices: SpeechVoice[];
    formats: SpeechFormat[];
    maxInput: number;
    instructions: boolean;
    speed: { min: number; max: number };
  };
  image: ImageCapabilities;
  imageEdit: ImageCapabilities & { supported: boolean; inputFidelity: boolean };
  audioExtensions: string[];
  imageExtensions: string[];
  outputFolder: string;
  endpointConfigured: boolean;
  /** Every operation's fields as the configured model takes them (src/core/catalog `describeOperation`). */
  operations: Record<OperationId, OperationView>;
}
export interface ImageCapabilities {
  deployment: string;
  model: string;
  maxPrompt: number;
  sizes: ImageSize[];
  qualities: ImageQuality[];
  maxImages: number;
  style: boolean;
  background: boolean;
  outputFormat: boolean;
  streaming: boolean;
}
/** The defaults from settings, used to fill the forms the first time. */
export interface StudioDefaults {
  transcription: AudioOptions;
  translation: AudioOptions;
  speech: SpeechOptions;
  image: ImageOptions;
  imageEdit: EditOptions;
}

/** A file the page may show: `src` is a webview URI when it lies under a resource root, else its bytes are sent, base64-encoded in `data` (a string
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

export interface HistoryItem {
  id: string;
  operation: HistoryOperation;
  output: string;
  name: string;
  kind: OutputKind;
  createdAt: number;
  params: Record<string, unknown>;
  source?: string;
  mask?: string;
  prompt?: string;
  revisedPrompt?: string;
  /** Webview URI of the output when it lies under a resource root; otherwise the page asks with `loadPreview`. */
  src?: string;
  exists: boolean;
}

export interface TranscriptView {
  format: AudioResponseFormat;
  text: string;
  language?: string;
  duration?: number;
  segments: Array<Pick<TranscriptSegment, 'id' | 'start' | 'end' | 'text'>>;
  words: TranscriptWord[];
}

export interface ImageView extends FileView {
  revisedPrompt?: string;
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

export type HostToWebview =
  /** `running`: requests still in progress, whose answers will come (a reloaded page re-attaches to them). */
  | {
      type: 'init';
      capabilities: StudioCapabilities;
      defaults: StudioDefaults;
      history: HistoryItem[];
      running: string[];
      /** `vscode.l10n.bundle`: the page's strings in the display language (absent in English). */
      l10n?: Record<string, string>;
    }
  | { type: 'config'; capabilities: StudioCapabilities; defaults: StudioDefaults }
  | { type: 'history'; items: HistoryItem[] }
  | { type: 'file'; requestId: string; file?: FileView }
  | { type: 'progress'; requestId: string; message: string }
  | { type: 'partialImage'; requestId: string; index: number; b64: string; mime: string }
  | {
      type: 'transcript';
      requestId: string;
      resultId: string;
      task: AudioTask;
      result: TranscriptView;
      output: string;
      saveFormats: TranscriptFileFormat[];
    }
  | { type: 'speech'; requestId: string; output: FileView; format: SpeechFormat; playable: boolean }
  | { type: 'images'; requestId: string; operation: 'image' | 'imageEdit'; images: ImageView[]; usage?: ImageUsage; streamed: boolean; mask?: string }
  | { type: 'preview'; requestId: string; file?: FileView }
  | { type: 'done'; requestId: string; message?: string }
  | { type: 'error'; requestId?: string; error: ErrorView };

// ---------------------------------------------------------------------------------------------------------------
// Validation of page -> host messages. Hand-written on purpose: a dozen small combinators, exact key sets (unknown
// keys, `__proto__` and friends are refused), bounded strings, numbers and arrays.

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

type Check<T> = (value: unknown, at: string) => T;
interface OptionalCheck<T> extends Check<T | undefined> {
  readonly optional: true;
}
type Field = Check<unknown> | OptionalCheck<unknown>;
type Shape = Record<string, Field>;
type RequiredKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalCheck<unknown> ? never : K }[keyof S];
type OptionalKeys<S extends Shape> = Exclude<keyof S, RequiredKeys<S>>;
type Out<F> = F extends Check<infer T> ? Exclude<T, undefined> : never;
type ShapeOut<S extends Shape> = { [K in RequiredKeys<S>]: Out<S[K]> } & { [K in OptionalKeys<S>]?: Out<S[K]> };

function fail(at: string, what: string): never {
  throw new ProtocolError(`${at}: ${what}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function str(max: number, options: { min?: number; pattern?: RegExp; multiline?: boolean } = {}): Check<string> {
  const min = options.min ?? 0;
  return (value, at) => {
    if (typeof value !== 'string') fail(at, 'expected a string');
    if (value.length < min) fail(at, `shorter than ${min}`);
    if (value.length > max) fail(at, `longer than ${max}`);
    if (options.pattern && !options.pattern.test(value)) fail(at, 'has an unexpected form');
    if (!options.multiline && /[\r\n]/.test(value)) fail(at, 'must be one line');
    if (CONTROL.test(value)) fail(at, 'holds control characters');
    return value;
  };
}

function num(min: number, max: number, integer = false): Check<number> {
  return (value, at) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(at, 'expected a finite number');
    if (integer && !Number.isInteger(value)) fail(at, 'expected an integer');
    if (value < min || value > max) fail(at, `out of range ${min}..${max}`);
    return value;
  };
}

const bool: Check<boolean> = (value, at) => (typeof value === 'boolean' ? value : fail(at, 'expected true or false'));

function oneOf<T extends string>(...values: readonly T[]): Check<T> {
  return (value, at) => {
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      fail(at, `expected one of ${values.join(', ')}`);
    }
    return value as T;
  };
}

function literal<T extends string>(expected: T): Check<T> {
  return (value, at) => (value === expected ? expected : fail(at, `expected "${expected}"`));
}

function list<T>(item: Check<T>, max: number, min = 0): Check<T[]> {
  return (value, at) => {
    if (!Array.isArray(value)) fail(at, 'expected an array');
    if (value.length > max) fail(at, `more than ${max} items`);
    if (value.length < min) fail(at, `fewer than ${min} items`);
    const out: T[] = [];
    for (let i = 0; i < value.length; i++) out.push(item(value[i], `${at}[${i}]`));
    return out;
  };
}

function optional<T>(check: Check<T>): OptionalCheck<T> {
  const wrapped = ((value: unknown, at: string) => (value === undefined ? undefined : check(value, at))) as OptionalCheck<T>;
  Object.defineProperty(wrapped, 'optional', { value: true });
  return wrapped;
}

function object<S extends Shape>(shape: S): Check<ShapeOut<S>> {
  return (value, at) => {
    if (!isPlainObject(value)) fail(at, 'expected an object');
    for (const key of Object.keys(value)) {
      if (!Object.prototype.hasOwnProperty.call(shape, key)) fail(at, `unexpected field "${key.slice(0, 40)}"`);
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      const check = shape[key];
      const has = Object.prototype.hasOwnProperty.call(value, key);
      if (!has && !(check as Partial<OptionalCheck<unknown>>).optional) fail(at, `missing "${key}"`);
      const result = check(has ? value[key] : undefined, `${at}.${key}`);
      if (result !== undefined) out[key] = result;
    }
    return out as ShapeOut<S>;
  };
}

const requestId = str(LIMITS.requestId, { min: 1, pattern: /^[A-Za-z0-9_-]+$/ });
const recordId = str(LIMITS.recordId, { min: 1, pattern: /^[A-Za-z0-9_.:-]+$/ });

/**
 * A workspace-relative path as the host gave it to the page: forward or back slashes, no absolute path, no drive
 * letter, no scheme, no `..` or `.` segment, no empty segment. The host still checks that it resolves inside a
 * workspace folder.
 */
export const relativePath: Check<string> = (value, at) => {
  const path = str(LIMITS.path, { min: 1 })(value, at);
  if (/^[\\/]/.test(path) || /^[A-Za-z]:/.test(path) || path.includes(':')) fail(at, 'must be a workspace-relative path');
  const segments = path.split(/[\\/]/);
  if (segments.some((s) => s === '' || s === '.' || s === '..')) fail(at, 'must not step outside the workspace');
  return path;
};

/**
 * A workspace file: a workspace-relative path, or a URI (a dropped file, an output in another workspace folder).
 * Only the form is checked here; the host resolves it with `resolveRef` (src/studio/paths.ts), which refuses
 * anything outside the open workspace folders.
 */
export const fileRef: Check<string> = (value, at) => {
  const ref = str(LIMITS.path * 2, { min: 1 })(value, at);
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(ref)) return ref;
  return relativePath(ref, at);
};

/**
 * The options a form may send for an operation, checked field by field from the catalog (src/core/catalog): each
 * value's type, values or range, and a bound on text. Whether the configured model takes it is checked again in
 * src/core/validation.ts before anything is sent.
 */
function optionsOf(operation: OperationId): Check<Record<string, unknown>> {
  const shape: Shape = {};
  for (const field of fieldSpecs(operation)) if (!field.hostOnly) shape[field.key] = optional(checkOf(field));
  return object(shape);
}

function checkOf(field: FieldSpec): Check<unknown> {
  const values = (field.values ?? []) as readonly string[];
  switch (field.kind) {
    case 'enum':
      return oneOf(...values);
    case 'list':
      return list(oneOf(...values), values.length);
    case 'number':
    case 'integer':
      return num(field.min ?? -Number.MAX_VALUE, field.max ?? Number.MAX_VALUE, field.kind === 'integer');
    case 'boolean':
      return bool;
    case 'size':
      return str(11, { pattern: /^(auto|\d{1,5}x\d{1,5})$/ });
    case 'string': {
      // UTF-16 units, twice the service's character limit: one character may take two units.
      const pattern = field.pattern ? new RegExp(`^(?:${field.pattern.replace(/^\^|\$$/g, '')})?$`) : undefined;
      return str(2 * (field.max ?? LIMITS.text), { pattern, multiline: field.multiline });
    }
  }
}

const audioOptions = optionsOf('transcription') as Check<AudioOptions>;
const speechOptions = optionsOf('speech') as Check<SpeechOptions>;
const imageOptions = optionsOf('imageGeneration') as Check<ImageOptions>;
const editOptions = optionsOf('imageEdit') as Check<EditOptions>;

const side = num(1, LIMITS.imageSide, true);
const coordinate = num(-LIMITS.imageSide, 2 * LIMITS.imageSide);

const maskStroke: Check<MaskStroke> = (value, at) => {
  const stroke = object({
    mode: oneOf('paint', 'erase'),
    size: num(1, LIMITS.brushSize),
    points: list(coordinate, LIMITS.maskPointsPerStroke * 2, 2),
  })(value, at);
  if (stroke.points.length % 2 !== 0) fail(`${at}.points`, 'expected x,y pairs');
  return stroke;
};

export const maskPaint: Check<MaskPaint> = (value, at) => {
  const mask = object({ width: side, height: side, strokes: list(maskStroke, LIMITS.maskStrokes) })(value, at);
  const total = mask.strokes.reduce((sum, s) => sum + s.points.length / 2, 0);
  if (total > LIMITS.maskPointsTotal) fail(`${at}.strokes`, `more than ${LIMITS.maskPointsTotal} points in all`);
  return mask;
};

type Validators = { [K in WebviewToHostType]: Check<Extract<WebviewToHost, { type: K }>> };

const validators: Validators = {
  ready: object({ type: literal('ready') }),
  pickFile: object({ type: literal('pickFile'), requestId, kind: oneOf('audio', 'image') }),
  resolveFile: object({ type: literal('resolveFile'), requestId, kind: oneOf('audio', 'image'), ref: fileRef }),
  transcribe: object({
    type: literal('transcribe'),
    requestId,
    task: oneOf('transcribe', 'translate'),
    file: fileRef,
    options: audioOptions,
  }),
  speak: object({
    type: literal('speak'),
    requestId,
    text: str(LIMITS.speechInput, { min: 1, multiline: true }),
    options: speechOptions,
  }),
  generateImage: object({
    type: literal('generateImage'),
    requestId,
    prompt: str(LIMITS.imagePrompt, { min: 1, multiline: true }),
    options: imageOptions,
  }),
  editImage: object({
    type: literal('editImage'),
    requestId,
    file: fileRef,
    prompt: str(LIMITS.imagePrompt, { min: 1, multiline: true }),
    mask: optional(maskPaint),
    maskFile: optional(fileRef),
    options: editOptions,
  }),
  cancel: object({ type: literal('cancel'), requestId }),
  copyText: object({ type: literal('copyText'), text: str(LIMITS.clipboardText, { multiline: true }) }),
  insertText: object({ type: literal('insertText'), text: str(LIMITS.clipboardText, { multiline: true }) }),
  saveTranscript: object({
    type: literal('saveTranscript'),
    requestId,
    resultId: requestId,
    format: oneOf('txt', 'json', 'verbose_json', 'srt', 'vtt'),
  }),
  saveCopy: object({ type: literal('saveCopy'), requestId, path: fileRef }),
  openFile: object({ type: literal('openFile'), path: fileRef }),
  revealFile: object({ type: literal('revealFile'), path: fileRef }),
  loadPreview: object({ type: literal('loadPreview'), requestId, path: fileRef }),
  deleteRecord: object({ type: literal('deleteRecord'), requestId, id: recordId, deleteFile: bool }),
  openSettings: object({ type: literal('openSettings'), query: str(200, { pattern: /^[A-Za-z0-9. ]*$/ }) }),
};

/** Accepts a message from the page or throws a ProtocolError saying what is wrong with it. */
export function validateWebviewMessage(raw: unknown): WebviewToHost {
  if (!isPlainObject(raw)) fail('message', 'expected an object');
  const type = raw.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(validators, type)) {
    fail('message.type', 'unknown message type');
  }
  return validators[type as WebviewToHostType](raw, 'message');
}

export type ParseResult = { ok: true; message: WebviewToHost } | { ok: false; error: string };

export function parseWebviewMessage(raw: unknown): ParseResult {
  try {
    return { ok: true, message: validateWebviewMessage(raw) };
  } catch (err) {
    if (err instanceof ProtocolError) return { ok: false, error: err.message };
    return { ok: false, error: 'message could not be read' };
  }
}
