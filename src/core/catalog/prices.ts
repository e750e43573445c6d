// List prices per model (USD), for estimates before a run and the cost of a run from its `usage`. Dated, with the
// source of each figure; Azure bills in the resource's currency at regional rates (Azure Retail Prices API), so these
// are guides, and a user can put in their own (azureOpenAIMedia.cost.prices). Details and disagreements between
// sources: docs/SPEAKERS-STREAMING-COST.md.

/** When the figures below were last checked against their sources. */
export const PRICES_CHECKED = '2026-11-30';

export interface TranscriptionPrice {
  kind: 'transcription';
  /** The per-minute figure the price pages give (what an estimate from the audio's length uses). */
  usdPerMinute: number;
  /** Per 1M tokens, for the actual cost from a `tokens` usage (gpt-4o models); whisper reports `duration`. */
  audioInPer1M?: number;
  textInPer1M?: number;
  textOutPer1M?: number;
  source: string;
}

export interface SpeechPrice {
  kind: 'speech';
  /** tts-1 / tts-1-hd bill characters. */
  usdPer1MCharacters?: number;
  /** gpt-4o-mini-tts bills tokens; the price pages give a per-minute estimate of spoken audio. */
  usdPerMinute?: number;
  source: string;
}

export type ImagePriceKey = 'low' | 'medium' | 'high' | 'standard' | 'hd';

export interface ImagePrice {
  kind: 'image';
  /** Per image, by quality, for a square image and for the model's larger (portrait/landscape) size. */
  perImage: Partial<Record<ImagePriceKey, { square: number; large: number }>>;
  /** Per 1M tokens, for the actual cost from `usage` (gpt-image models). */
  textInPer1M?: number;
  imageInPer1M?: number;
  imageOutPer1M?: number;
  /**
   * For a model priced by tokens only: how many image tokens one output image of a size and quality takes, so an
   * estimate is those tokens × `imageOutPer1M` (gpt-image-2; see IMAGE_TOKEN_RULE_GPT_IMAGE_2).
   */
  outputTokens?: ImageTokenRule;
  source: string;
}

/**
 * Output image tokens = ceil(q × s × (offset + w × h) / scale), where q is the quality's factor and
 * s = floor((2·q·short + long) / (2·long)) (q scaled by the aspect ratio, rounded to nearest).
 */
export interface ImageTokenRule {
  qualityFactors: Partial<Record<'low' | 'medium' | 'high', number>>;
  areaOffset: number;
  areaScale: number;
  source: string;
}

/**
 * gpt-image-2's rule. OpenAI documents no formula in prose; its image-generation guide has a calculator
 * (developers.openai.com/api/docs/guides/image-generation#size-and-quality-options) and this is the rule behind it, as
 * written out from the guide's script in community.openai.com/t/1382699 (2026). It reproduces the four figures the
 * calculator gives that were quoted in community.openai.com/t/1379464 (high: 1024x1024 7024, 1536x1024 5488,
 * 1792x1024 5063, 3584x2048 12329 tokens); docs/SPEAKERS-STREAMING-COST.md.
 */
export const IMAGE_TOKEN_RULE_GPT_IMAGE_2: ImageTokenRule = {
  qualityFactors: { low: 16, medium: 48, high: 96 },
  areaOffset: 2_000_000,
  areaScale: 4_000_000,
  source: 'the rule behind the calculator in OpenAI\'s image-generation guide (checked 2026-11-30)',
};

export type ModelPrice = TranscriptionPrice | SpeechPrice | ImagePrice;

const OPENAI_PRICING = 'OpenAI API pricing (developers.openai.com/api/docs/pricing), checked 2026-11-30';

const gpt4oTranscribe: TranscriptionPrice = {
  kind: 'transcription',
  usdPerMinute: 0.006,
  audioInPer1M: 6,
  textInPer1M: 2.5,
  textOutPer1M: 10,
  source: `${OPENAI_PRICING}; per-minute figure is OpenAI's estimate`,
};
const gpt4oMiniTranscribe: TranscriptionPrice = {
  kind: 'transcription',
  usdPerMinute: 0.003,
  audioInPer1M: 3,
  textInPer1M: 1.25,
  textOutPer1M: 5,
  source: `${OPENAI_PRICING}; per-minute figure is OpenAI's estimate`,
};
const gptImage1: ImagePrice = {
  kind: 'image',
  perImage: { low: { square: 0.011, large: 0.016 }, medium: { square: 0.042, large: 0.063 }, high: { square: 0.167, large: 0.25 } },
  textInPer1M: 5,
  imageInPer1M: 10,
  imageOutPer1M: 40,
  source: OPENAI_PRICING,
};

/**
 * Keyed by model name: the catalog's names (`whisper`, `tts`, `tts-hd`); cost.ts also finds a price by an alias or a
 * dated name through the catalog (`whisper-1`, `gpt-4o-mini-transcribe-2025-12-15`).
 */
export const PRICES: Readonly<Record<string, ModelPrice>> = {
  whisper: { kind: 'transcription', usdPerMinute: 0.006, source: `${OPENAI_PRICING}; Azure lists Whisper per hour` },
  'gpt-4o-transcribe': gpt4oTranscribe,
  'gpt-4o-transcribe-diarize': { ...gpt4oTranscribe, source: `${OPENAI_PRICING}; same rates as gpt-4o-transcribe` },
  'gpt-4o-mini-transcribe': gpt4oMiniTranscribe,
  tts: { kind: 'speech', usdPer1MCharacters: 15, source: OPENAI_PRICING },
  'tts-hd': { kind: 'speech', usdPer1MCharacters: 30, source: OPENAI_PRICING },
  'gpt-4o-mini-tts': { kind: 'speech', usdPerMinute: 0.015, source: `${OPENAI_PRICING}; per-minute figure is OpenAI's estimate` },
  'gpt-image-1': gptImage1,
  // Per-token only (no per-image list price): the estimate is the calculator's output tokens × the image-out rate.
  'gpt-image-2': { kind: 'image', perImage: {}, textInPer1M: 5, imageInPer1M: 8, imageOutPer1M: 30,
    outputTokens: IMAGE_TOKEN_RULE_GPT_IMAGE_2,
    source: 'OpenAI model page gpt-image-2 (as cited by theopenco/llmgateway#2059 and fal.ai); SERVICE-2026.md' },
  'gpt-image-1-mini': {
    kind: 'image',
    perImage: { low: { square: 0.005, large: 0.006 }, medium: { square: 0.011, large: 0.015 }, high: { square: 0.036, large: 0.052 } },
    textInPer1M: 2,
    imageInPer1M: 2.5,
    imageOutPer1M: 8,
    source: OPENAI_PRICING,
  },
  'dall-e-3': {
    kind: 'image',
    perImage: { standard: { square: 0.04, large: 0.08 }, hd: { square: 0.08, large: 0.12 } },
    source: `${OPENAI_PRICING} (dall-e-3 retired on Azure 2026-03-04)`,
  },
};
