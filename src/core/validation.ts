// Checks a request against the API's rules and the model's entry in the catalog (src/core/catalog) before anything
// is sent. Every failure is a MediaApiError('validation') naming the field and saying what to change.
import { stat } from 'node:fs/promises';
import {
  checkSize,
  effectiveFields,
  modelsFor,
  OPERATION_FILES,
  resolveModel,
  type ApiSurface,
  type EffectiveField,
  type FileSpec,
  type OperationId,
  type ResolvedModel,
} from './catalog';
import { validationError } from './errors';
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

/** What each operation is called in a sentence, and the settings naming its deployment and model. */
const OPERATION_TEXT: Record<OperationId, { verb: string; deployment: string; model?: string }> = {
  transcription: { verb: 'transcribe audio', deployment: 'deployments.transcription', model: 'models.transcription' },
  translation: { verb: 'translate audio', deployment: 'deployments.translation' },
  speech: { verb: 'speak text', deployment: 'deployments.speech', model: 'models.speech' },
  imageGeneration: { verb: 'generate images', deployment: 'deployments.image', model: 'models.image' },
  imageEdit: { verb: 'edit images', deployment: 'deployments.imageEdit', model: 'models.imageEdit' },
};

function files(operation: OperationId, field: string): FileSpec {
  return OPERATION_FILES[operation]!.find((f) => f.field === field)!;
}

function requireDeployment(deployment: string | undefined, operation: OperationId): void {
  const setting = `azureOpenAIMedia.${OPERATION_TEXT[operation].deployment}`;
  if (typeof deployment !== 'string' || !deployment.trim()) {
    throw validationError('deployment', `No deployment is set. Set ${setting} to the name of a deployment on your resource.`);
  }
  // Deployment names are letters, digits, '-', '_' and '.': a slash, a space or a URL character is a pasted mistake
  // that would otherwise reach the service as another path.
  if (/[\s/\\?#%]/.test(deployment)) {
    throw validationError(
      'deployment',
      `The deployment name "${deployment.trim()}" contains a space, slash or URL character. ` +
        `Set ${setting} to the name shown in Azure AI Foundry → Deployments.`,
    );
  }
}

/** The model, resolved; refused only when the catalog knows it cannot do the operation. */
function requireModel(model: string | undefined, operation: OperationId, required: boolean): ResolvedModel {
  const text = OPERATION_TEXT[operation];
  const current = modelsFor(operation, { current: true });
  if (typeof model !== 'string' || !model.trim()) {
    if (required) {
      const fix = `set azureOpenAIMedia.${text.model} to the model behind your deployment, such as ${list(current)}`;
      throw validationError('model', `No model is set; ${fix}.`);
    }
    return resolveModel('');
  }
  const resolved = resolveModel(model);
  if (!resolved.operations[operation]) {
    const where = text.model ? ` (azureOpenAIMedia.${text.model})` : '';
    throw validationError('model', `${model} cannot ${text.verb}; use a deployment of ${list(current)}${where}.`);
  }
  return resolved;
}

function requireText(field: string, value: string | undefined, max: number | undefined, what: string): void {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw validationError(field, `${field} is empty; enter ${what}.`);
  }
  const length = Array.from(value).length; // characters, not UTF-16 code units
  if (max !== undefined && length > max) {
    throw validationError(field, `${field} is ${length} characters long; shorten it to at most ${max}.`);
  }
}

function checkValue(field: EffectiveField, value: unknown, model: ResolvedModel): void {
  const key = field.key;
  const narrowed = model.known || model.family ? ` for ${model.name}` : '';
  switch (field.kind) {
    case 'enum':
      if (typeof value !== 'string' || !field.values!.includes(value)) {
        throw validationError(key, `${key} "${String(value)}" is not valid${narrowed}; use one of: ${list(field.values!)}.`);
      }
      return;
    case 'list':
      if (!field.values) {
        // A list of free text (known speaker names): at most `max` entries.
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
          throw validationError(key, `${key} must be a list of text.`);
        }
        if (field.max !== undefined && value.length > field.max) {
          throw validationError(key, `${key} has ${value.length} entries; ${model.name} takes at most ${field.max}.`);
        }
        return;
      }
      if (!Array.isArray(value)) throw validationError(key, `${key} must be a list of: ${list(field.values)}.`);
      for (const item of value as unknown[]) {
        if (typeof item === 'string' && field.values.includes(item)) continue;
        throw validationError(key, `${key} "${String(item)}" is not valid${narrowed}; use any of: ${list(field.values)}.`);
      }
      return;
    case 'number':
    case 'integer': {
      const integer = field.kind === 'integer';
      const { min = -Infinity, max = Infinity } = field;
      if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
        const what = integer ? 'a whole number' : 'a number';
        throw validationError(key, `${key} must be ${what} from ${min} to ${max}${narrowed} (got ${String(value)}).`);
      }
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw validationError(key, `${key} must be true or false.`);
      return;
    case 'size': {
      const problem = typeof value === 'string' ? checkSize(value, field) : 'a size is text';
      if (problem) throw validationError(key, `${key} "${String(value)}" is not valid${narrowed}: ${problem}.`);
      return;
    }
    case 'string':
      if (typeof value !== 'string') throw validationError(key, `${key} must be text.`);
      if (field.max !== undefined && Array.from(value).length > field.max) {
        throw validationError(key, `${key} is ${Array.from(value).length} characters long; shorten it to at most ${field.max}.`);
      }
      if (field.pattern && !new RegExp(field.pattern).test(value)) {
        throw validationError(key, `${key} "${value}" does not fit; ${field.label}: ${field.description}`);
      }
  }
}

/** Every option of the request against the model's fields: taken at all, within its values, and its `requires`. */
function validateOptions(operation: OperationId, req: object, model: ResolvedModel, surface: ApiSurface): void {
  const values = req as Record<string, unknown>;
  for (const field of effectiveFields(operation, model, surface)) {
    const value = values[field.key];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    if (!field.supported) throw validationError(field.key, `${field.reason}; clear ${field.key}.`);
    checkValue(field, value, model);
    if (field.requires && !field.requires.values.includes(values[field.requires.key] as string | boolean)) {
      const wanted = field.requires.values.map((v) => JSON.stringify(v)).join(' or ');
      const other = field.requires.key;
      throw validationError(field.key, `${field.key} needs ${other} ${wanted}; set ${other} to ${wanted} or clear ${field.key}.`);
    }
  }
}

/** The size of an upload, from disk or from its bytes; a missing file is a validation error. */
export async function uploadSize(field: string, file: UploadSource | undefined): Promise<number> {
  if (!file || typeof file.name !== 'string' || !file.name) {
    throw validationError(field, `No ${field} was given; choose a file.`);
  }
  if (file.path !== undefined) {
    try {
      const info = await stat(file.path);
      if (!info.isFile()) throw new Error('not a file');
      if (file.range) return (file.header?.byteLength ?? 0) + Math.max(0, Math.min(file.range.end, info.size) - file.range.start);
      return info.size;
    } catch {
      throw validationError(field, `${file.name} cannot be read; choose an existing file.`);
    }
  }
  if (file.data !== undefined) return file.data.byteLength;
  throw validationError(field, `${file.name} has neither a path nor data; choose a file.`);
}

async function validateAudioFile(operation: OperationId, file: UploadSource | undefined): Promise<void> {
  const spec = files(operation, 'file');
  const size = await uploadSize('file', file);
  if (!spec.extensions.includes(extensionOf(file!.name))) {
    throw validationError('file', `${file!.name} is not a supported audio type; convert it to one of: ${list(spec.extensions)}.`);
  }
  if (size === 0) throw validationError('file', `${file!.name} is empty; choose a recording.`);
  if (size > spec.maxBytes) {
    const limit = `${Math.round(spec.maxBytes / 1048576)} MB`;
    const fix = 'Compress it (e.g. to mp3) or split it.';
    throw validationError('file', `${file!.name} is ${mb(size)}; the service accepts audio up to ${limit}. ${fix}`);
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
    throw validationError('known_speaker_references', `${names.length} known speaker names but ${references.length} reference clips; give one clip per name.`);
  }
  const problem = knownSpeakersProblem(names.map((name, i) => ({ name, reference: references[i] })));
  if (problem) throw validationError('known_speaker_names', problem);
}

export async function validateTranslation(req: TranslationRequest, surface: ApiSurface = 'dated'): Promise<void> {
  requireDeployment(req.deployment, 'translation');
  // Translations run on whisper; the request names no model, so only the API's limits apply.
  validateOptions('translation', req, resolveModel('whisper'), surface);
  await validateAudioFile('translation', req.file);
}

export function validateSpeech(req: SpeechRequest, surface: ApiSurface = 'dated'): void {
  requireDeployment(req.deployment, 'speech');
  const model = requireModel(req.model, 'speech', false);
  requireText('input', req.input, model.operations.speech?.limits?.maxInput, 'the text to speak');
  if (req.voice === undefined) {
    const voices = effectiveFields('speech', model, surface).find((f) => f.key === 'voice')!.values!;
    throw validationError('voice', `No voice was chosen; use one of: ${list(voices)}.`);
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
  requireText('prompt', req.prompt, max, `a prompt${max ? ` (at most ${max} characters for ${model.name})` : ''}`);
  validateOptions(operation, req, model, surface);
  if (req.background === 'transparent' && req.output_format === 'jpeg') {
    throw validationError('background', 'A transparent background needs output_format "png"; JPEG has no transparency.');
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
      throw validationError(field, `${file.name} cannot be read; choose an existing file.`);
    }
  }
  return file.data ? readImageSize(file.data) : undefined;
}

export async function validateImageEdit(req: ImageEditRequest, surface: ApiSurface = 'dated'): Promise<void> {
  validateImage('imageEdit', req, surface);
  const image = files('imageEdit', 'image');
  const mask = files('imageEdit', 'mask');
  if (!Array.isArray(req.images) || req.images.length === 0) {
    throw validationError('image', 'No image was given; choose the image to edit.');
  }
  if (req.images.length > image.maxCount!) {
    throw validationError('image', `${req.images.length} images were given; an edit takes at most ${image.maxCount}.`);
  }
  let first: ImageSizeInfo | undefined;
  for (const [index, file] of req.images.entries()) {
    const size = await uploadSize('image', file);
    const info = await imageInfo('image', file);
    if (!info) throw validationError('image', `${file.name} is not a PNG or JPEG image; convert it to PNG or JPEG.`);
    if (size > image.maxBytes) {
      throw validationError('image', `${file.name} is ${mb(size)}; images must be under ${mb(image.maxBytes)}. Resize or compress it.`);
    }
    if (index === 0) first = info;
  }
  if (req.mask) {
    const size = await uploadSize('mask', req.mask);
    const info = await imageInfo('mask', req.mask);
    if (!info || info.format !== 'png') {
      const why = 'transparent where the image should change';
      throw validationError('mask', `The mask ${req.mask.name} must be a PNG (${why}); save it as PNG.`);
    }
    if (size > mask.maxBytes) throw validationError('mask', `The mask ${req.mask.name} is ${mb(size)}; it must be under 4 MB.`);
    if (first && (info.width !== first.width || info.height !== first.height)) {
      const sizes = `The mask is ${info.width}x${info.height} but the image is ${first.width}x${first.height}`;
      throw validationError('mask', `${sizes}; make the mask the same size as the image.`);
    }
  }
}
