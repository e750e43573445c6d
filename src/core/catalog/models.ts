// Each model: the operations it serves, how it narrows their fields, its limits and its lifecycle on Azure.
// Lifecycle: Azure's retirement schedule (MicrosoftDocs/azure-ai-docs, articles/foundry/openai/includes/
// concepts-model-retirement-schedule-content.md, dated 2026-07-07); docs/MODELS.md gives the source of every other fact.
import type { FieldRule, ModelFamily, ModelSpec, ModelVersion, OperationProfile, SizeRule } from './types';

const SCHEDULE = 'Azure retirement schedule (2026-07-07)';
const DALLE_RETIREMENT = 'Azure DALL-E retirement notice';

const CLASSIC_VOICES = ['alloy', 'echo', 'fable', 'onyx', 'nova', 'shimmer'];
const GPT_IMAGE_SIZES = ['auto', '1024x1024', '1024x1536', '1536x1024'];
const GPT_IMAGE_QUALITIES = ['auto', 'low', 'medium', 'high'];

/** gpt-image-2: `auto` or WxH, edges multiples of 16, longest ≤ 3840, ratio ≤ 3:1, 655,360–8,294,400 pixels. */
export const GPT_IMAGE_2_SIZE_RULE: SizeRule = {
  auto: true,
  multipleOf: 16,
  maxEdge: 3840,
  maxRatio: 3,
  minPixels: 655_360,
  maxPixels: 8_294_400,
};

// ---- profiles: what a model does for one operation ----

/** whisper-1: every transcript format but the diarize model's diarized_json. */
const whisperAudio: OperationProfile = {
  fields: {
    response_format: { values: ['text', 'srt', 'vtt', 'json', 'verbose_json'] },
    language: true,
    prompt: true,
    temperature: true,
    timestamp_granularities: true,
  },
};
const whisperTranslation: OperationProfile = { fields: { response_format: true, prompt: true, temperature: true } };
/** gpt-4o transcribe models answer json or text: no subtitles, no verbose_json, so no timestamps. */
const gptTranscribe: OperationProfile = {
  fields: { response_format: { values: ['json', 'text'] }, language: true, prompt: true, temperature: true, chunking_strategy: true,
    stream: true },
};
/** The diarize model takes no prompt and no timestamps; it answers json, text or diarized_json (by speaker). */
const gptDiarize: OperationProfile = {
  fields: {
    response_format: { values: ['json', 'text', 'diarized_json'] },
    language: true,
    temperature: true,
    chunking_strategy: true,
    known_speaker_names: true,
    known_speaker_references: true,
    stream: true,
  },
};
const classicSpeech: OperationProfile = {
  fields: { voice: { values: CLASSIC_VOICES }, response_format: true, speed: true },
  limits: { maxInput: 4096 },
};
const gptSpeech: OperationProfile = {
  fields: { voice: true, response_format: true, speed: true, instructions: true },
  limits: { maxInput: 4096 },
};

const gptImageOutput: Record<string, FieldRule> = {
  output_format: true,
  output_compression: true,
  user: true,
  stream: true,
  partial_images: true,
};
function gptImage(options: {
  sizes: FieldRule;
  fidelity: boolean;
  transparent: boolean;
}): Record<'imageGeneration' | 'imageEdit', OperationProfile> {
  const common: Record<string, FieldRule> = {
    n: true,
    size: options.sizes,
    quality: { values: GPT_IMAGE_QUALITIES },
    background: options.transparent ? true : { values: ['auto', 'opaque'] },
    ...gptImageOutput,
  };
  const limits = { maxInput: 32_000 };
  return {
    imageGeneration: { fields: common, limits },
    imageEdit: { fields: options.fidelity ? { ...common, input_fidelity: true } : common, limits },
  };
}
const GPT_IMAGE_1 = gptImage({ sizes: { values: GPT_IMAGE_SIZES }, fidelity: true, transparent: true });
const GPT_IMAGE_MINI = gptImage({ sizes: { values: GPT_IMAGE_SIZES }, fidelity: false, transparent: true });
const GPT_IMAGE_2 = gptImage({
  sizes: { values: ['auto', '1024x1024', '1024x1536', '1536x1024', '2048x1152', '3840x2160'], sizeRule: GPT_IMAGE_2_SIZE_RULE },
  fidelity: true,
  transparent: false,
});

const dalle3: OperationProfile = {
  fields: {
    n: { max: 1 },
    size: { values: ['1024x1024', '1792x1024', '1024x1792'] },
    quality: { values: ['standard', 'hd'] },
    style: true,
    response_format: true,
    user: true,
  },
  limits: { maxInput: 4000 },
};

const version = (v: string, retires: string | undefined, replacement?: string, source = SCHEDULE): ModelVersion => ({
  version: v,
  lifecycle: { source, ...(retires ? { retires } : {}), ...(replacement ? { replacement } : {}) },
});

/** The models the extension knows. Names outside this table resolve by family (index.ts). */
export const MODELS: readonly ModelSpec[] = [
  {
    name: 'gpt-image-2',
    family: 'gpt-image',
    operations: GPT_IMAGE_2,
    versions: [version('2026-04-21', '2027-04-21')],
  },
  {
    name: 'gpt-image-1-mini',
    family: 'gpt-image',
    operations: GPT_IMAGE_MINI,
    versions: [version('2025-10-06', '2027-04-07', 'gpt-image-2')],
  },
  {
    name: 'gpt-image-1.5',
    family: 'gpt-image',
    operations: GPT_IMAGE_1,
    versions: [version('2025-12-16', '2026-12-16', 'gpt-image-2')],
  },
  {
    name: 'gpt-image-1',
    family: 'gpt-image',
    operations: GPT_IMAGE_1,
    versions: [version('2025-04-15', '2026-10-23', 'gpt-image-2')],
  },
  {
    name: 'dall-e-3',
    family: 'dall-e',
    operations: { imageGeneration: dalle3 },
    versions: [version('3.0', '2026-03-04', 'gpt-image-2', DALLE_RETIREMENT)],
  },
  {
    name: 'gpt-4o-mini-transcribe',
    family: 'gpt-transcribe',
    operations: { transcription: gptTranscribe },
    versions: [version('2025-03-20', '2026-10-15', 'gpt-4o-mini-transcribe-2025-12-15'), version('2025-12-15', '2026-12-15')],
  },
  {
    name: 'gpt-4o-transcribe',
    family: 'gpt-transcribe',
    operations: { transcription: gptTranscribe },
    versions: [version('2025-03-20', '2026-10-15', 'gpt-4o-mini-transcribe-2025-12-15')],
  },
  {
    name: 'gpt-4o-transcribe-diarize',
    family: 'gpt-transcribe',
    operations: { transcription: gptDiarize },
    versions: [version('2025-10-15', '2026-10-15', 'gpt-4o-mini-transcribe-2025-12-15')],
  },
  {
    name: 'whisper',
    aliases: ['whisper-1'],
    family: 'whisper',
    operations: { transcription: whisperAudio, translation: whisperTranslation },
    versions: [version('001', '2026-12-15')],
  },
  {
    name: 'gpt-4o-mini-tts',
    family: 'gpt-tts',
    operations: { speech: gptSpeech },
    versions: [version('2025-03-20', '2026-10-15', 'gpt-4o-mini-tts-2025-12-15'), version('2025-12-15', '2026-12-15')],
  },
  {
    name: 'tts',
    aliases: ['tts-1'],
    family: 'tts',
    operations: { speech: classicSpeech },
    versions: [version('001', '2026-12-15', 'gpt-4o-mini-tts')],
  },
  {
    name: 'tts-hd',
    aliases: ['tts-1-hd'],
    family: 'tts',
    operations: { speech: classicSpeech },
    versions: [version('001', '2026-12-15', 'gpt-4o-mini-tts')],
  },
];

/**
 * What a name the catalog does not know gets when its family shows in it: the family's widest profile, so nothing
 * the service might take is refused here (the service's answer decides).
 */
export const FAMILY_PATTERNS: readonly { pattern: RegExp; family: ModelFamily; operations: ModelSpec['operations'] }[] = [
  {
    pattern: /^gpt-image-/i,
    family: 'gpt-image',
    // Any well-formed size: the family's newest members take custom sizes, and the service knows its own limits.
    operations: gptImage({ sizes: true, fidelity: true, transparent: true }),
  },
  {
    pattern: /transcribe/i,
    family: 'gpt-transcribe',
    operations: {
      transcription: {
        fields: { response_format: { values: ['json', 'text'] }, language: true, prompt: true, temperature: true, chunking_strategy: true },
      },
    },
  },
  { pattern: /tts/i, family: 'gpt-tts', operations: { speech: gptSpeech } },
  { pattern: /^whisper/i, family: 'whisper', operations: { transcription: whisperAudio, translation: whisperTranslation } },
];
