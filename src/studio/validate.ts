// Validation of the page's messages (./protocol.ts). The options of each operation are checked from the catalog's
// field descriptions for the configured model, the same ones the page draws its forms from: a field the model does
// not take, or a value outside its values, range, pattern or size rule, refuses the whole message. The rest is built
// from the small checks of ./checks.ts.

import {
  checkSize,
  effectiveFields,
  OPERATION_FILES,
  OPERATIONS,
  type EffectiveField,
  type OperationId,
} from '../core/catalog';
import { bool, fail, isPlainObject, list, literal, num, object, oneOf, optional, str, ProtocolError, type Check,
  type Shape } from './checks';
import { MAX_KNOWN_SPEAKERS } from '../core/speakers';
import type { AudioOperation, MaskPaint, MaskStroke, WebviewToHost, WebviewToHostType } from '../shared/protocol';
import { english } from '../core/messages';

export { ProtocolError };

export const LIMITS = {
  requestId: 64,
  path: 1024,
  // Text limits are in UTF-16 units, twice the service's character limits: one character may take two units.
  // src/core/validation.ts counts characters exactly before anything is sent.
  speechInput: 8192,
  imagePrompt: 64000,
  /** An option's text when the catalog gives no limit, in characters. */
  text: 8192,
  clipboardText: 2_000_000,
  imageSide: 8192,
  maskStrokes: 2000,
  maskPointsPerStroke: 20_000,
  maskPointsTotal: 200_000,
  brushSize: 1024,
  recordId: 128,
  /** A speaker's label or name as the page sends it; the host's own checks give the clear message for a long one. */
  speakerName: 1000,
  /** Seconds into a recording, for a clip cut from it (a day). */
  clipSeconds: 86400,
  /** Images of one edit: the catalog's `image[]` count. */
  editImages: OPERATION_FILES.imageEdit?.find((f) => f.field === 'image')?.maxCount ?? 1,
} as const;

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
 * Only the form is checked here; the host resolves it with `resolveRef` (src/shared/paths.ts), which refuses
 * anything outside the open workspace folders.
 */
export const fileRef: Check<string> = (value, at) => {
  const ref = str(LIMITS.path * 2, { min: 1 })(value, at);
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(ref)) return ref;
  return relativePath(ref, at);
};

/** One option's check, from its catalog description as the model takes it. */
export function fieldCheck(field: EffectiveField): Check<unknown> {
  const values = field.values ?? [];
  switch (field.kind) {
    case 'enum':
      return oneOf(...values);
    case 'list':
      return (value, at) => {
        const items = list(oneOf(...values), values.length)(value, at);
        if (new Set(items).size !== items.length) fail(at, 'names a value twice');
        return items;
      };
    case 'number':
    case 'integer':
      return num(field.min ?? -Number.MAX_VALUE, field.max ?? Number.MAX_VALUE, field.kind === 'integer');
    case 'boolean':
      return bool;
    case 'size':
      return (value, at) => {
        const size = str(11, { pattern: /^(auto|\d{1,5}x\d{1,5})$/ })(value, at);
        const why = checkSize(size, field);
        if (why) fail(at, english(why));
        return size;
      };
    case 'string': {
      const pattern = field.pattern ? new RegExp(field.pattern) : undefined;
      const max = field.max ?? LIMITS.text;
      const text = str(2 * max, { multiline: field.multiline });
      return (value, at) => {
        const s = text(value, at);
        // Characters as the service counts them (code points); the UTF-16 bound above is only a quick first cut.
        if (Array.from(s).length > max) fail(at, `longer than ${max} characters`);
        if (pattern && s !== '' && !pattern.test(s)) fail(at, 'has an unexpected form');
        return s;
      };
    }
  }
}

/** The options one operation's form may send: every field the model takes and the page may set, and no other. */
export function optionsCheck(fields: readonly EffectiveField[]): Check<Record<string, unknown>> {
  const shape: Shape = {};
  for (const field of fields) if (field.supported && !field.hostOnly) shape[field.key] = optional(fieldCheck(field));
  return object(shape);
}

const side = num(1, LIMITS.imageSide, true);
const coordinate = num(-LIMITS.imageSide, 2 * LIMITS.imageSide);

const maskStroke: Check<MaskStroke> = (value, at) => {
  const stroke = object({
    mode: oneOf('paint', 'erase'),
    size: num(1, LIMITS.brushSize),
    points: list(coordinate, LIMITS.maskPointsPerStroke * 2, 2),
  })(value, at) as unknown as MaskStroke;
  if (stroke.points.length % 2 !== 0) fail(`${at}.points`, 'expected x,y pairs');
  return stroke;
};

export const maskPaint: Check<MaskPaint> = (value, at) => {
  const mask = object({ width: side, height: side, strokes: list(maskStroke, LIMITS.maskStrokes) })(value, at) as unknown as MaskPaint;
  const total = mask.strokes.reduce((sum, s) => sum + s.points.length / 2, 0);
  if (total > LIMITS.maskPointsTotal) fail(`${at}.strokes`, `more than ${LIMITS.maskPointsTotal} points in all`);
  return mask;
};

/** Each operation's fields as the configured model takes them (`StudioCapabilities.operations[op].fields`). */
export type OperationFields = Readonly<Record<OperationId, readonly EffectiveField[]>>;

/** The API's own fields, for no model in particular: what a message is checked against when no model is given. */
export const API_FIELDS: OperationFields = Object.fromEntries(
  OPERATIONS.map((op) => [
    op,
    // Either surface; any WxH size (gpt-image-2 takes custom sizes).
    effectiveFields(op, '', 'v1').map((f) => (f.kind === 'size' ? { ...f, values: undefined } : f)),
  ]),
) as unknown as OperationFields;

/** A validator for every message type, with the options checked against `fields`. */
export function messageValidator(fields: OperationFields = API_FIELDS): (raw: unknown) => WebviewToHost {
  const options = Object.fromEntries(OPERATIONS.map((op) => [op, optionsCheck(fields[op])])) as Record<OperationId, Check<unknown>>;
  const transcribe = object({
    type: literal('transcribe'),
    requestId,
    operation: oneOf('transcription', 'translation'),
    file: fileRef,
    options: (value) => value, // checked below, by operation
    speakers: optional(list(object({
      name: str(LIMITS.speakerName),
      file: optional(fileRef),
      start: optional(num(0, LIMITS.clipSeconds)),
      end: optional(num(0, LIMITS.clipSeconds)),
    }), MAX_KNOWN_SPEAKERS)),
  });
  const validators: Record<WebviewToHostType, Check<unknown>> = {
    ready: object({ type: literal('ready') }),
    pickFile: object({ type: literal('pickFile'), requestId, kind: oneOf('audio', 'image') }),
    resolveFile: object({ type: literal('resolveFile'), requestId, kind: oneOf('audio', 'image'), ref: fileRef }),
    transcribe: (value, at) => {
      const m = transcribe(value, at);
      return { ...m, options: options[m.operation as AudioOperation](m.options, `${at}.options`) };
    },
    speak: object({
      type: literal('speak'),
      requestId,
      text: str(LIMITS.speechInput, { min: 1, multiline: true }),
      options: options.speech,
    }),
    generateImage: object({
      type: literal('generateImage'),
      requestId,
      prompt: str(LIMITS.imagePrompt, { min: 1, multiline: true }),
      options: options.imageGeneration,
    }),
    editImage: object({
      type: literal('editImage'),
      requestId,
      files: list(fileRef, LIMITS.editImages, 1),
      prompt: str(LIMITS.imagePrompt, { min: 1, multiline: true }),
      mask: optional(maskPaint),
      maskFile: optional(fileRef),
      options: options.imageEdit,
    }),
    cancel: object({ type: literal('cancel'), requestId }),
    copyText: object({ type: literal('copyText'), text: str(LIMITS.clipboardText, { multiline: true }) }),
    insertText: object({ type: literal('insertText'), text: str(LIMITS.clipboardText, { multiline: true }) }),
    saveTranscript: object({
      type: literal('saveTranscript'),
      requestId,
      resultId: requestId,
      format: oneOf('md', 'txt', 'json', 'verbose_json', 'srt', 'vtt'),
    }),
    renameSpeaker: object({
      type: literal('renameSpeaker'),
      requestId,
      resultId: requestId,
      speaker: str(LIMITS.speakerName, { min: 1 }),
      name: str(LIMITS.speakerName),
    }),
    saveCopy: object({ type: literal('saveCopy'), requestId, path: fileRef }),
    keepProtected: object({ type: literal('keepProtected'), requestId, path: fileRef }),
    openFile: object({ type: literal('openFile'), path: fileRef }),
    revealFile: object({ type: literal('revealFile'), path: fileRef }),
    loadPreview: object({ type: literal('loadPreview'), requestId, path: fileRef }),
    deleteRecord: object({ type: literal('deleteRecord'), requestId, id: recordId, deleteFile: bool }),
    estimate: (value, at) => {
      const m = object({ type: literal('estimate'), requestId, subject: (v) => v })(value, at);
      return { ...m, subject: estimateSubject(m.subject, `${at}.subject`) };
    },
    openSettings: object({ type: literal('openSettings'), query: str(200, { pattern: /^[A-Za-z0-9. ]*$/ }) }),
  };
  // The estimate's inputs, checked as the run's own would be (the same options checks).
  const estimateSubject: Check<unknown> = (value, at) => {
    const operation = isPlainObject(value) ? value.operation : undefined;
    switch (operation) {
      case 'transcription':
      case 'translation':
        return object({ operation: literal(operation), file: fileRef })(value, at);
      case 'speech':
        return object({ operation: literal('speech'), characters: num(0, LIMITS.speechInput * 1000, true), options: options.speech })(
          value, at);
      case 'imageGeneration':
        return object({ operation: literal('imageGeneration'), options: options.imageGeneration })(value, at);
      case 'imageEdit':
        return object({ operation: literal('imageEdit'), options: options.imageEdit })(value, at);
      default:
        return fail(`${at}.operation`, `expected one of ${OPERATIONS.join(', ')}`);
    }
  };
  return (raw) => {
    if (!isPlainObject(raw)) fail('message', 'expected an object');
    const type = raw.type;
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(validators, type)) {
      fail('message.type', 'unknown message type');
    }
    return validators[type as WebviewToHostType](raw, 'message') as WebviewToHost;
  };
}

const apiValidator = messageValidator();

/** Accepts a message from the page or throws a ProtocolError saying what is wrong with it. */
export function validateWebviewMessage(raw: unknown, fields?: OperationFields): WebviewToHost {
  return (fields ? messageValidator(fields) : apiValidator)(raw);
}

/** `requestId`: the refused message's own id when it had a well-formed one, so its sender can be told. */
export type ParseResult = { ok: true; message: WebviewToHost } | { ok: false; error: string; requestId?: string };

export function parseWebviewMessage(raw: unknown, validate: (raw: unknown) => WebviewToHost = apiValidator): ParseResult {
  try {
    return { ok: true, message: validate(raw) };
  } catch (err) {
    const id = isPlainObject(raw) && typeof raw.requestId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(raw.requestId) ? raw.requestId
      : undefined;
    const error = err instanceof ProtocolError ? err.message : 'message could not be read';
    return id ? { ok: false, error, requestId: id } : { ok: false, error };
  }
}
