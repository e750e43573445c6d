// Checks a request against the API's rules and the model's entry in the catalog (src/core/catalog) before anything
// is sent. Every failure is a MediaApiError('validation') naming the field and saying what to change.
import { stat } from 'node:fs/promises';
import {
  checkSize,
  deploymentSetting,
  effectiveFields,
  modelSetting,
  modelsFor,
  OPERATION_FILES,
  OPERATION_SPECS,
  resolveModel,
  settingId,
  type ApiSurface,
  type EffectiveField,
  type FileSpec,
  type OperationId,
  type ResolvedModel,
} from './catalog';
import { validationError } from './errors';
import { msg, term, type Message } from './messages';
import { extensionOf, readImageSize, readImageSizeFromFile, type ImageSizeInfo } from './media';
import { knownSpeakersProblem } from './speakers';
import type {
  ImageEditRequest,
  ImageGenerationRequest,
  SpeechRequest,
  TranscriptionRequest,
  TranslationRequest,
  UploadSource,
} from './types';

const list = (values: readonly unknown[]) => values.map(String).join(', ');
const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;


function files(operation: OperationId, field: string): FileSpec {
  return OPERATION_FILES[operation]!.find((f) => f.field === field)!;
}

function requireDeployment(deployment: string | undefined, operation: OperationId): void {
  const setting = settingId(deploymentSetting(operation));
  if (typeof deployment !== 'string' || !deployment.trim()) {
    throw validationError('deployment', msg('validation.noDeployment', { setting }));
  }
  // Deployment names are letters, digits, '-', '_' and '.': a slash, a space or a URL character is a pasted mistake
  // that would otherwise reach the service as another path.
  if (/[\s/\\?#%]/.test(deployment)) {
    throw validationError('deployment', msg('validation.deploymentName', { name: deployment.trim(), setting }));
  }
}

/** The model, resolved; refused only when the catalog knows it cannot do the operation. */
function requireModel(model: string | undefined, operation: OperationId, required: boolean): ResolvedModel {
  const modelKey = modelSetting(operation);
  const current = modelsFor(operation, { current: true });
  if (typeof model !== 'string' || !model.trim()) {
    if (required) {
      const setting = settingId(modelKey ?? deploymentSetting(operation));
      throw validationError('model', msg('validation.noModel', { setting, models: list(current) }));
    }
    return resolveModel('');
  }
  const resolved = resolveModel(model);
  if (!resolved.operations[operation]) {
    const where = modelKey ? ` (${settingId(modelKey)})` : '';
    const verb = term(OPERATION_SPECS[operation].verb);
    throw validationError('model', msg('validation.modelCannot', { model, verb, models: list(current), where }));
  }
  return resolved;
}

function requireText(field: string, value: string | undefined, max: number | undefined, what: Message): void {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw validationError(field, msg('validation.empty', { field, what }));
  }
  const length = Array.from(value).length; // characters, not UTF-16 code units
  if (max !== undefined && length > max) {
    throw validationError(field, msg('validation.tooLong', { field, length, max }));
  }
}

function checkValue(field: EffectiveField, value: unknown, model: ResolvedModel): void {
  const key = field.key;
  const narrowed = model.known || model.family ? msg('validation.forModel', { model: model.name }) : '';
  switch (field.kind) {
    case 'enum':
      if (typeof value !== 'string' || !field.values!.includes(value)) {
        throw validationError(key, msg('validation.enum', { field: key, value: String(value), narrowed, values: list(field.values!) }));
      }
      return;
    case 'list':
      if (!field.values) {
        // A list of free text (known speaker names): at most `max` entries.
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
          throw validationError(key, msg('validation.textList', { field: key }));
        }
        if (field.max !== undefined && value.length > field.max) {
          const args = { field: key, count: value.length, model: model.name, max: field.max };
          throw validationError(key, msg('validation.tooManyEntries', args));
        }
        return;
      }
      if (!Array.isArray(value)) throw validationError(key, msg('validation.notList', { field: key, values: list(field.values) }));
      for (const item of value as unknown[]) {
        if (typeof item === 'string' && field.values.includes(item)) continue;
        throw validationError(key, msg('validation.listItem', { field: key, value: String(item), narrowed, values: list(field.values) }));
      }
      return;
    case 'number':
    case 'integer': {
      const integer = field.kind === 'integer';
      const { min = -Infinity, max = Infinity } = field;
      if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
        const what = msg(integer ? 'what.wholeNumber' : 'what.number');
        throw validationError(key, msg('validation.range', { field: key, what, min, max, narrowed, got: String(value) }));
      }
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw validationError(key, msg('validation.boolean', { field: key }));
      return;
    case 'size': {
      const problem = typeof value === 'string' ? checkSize(value, field) : msg('size.notText');
      if (problem) throw validationError(key, msg('validation.size', { field: key, value: String(value), narrowed, problem }));
      return;
    }
    case 'string':
      if (typeof value !== 'string') throw validationError(key, msg('validation.text', { field: key }));
      if (field.max !== undefined && Array.from(value).length > field.max) {
        throw validationError(key, msg('validation.tooLong', { field: key, length: Array.from(value).length, max: field.max }));
      }
      if (field.pattern && !new RegExp(field.pattern).test(value)) {
        throw validationError(key, msg('validation.pattern', { field: key, value, label: term(field.label),
          description: term(field.description) }));
      }
  }
}

/** Every option of the request against the model's fields: taken at all, within its values, and its `requires`. */
function validateOptions(operation: OperationId, req: object, model: ResolvedModel, surface: ApiSurface): void {
  const values = req as Record<string, unknown>;
  for (const field of effectiveFields(operation, model, surface)) {
    const value = values[field.key];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    if (!field.supported) throw validationError(field.key, msg('validation.unsupported', { reason: field.reason ?? '',
      field: field.key }));
    checkValue(field, value, model);
    if (field.requires && !field.requires.values.includes(values[field.requires.key] as string | boolean)) {
      const wanted = field.requires.values.map((v) => JSON.stringify(v)).join(' or ');
      const other = field.requires.key;
      throw validationError(field.key, msg('validation.requires', { field: field.key, other, wanted }));
    }
  }
}

/** The size of an upload, from disk or from its bytes; a missing file is a validation error. */
export async function uploadSize(field: string, file: UploadSource | undefined): Promise<number> {
  if (!file || typeof file.name !== 'string' || !file.name) {
    throw validationError(field, msg('validation.noFile', { field }));
  }
  if (file.path !== undefined) {
    try {
      const info = await stat(file.path);
      if (!info.isFile()) throw new Error('not a file'); // caught below: the user sees validation.unreadable
      if (file.range) return (file.header?.byteLength ?? 0) + Math.max(0, Math.min(file.range.end, info.size) - file.range.start);
      return info.size;
    } catch {
      throw validationError(field, msg('validation.unreadable', { name: file.name }));
    }
  }
  if (file.data !== undefined) return file.data.byteLength;
  throw validationError(field, msg('validation.noData', { name: file.name }));
}

async function validateAudioFile(operation: OperationId, file: UploadSource | undefined): Promise<void> {
  const spec = files(operation, 'file');
  const size = await uploadSize('file', file);
  if (!spec.extensions.includes(extensionOf(file!.name))) {
    throw validationError('file', msg('validation.audioType', { name: file!.name, types: list(spec.extensions) }));
  }
  if (size === 0) throw validationError('file', msg('validation.audioEmpty', { name: file!.name }));
  if (size > spec.maxBytes) {
    const limit = `${Math.round(spec.maxBytes / 1048576)} MB`;
    throw validationError('file', msg('validation.audioTooLarge', { name: file!.name, size: mb(size), limit }));
  }
}

export async function validateTranscription(req: TranscriptionRequest, surface: ApiSurface = 'dated'): Promise<void> {
  requireDeployment(req.deployment, 'transcription');
  const model = requireModel(req.model, 'transcription', true);
  validateOptions('transcription', req, model, surface);
  validateKnownSpeakers(req);
  await validateAudioFile('transcription', req.file);
}

/** Known speakers (the catalog lets only diarizing models take them): paired, and each a data URL (speakers.ts). */
function validateKnownSpeakers(req: TranscriptionRequest): void {
  const names = req.known_speaker_names ?? [];
  const references = req.known_speaker_references ?? [];
  if (!names.length && !references.length) return;
  if (names.length !== references.length) {
    throw validationError('known_speaker_references', msg('speakers.unpaired', { names: names.length, clips: references.length }));
  }
  const problem = knownSpeakersProblem(names.map((name, i) => ({ name, reference: references[i] })));
  if (problem) throw validationError('known_speaker_names', problem);
}

export async function validateTranslation(req: TranslationRequest, surface: ApiSurface = 'dated'): Promise<void> {
  requireDeployment(req.deployment, 'translation');
  // The request names no model: translation runs on its one model (the catalog's fixedModel).
  validateOptions('translation', req, resolveModel(OPERATION_SPECS.translation.fixedModel), surface);
  await validateAudioFile('translation', req.file);
}

export function validateSpeech(req: SpeechRequest, surface: ApiSurface = 'dated'): void {
  requireDeployment(req.deployment, 'speech');
  const model = requireModel(req.model, 'speech', false);
  requireText('input', req.input, model.operations.speech?.limits?.maxInput, msg('what.speechInput'));
  if (req.voice === undefined) {
    const voices = effectiveFields('speech', model, surface).find((f) => f.key === 'voice')!.values!;
    throw validationError('voice', msg('validation.noVoice', { voices: list(voices) }));
  }
  validateOptions('speech', req, model, surface);
}

function validateImage(
  operation: 'imageGeneration' | 'imageEdit',
  req: ImageGenerationRequest | ImageEditRequest,
  surface: ApiSurface,
): void {
  requireDeployment(req.deployment, operation);
  const model = requireModel(req.model, operation, true);
  const max = model.operations[operation]?.limits?.maxInput;
  requireText('prompt', req.prompt, max, max ? msg('what.promptMax', { max, model: model.name }) : msg('what.prompt'));
  validateOptions(operation, req, model, surface);
  if (req.background === 'transparent' && req.output_format === 'jpeg') {
    throw validationError('background', msg('validation.transparentJpeg'));
  }
}

export function validateImageGeneration(req: ImageGenerationRequest, surface: ApiSurface = 'dated'): void {
  validateImage('imageGeneration', req, surface);
}

async function imageInfo(field: string, file: UploadSource): Promise<ImageSizeInfo | undefined> {
  if (file.path !== undefined) {
    try {
      return await readImageSizeFromFile(file.path);
    } catch {
      throw validationError(field, msg('validation.unreadable', { name: file.name }));
    }
  }
  return file.data ? readImageSize(file.data) : undefined;
}

export async function validateImageEdit(req: ImageEditRequest, surface: ApiSurface = 'dated'): Promise<void> {
  validateImage('imageEdit', req, surface);
  const image = files('imageEdit', 'image');
  const mask = files('imageEdit', 'mask');
  if (!Array.isArray(req.images) || req.images.length === 0) {
    throw validationError('image', msg('validation.noImage'));
  }
  if (req.images.length > image.maxCount!) {
    throw validationError('image', msg('validation.tooManyImages', { count: req.images.length, max: image.maxCount! }));
  }
  let first: ImageSizeInfo | undefined;
  for (const [index, file] of req.images.entries()) {
    const size = await uploadSize('image', file);
    const info = await imageInfo('image', file);
    if (!info) throw validationError('image', msg('validation.imageType', { name: file.name }));
    if (size > image.maxBytes) {
      throw validationError('image', msg('validation.imageTooLarge', { name: file.name, size: mb(size), max: mb(image.maxBytes) }));
    }
    if (index === 0) first = info;
  }
  if (req.mask) {
    const size = await uploadSize('mask', req.mask);
    const info = await imageInfo('mask', req.mask);
    if (!info || info.format !== 'png') {
      throw validationError('mask', msg('validation.maskType', { name: req.mask.name }));
    }
    if (size > mask.maxBytes) {
      const max = `${Math.round(mask.maxBytes / (1024 * 1024))} MB`;
      throw validationError('mask', msg('validation.maskTooLarge', { name: req.mask.name, size: mb(size), max }));
    }
    if (first && (info.width !== first.width || info.height !== first.height)) {
      const sizes = { maskSize: `${info.width}x${info.height}`, imageSize: `${first.width}x${first.height}` };
      throw validationError('mask', msg('validation.maskSize', sizes));
    }
  }
}
