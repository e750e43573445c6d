// Each operation's options as the API defines them: the union over all models. A model narrows them in models.ts.
// Sources: Azure's 2025-04-01-preview spec (/work/shared/reference), openai-python's *_create_params.py for the
// v1 surface; docs/MODELS.md says where they disagree.
import type { FieldSpec, FileSpec, OperationId } from './types';

/** In the order forms and settings list them. */
const AUDIO_FORMATS = ['text', 'srt', 'vtt', 'json', 'verbose_json'] as const;

/** Transcriptions add the diarize model's transcript by speaker (openai-python `AudioResponseFormat`). */
const TRANSCRIPT_FORMATS = [...AUDIO_FORMATS, 'diarized_json'] as const;

const audioFormat = <S extends string, V extends readonly string[]>(setting: S, values: V) =>
  ({
    key: 'response_format',
    wire: 'response_format',
    kind: 'enum',
    values,
    default: 'text',
    setting,
    label: 'Format',
    description: 'The transcript format: plain text, subtitles (srt, vtt) or JSON.',
  }) as const;

const temperature = <S extends string>(setting: S) =>
  ({
    key: 'temperature',
    wire: 'temperature',
    kind: 'number',
    min: 0,
    max: 1,
    default: 0,
    apiDefault: 0,
    setting,
    label: 'Temperature',
    description: 'Randomness from 0 to 1; 0 is the most faithful.',
  }) as const;

const TRANSCRIPTION = [
  audioFormat('transcription.responseFormat', TRANSCRIPT_FORMATS),
  {
    key: 'language',
    wire: 'language',
    kind: 'string',
    pattern: '^[a-z]{2}$',
    default: '',
    setting: 'transcription.language',
    label: 'Language',
    description: 'The spoken language as a two-letter ISO-639-1 code (en, de, fr); empty to detect it.',
  },
  {
    key: 'prompt',
    wire: 'prompt',
    kind: 'string',
    multiline: true,
    max: 4096,
    default: '',
    setting: 'transcription.prompt',
    label: 'Prompt',
    description: 'Spellings of names and terms, or the previous passage, in the audio\'s language.',
  },
  temperature('transcription.temperature'),
  {
    key: 'timestamp_granularities',
    wire: 'timestamp_granularities',
    kind: 'list',
    values: ['word', 'segment'],
    default: [],
    apiDefault: ['segment'],
    setting: 'transcription.timestampGranularities',
    requires: { key: 'response_format', values: ['verbose_json'] },
    label: 'Timestamps',
    description: 'Timestamps to include with the detailed JSON format: segment, word, or both.',
  },
  {
    key: 'chunking_strategy',
    wire: 'chunking_strategy',
    kind: 'enum',
    values: ['auto'],
    label: 'Chunking',
    description: 'auto: the service cuts the audio at silences (needed by the diarize model for audio over 30 s).',
  },
  // openai-python transcription_create_params.py: up to 4 names, each with a 2-10 s clip as a data URL; the host
  // fills both from azureOpenAIMedia.transcription.knownSpeakers (docs/SPEAKERS-STREAMING-COST.md).
  {
    key: 'known_speaker_names',
    wire: 'known_speaker_names',
    kind: 'list',
    max: 4,
    hostOnly: true,
    label: 'Known speakers',
    description: 'Names of up to 4 speakers, each with a reference clip, so the transcript names them.',
  },
  {
    key: 'known_speaker_references',
    wire: 'known_speaker_references',
    kind: 'list',
    max: 4,
    hostOnly: true,
    label: 'Speaker clips',
    description: 'One 2-10 s clip of each known speaker, as a data URL, in the order of the names.',
  },
  {
    key: 'stream',
    wire: 'stream',
    kind: 'boolean',
    hostOnly: true,
    label: 'Live transcript',
    description: 'Send the transcript as it is made (transcript.text.* events); whisper-1 ignores it.',
  },
] as const satisfies readonly FieldSpec[];

const TRANSLATION = [
  audioFormat('translation.responseFormat', AUDIO_FORMATS),
  {
    key: 'prompt',
    wire: 'prompt',
    kind: 'string',
    multiline: true,
    max: 4096,
    default: '',
    setting: 'translation.prompt',
    label: 'Prompt',
    description: 'English text to guide the translation: names, terms, style.',
  },
  temperature('translation.temperature'),
] as const satisfies readonly FieldSpec[];

const VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'onyx', 'nova', 'sage', 'shimmer', 'verse', 'marin', 'cedar'] as const;

const SPEECH = [
  {
    key: 'voice',
    wire: 'voice',
    kind: 'enum',
    values: VOICES,
    default: 'alloy',
    setting: 'speech.voice',
    label: 'Voice',
    description: 'The voice that reads the text.',
  },
  {
    key: 'response_format',
    wire: 'response_format',
    kind: 'enum',
    values: ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'],
    default: 'mp3',
    setting: 'speech.format',
    label: 'Format',
    description: 'The audio format: mp3 plays everywhere, wav and flac are lossless, opus is small, pcm is raw samples.',
  },
  {
    key: 'speed',
    wire: 'speed',
    kind: 'number',
    min: 0.25,
    max: 4,
    default: 1,
    apiDefault: 1,
    setting: 'speech.speed',
    label: 'Speed',
    description: 'How fast the text is read, from 0.25 to 4; 1 is normal.',
  },
  {
    key: 'instructions',
    wire: 'instructions',
    kind: 'string',
    multiline: true,
    max: 4096,
    default: '',
    setting: 'speech.instructions',
    label: 'Instructions',
    description: 'How to speak, for example "calm and warm, like a bedtime story".',
  },
] as const satisfies readonly FieldSpec[];

/** The sizes every image model knows, suggested in forms and settings; gpt-image-2 takes any size within its rule. */
const SIZES = ['auto', '1024x1024', '1024x1536', '1536x1024', '1792x1024', '1024x1792', '2048x1152', '3840x2160'] as const;
const QUALITIES = ['auto', 'low', 'medium', 'high', 'standard', 'hd'] as const;

const count = <S extends string>(setting: S) =>
  ({
    key: 'n',
    wire: 'n',
    kind: 'integer',
    min: 1,
    max: 10,
    default: 1,
    apiDefault: 1,
    setting,
    label: 'Images',
    description: 'How many images to make at once.',
  }) as const;
const size = <S extends string, D extends string>(setting: S, fallback: D) =>
  ({
    key: 'size',
    wire: 'size',
    kind: 'size',
    values: SIZES,
    default: fallback,
    setting,
    label: 'Size',
    description: 'Width x height in pixels, or auto.',
  }) as const;
const quality = <S extends string>(setting: S) =>
  ({
    key: 'quality',
    wire: 'quality',
    kind: 'enum',
    values: QUALITIES,
    default: 'auto',
    setting,
    label: 'Quality',
    description: 'Higher quality takes longer and costs more.',
  }) as const;

/** The options generations and edits share, after each one's own. */
const imageOutput = <B extends string | undefined, O extends string | undefined>(background: B, outputFormat: O) =>
  [
    {
      key: 'background',
      wire: 'background',
      kind: 'enum',
      values: ['auto', 'transparent', 'opaque'],
      default: 'auto',
      apiDefault: 'auto',
      setting: background,
      label: 'Background',
      description: 'transparent gives a PNG with a transparent background; auto lets the model decide.',
    },
    {
      key: 'output_format',
      wire: 'output_format',
      kind: 'enum',
      values: ['png', 'jpeg'],
      default: 'png',
      setting: outputFormat,
      label: 'File format',
      description: 'Save images as PNG or JPEG.',
    },
    {
      key: 'output_compression',
      wire: 'output_compression',
      kind: 'integer',
      min: 0,
      max: 100,
      requires: { key: 'output_format', values: ['jpeg'] },
      label: 'Compression',
      description: 'JPEG compression from 0 to 100 percent.',
    },
    {
      key: 'response_format',
      wire: 'response_format',
      kind: 'enum',
      values: ['url', 'b64_json'],
      hostOnly: true,
      label: 'Response',
      description: 'How the service returns images: a temporary URL or base64 bytes.',
    },
    {
      key: 'user',
      wire: 'user',
      kind: 'string',
      max: 256,
      advanced: true,
      label: 'User',
      description: 'An id of the end user, for abuse monitoring.',
    },
    {
      key: 'stream',
      wire: 'stream',
      kind: 'boolean',
      default: true,
      apiDefault: false,
      setting: 'image.stream',
      label: 'Stream',
      description: 'Show partial images while the model is still drawing.',
    },
    {
      key: 'partial_images',
      wire: 'partial_images',
      kind: 'integer',
      min: 0,
      max: 3,
      default: 2,
      apiDefault: 0,
      setting: 'image.partialImages',
      requires: { key: 'stream', values: [true] },
      label: 'Partial images',
      description: 'How many partial images to show while streaming (0 to 3).',
    },
  ] as const;

const IMAGE_GENERATION = [
  count('image.count'),
  size('image.size', '1024x1024'),
  quality('image.quality'),
  {
    key: 'style',
    wire: 'style',
    kind: 'enum',
    values: ['vivid', 'natural'],
    default: 'vivid',
    setting: 'image.style',
    label: 'Style',
    description: 'vivid for dramatic, hyper-real images; natural for a more realistic look.',
  },
  ...imageOutput('image.background', 'image.outputFormat'),
] as const satisfies readonly FieldSpec[];

const IMAGE_EDIT = [
  count('imageEdit.count'),
  size('imageEdit.size', 'auto'),
  quality('imageEdit.quality'),
  {
    key: 'input_fidelity',
    wire: 'input_fidelity',
    kind: 'enum',
    values: ['low', 'high'],
    default: 'low',
    apiDefault: 'low',
    setting: 'imageEdit.inputFidelity',
    label: 'Input fidelity',
    description: 'high keeps faces, logos and fine details of the original more faithfully (slower).',
  },
  ...imageOutput(undefined, undefined),
] as const satisfies readonly FieldSpec[];

/** Every operation's fields, in the order a form shows them. */
export const OPERATION_FIELDS = {
  transcription: TRANSCRIPTION,
  translation: TRANSLATION,
  speech: SPEECH,
  imageGeneration: IMAGE_GENERATION,
  imageEdit: IMAGE_EDIT,
} as const satisfies Record<OperationId, readonly FieldSpec[]>;

export const OPERATIONS = Object.keys(OPERATION_FIELDS) as OperationId[];

const MB = 1024 * 1024;

/** Audio the transcription and translation endpoints take: THE list (commands, Studio and validation read it). */
export const AUDIO_EXTENSIONS = ['flac', 'mp3', 'mp4', 'mpeg', 'mpga', 'm4a', 'ogg', 'wav', 'webm'] as const;
/** Images an edit takes. */
export const EDIT_IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg'] as const;

/** The uploads of each operation. Edit images: the Azure spec's 25 MB (MS Learn says 50 MB; the stricter one holds). */
export const OPERATION_FILES: Readonly<Partial<Record<OperationId, readonly FileSpec[]>>> = {
  transcription: [{ field: 'file', extensions: AUDIO_EXTENSIONS, maxBytes: 25 * MB }],
  translation: [{ field: 'file', extensions: AUDIO_EXTENSIONS, maxBytes: 25 * MB }],
  imageEdit: [
    { field: 'image', extensions: EDIT_IMAGE_EXTENSIONS, maxBytes: 25 * MB, maxCount: 16 },
    // The service wants the mask under 4 MB, a PNG the size of the first image.
    { field: 'mask', extensions: ['png'], maxBytes: 4 * MB - 1, maxCount: 1 },
  ],
};
