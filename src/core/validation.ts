// Checks a request against the API's rules and the model's capabilities before anything is sent. Every failure is
// a MediaApiError('validation') naming the field and saying what to change.
import { stat } from 'node:fs/promises';
import { validationError } from './errors';
import { extensionOf, readImageSize, readImageSizeFromFile, type ImageSizeInfo } from './media';
import {
  AUDIO_EXTENSIONS,
  AUDIO_RESPONSE_FORMATS,
  isDiarizing,
  IMAGE_MODELS,
  MAX_AUDIO_BYTES,
  MAX_EDIT_IMAGE_BYTES,
  MAX_EDIT_IMAGES,
  MAX_MASK_BYTES,
  MAX_PARTIAL_IMAGES,
  MAX_SPEECH_INPUT,
  MAX_SPEECH_INSTRUCTIONS,
  SPEECH_FORMATS,
  SPEECH_MODELS,
  TRANSCRIPTION_MODELS,
  imageQualities,
  imageResponseFormats,
  imageSizes,
  maxImages,
  maxPromptLength,
  supportsBackground,
  supportsEdits,
  supportsInputFidelity,
  supportsInstructions,
  supportsOutputFormat,
  supportsStyle,
  supportsTimestamps,
  supportsTranscriptionPrompt,
  transcriptionFormats,
  voicesFor,
} from './models';
import { knownSpeakersProblem } from './speakers';
import type {
  ImageEditRequest,
  ImageGenerationRequest,
  ImageModel,
  SpeechRequest,
  TranscriptionRequest,
  TranslationRequest,
  UploadSource,
} from './types';

const list = (values: readonly unknown[]) => values.map(String).join(', ');
const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

function oneOf<T>(field: string, value: T | undefined, allowed: readonly T[], what: string): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw validationError(field, `${field} "${String(value)}" is not valid${what}; use one of: ${list(allowed)}.`);
  }
}

function inRange(field: string, value: number | undefined, min: number, max: number, integer = false): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw validationError(field, `${field} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got ${String(value)}).`);
  }
}

function requireDeployment(deployment: string | undefined, setting: string): void {
  if (typeof deployment !== 'string' || !deployment.trim()) {
    throw validationError('deployment', `No deployment is set. Set ${setting} to the name of a deployment on your resource.`);
  }
}

function requireText(field: string, value: string | undefined, max: number, what: string): void {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw validationError(field, `${field} is empty; enter ${what}.`);
  }
  const length = Array.from(value).length; // characters, not UTF-16 code units
  if (length > max) {
    throw validationError(field, `${field} is ${length} characters long; shorten it to at most ${max}.`);
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
      return info.size;
    } catch {
      throw validationError(field, `${file.name} cannot be read; choose an existing file.`);
    }
  }
  if (file.data !== undefined) return file.data.byteLength;
  throw validationError(field, `${file.name} has neither a path nor data; choose a file.`);
}

async function validateAudioFile(file: UploadSource | undefined): Promise<void> {
  const size = await uploadSize('file', file);
  const ext = extensionOf(file!.name);
  if (!AUDIO_EXTENSIONS.includes(ext)) {
    throw validationError('file', `${file!.name} is not a supported audio type; convert it to one of: ${list(AUDIO_EXTENSIONS)}.`);
  }
  if (size === 0) throw validationError('file', `${file!.name} is empty; choose a recording.`);
  if (size > MAX_AUDIO_BYTES) {
    throw validationError('file', `${file!.name} is ${mb(size)}; the service accepts audio up to 25 MB. Compress it (e.g. to mp3) or split it.`);
  }
}

function validateAudioOptions(req: TranscriptionRequest | TranslationRequest, formats: readonly string[], modelName: string): void {
  oneOf('response_format', req.response_format, [...AUDIO_RESPONSE_FORMATS, 'diarized_json'] as const, '');
  if (req.response_format !== undefined && !formats.includes(req.response_format)) {
    throw validationError('response_format', `${modelName} cannot return response_format "${req.response_format}"; use ${list(formats)}.`);
  }
  inRange('temperature', req.temperature, 0, 1);
  if (req.prompt !== undefined && typeof req.prompt !== 'string') throw validationError('prompt', 'prompt must be text.');
}

export async function validateTranscription(req: TranscriptionRequest): Promise<void> {
  requireDeployment(req.deployment, 'azureOpenAIMedia.deployments.transcription');
  oneOf('model', req.model, TRANSCRIPTION_MODELS, ' (azureOpenAIMedia.models.transcription)');
  if (req.model === undefined) {
    throw validationError('model', `No transcription model is set; set azureOpenAIMedia.models.transcription to one of: ${list(TRANSCRIPTION_MODELS)}.`);
  }
  validateAudioOptions(req, transcriptionFormats(req.model), req.model);
  if (req.language !== undefined && req.language !== '' && !/^[a-z]{2,3}$/i.test(req.language)) {
    throw validationError('language', `language "${req.language}" is not an ISO-639-1 code; use two letters such as "en" or "de", or leave it empty.`);
  }
  if (req.prompt && !supportsTranscriptionPrompt(req.model)) {
    throw validationError('prompt', `${req.model} does not take a prompt; clear the prompt or pick another model.`);
  }
  if (req.timestamp_granularities !== undefined && req.timestamp_granularities.length > 0) {
    for (const g of req.timestamp_granularities) oneOf('timestamp_granularities', g, ['word', 'segment'] as const, '');
    if (!supportsTimestamps(req.model)) {
      throw validationError('timestamp_granularities', `${req.model} cannot return timestamps; clear timestamp_granularities or use whisper-1.`);
    }
    if (req.response_format !== 'verbose_json') {
      throw validationError('timestamp_granularities', 'timestamp_granularities need response_format "verbose_json"; change the format or clear the granularities.');
    }
  }
  validateDiarizeOptions(req);
  await validateAudioFile(req.file);
}

/** chunking_strategy (not whisper-1) and known speakers (diarizing models only, paired, checked by speakers.ts). */
function validateDiarizeOptions(req: TranscriptionRequest): void {
  if (req.chunking_strategy !== undefined) {
    oneOf('chunking_strategy', req.chunking_strategy, ['auto'] as const, '');
    if (req.model === 'whisper-1') throw validationError('chunking_strategy', 'whisper-1 does not take chunking_strategy; clear it or pick a gpt-4o model.');
  }
  const names = req.known_speaker_names ?? [];
  const references = req.known_speaker_references ?? [];
  if (!names.length && !references.length) return;
  if (!isDiarizing(req.model)) {
    throw validationError('known_speaker_names', `${req.model} does not label speakers; known speakers need gpt-4o-transcribe-diarize.`);
  }
  if (names.length !== references.length) {
    throw validationError('known_speaker_references', `${names.length} known speaker names but ${references.length} reference clips; give one clip per name.`);
  }
  const problem = knownSpeakersProblem(names.map((name, i) => ({ name, reference: references[i] })));
  if (problem) throw validationError('known_speaker_names', problem);
}

export async function validateTranslation(req: TranslationRequest): Promise<void> {
  requireDeployment(req.deployment, 'azureOpenAIMedia.deployments.translation');
  validateAudioOptions(req, AUDIO_RESPONSE_FORMATS, 'Translation');
  await validateAudioFile(req.file);
}

export function validateSpeech(req: SpeechRequest): void {
  requireDeployment(req.deployment, 'azureOpenAIMedia.deployments.speech');
  oneOf('model', req.model, SPEECH_MODELS, ' (azureOpenAIMedia.models.speech)');
  requireText('input', req.input, MAX_SPEECH_INPUT, 'the text to speak');
  if (req.voice === undefined) throw validationError('voice', `No voice was chosen; use one of: ${list(voicesFor(req.model))}.`);
  oneOf('voice', req.voice, voicesFor(req.model), req.model ? ` for ${req.model}` : '');
  oneOf('response_format', req.response_format, SPEECH_FORMATS, '');
  inRange('speed', req.speed, 0.25, 4);
  if (req.instructions !== undefined && req.instructions !== '') {
    if (!supportsInstructions(req.model)) {
      throw validationError('instructions', `${req.model ?? 'This model'} does not take instructions; clear them or use gpt-4o-mini-tts.`);
    }
    requireText('instructions', req.instructions, MAX_SPEECH_INSTRUCTIONS, 'instructions');
  }
}

function requireImageModel(model: ImageModel | undefined, setting: string): ImageModel {
  if (model === undefined) throw validationError('model', `No image model is set; set ${setting} to one of: ${list(IMAGE_MODELS)}.`);
  oneOf('model', model, IMAGE_MODELS, ` (${setting})`);
  return model;
}

function validateImageCommon(
  req: Pick<ImageGenerationRequest, 'prompt' | 'n' | 'size' | 'quality' | 'response_format' | 'stream' | 'partial_images' | 'user'>,
  model: ImageModel,
): void {
  requireText('prompt', req.prompt, maxPromptLength(model), `a prompt (at most ${maxPromptLength(model)} characters for ${model})`);
  const most = maxImages(model);
  inRange('n', req.n, 1, most, true);
  oneOf('size', req.size, imageSizes(model), ` for ${model}`);
  oneOf('quality', req.quality, imageQualities(model), ` for ${model}`);
  oneOf('response_format', req.response_format, imageResponseFormats(model), ` for ${model}`);
  if (req.user !== undefined && typeof req.user !== 'string') throw validationError('user', 'user must be text.');
  if (req.partial_images !== undefined) {
    inRange('partial_images', req.partial_images, 0, MAX_PARTIAL_IMAGES, true);
    if (!req.stream) throw validationError('partial_images', 'partial_images needs stream turned on; turn streaming on or clear partial_images.');
  }
}

export function validateImageGeneration(req: ImageGenerationRequest): void {
  requireDeployment(req.deployment, 'azureOpenAIMedia.deployments.image');
  const model = requireImageModel(req.model, 'azureOpenAIMedia.models.image');
  validateImageCommon(req, model);
  if (req.style !== undefined) {
    if (!supportsStyle(model)) throw validationError('style', `${model} has no style option; clear style (it is for dall-e-3).`);
    oneOf('style', req.style, ['vivid', 'natural'] as const, '');
  }
  validateOutputOptions(req, model);
}

function validateOutputOptions(
  req: Pick<ImageGenerationRequest, 'background' | 'output_format' | 'output_compression'>,
  model: ImageModel,
): void {
  if (req.background !== undefined) {
    if (!supportsBackground(model)) throw validationError('background', `${model} has no background option; clear background (it is for gpt-image models).`);
    oneOf('background', req.background, ['auto', 'transparent', 'opaque'] as const, '');
  }
  if (req.output_format !== undefined || req.output_compression !== undefined) {
    if (!supportsOutputFormat(model)) {
      throw validationError(req.output_format !== undefined ? 'output_format' : 'output_compression', `${model} always returns PNG; clear output_format and output_compression (they are for gpt-image models).`);
    }
    oneOf('output_format', req.output_format, ['png', 'jpeg'] as const, ' (Azure does not serve webp)');
  }
  if (req.background === 'transparent' && req.output_format === 'jpeg') {
    throw validationError('background', 'A transparent background needs output_format "png"; JPEG has no transparency.');
  }
  if (req.output_compression !== undefined) {
    inRange('output_compression', req.output_compression, 0, 100, true);
    if (req.output_format !== 'jpeg') {
      throw validationError('output_compression', 'output_compression applies to JPEG only; set output_format to "jpeg" or clear output_compression.');
    }
  }
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

export async function validateImageEdit(req: ImageEditRequest): Promise<void> {
  requireDeployment(req.deployment, 'azureOpenAIMedia.deployments.imageEdit');
  const model = requireImageModel(req.model, 'azureOpenAIMedia.models.imageEdit');
  if (!supportsEdits(model)) {
    throw validationError('model', `${model} cannot edit images on Azure; use a gpt-image-1 or gpt-image-1-mini deployment (azureOpenAIMedia.models.imageEdit).`);
  }
  validateImageCommon(req, model);
  if (req.input_fidelity !== undefined) {
    if (!supportsInputFidelity(model)) throw validationError('input_fidelity', `${model} has no input_fidelity option; clear it or use gpt-image-1.`);
    oneOf('input_fidelity', req.input_fidelity, ['low', 'high'] as const, '');
  }
  validateOutputOptions(req, model);
  if (!Array.isArray(req.images) || req.images.length === 0) throw validationError('image', 'No image was given; choose the image to edit.');
  if (req.images.length > MAX_EDIT_IMAGES) {
    throw validationError('image', `${req.images.length} images were given; an edit takes at most ${MAX_EDIT_IMAGES}.`);
  }
  let first: ImageSizeInfo | undefined;
  for (const [index, image] of req.images.entries()) {
    const size = await uploadSize('image', image);
    const info = await imageInfo('image', image);
    if (!info) throw validationError('image', `${image.name} is not a PNG or JPEG image; convert it to PNG or JPEG.`);
    if (size > MAX_EDIT_IMAGE_BYTES) throw validationError('image', `${image.name} is ${mb(size)}; images must be under 25 MB. Resize or compress it.`);
    if (index === 0) first = info;
  }
  if (req.mask) {
    const size = await uploadSize('mask', req.mask);
    const info = await imageInfo('mask', req.mask);
    if (!info || info.format !== 'png') throw validationError('mask', `The mask ${req.mask.name} must be a PNG (transparent where the image should change); save it as PNG.`);
    if (size >= MAX_MASK_BYTES) throw validationError('mask', `The mask ${req.mask.name} is ${mb(size)}; it must be under 4 MB.`);
    if (first && (info.width !== first.width || info.height !== first.height)) {
      throw validationError('mask', `The mask is ${info.width}x${info.height} but the image is ${first.width}x${first.height}; make the mask the same size as the image.`);
    }
  }
}
