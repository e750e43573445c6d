// Cost before and after a run: `estimate` from what the run will send (minutes of audio, characters, images ×
// quality × size), `actualCost` from the `usage` the service answers with. Prices come from catalog/prices.ts,
// with a user's own prices (azureOpenAIMedia.cost.prices) merged over them.
import { resolveModel } from './catalog';
import { PRICES, type ImagePrice, type ImagePriceKey, type ImageTokenRule, type ModelPrice } from './catalog/prices';
import { wavSeconds } from './speakers';

/** Characters of speech a minute at an ordinary speaking pace (about 15 a second), for per-minute speech prices. */
export const SPEECH_CHARACTERS_PER_MINUTE = 900;

export interface Cost {
  usd: number;
  /** How the figure was reached, for a tooltip or the log: "2.50 min × $0.006/min". */
  basis: string;
}

export type EstimateInput =
  | { operation: 'transcription' | 'translation'; seconds: number }
  | { operation: 'speech'; characters: number }
  | { operation: 'imageGeneration' | 'imageEdit'; n: number; quality?: string; size?: string };

export type PriceTable = Readonly<Record<string, ModelPrice>>;

const usd = (n: number): string => `$${n >= 1 ? n.toFixed(2) : String(Number(n.toPrecision(3)))}`;

/**
 * The built-in table with a user's entries merged over it. Entries must name a known `kind` and carry numbers;
 * returns the table and the keys that were ignored, so the caller can say which setting entries were not understood.
 */
export function mergePrices(user: unknown, base: PriceTable = PRICES): { prices: PriceTable; ignored: string[] } {
  const prices: Record<string, ModelPrice> = { ...base };
  const ignored: string[] = [];
  if (!user || typeof user !== 'object' || Array.isArray(user)) return { prices, ignored };
  for (const [model, entry] of Object.entries(user as Record<string, unknown>)) {
    if (!entry || typeof entry !== 'object') {
      ignored.push(model);
      continue;
    }
    const e = entry as Record<string, unknown>;
    const known = priceOf(model, base); // a user may write `whisper-1` for the table's `whisper`
    const kind = e.kind ?? known?.kind;
    const numbersOk = Object.entries(e).every(([k, v]) => k === 'kind' || k === 'source' || k === 'perImage' || (typeof v === 'number'
      && v >= 0));
    if ((kind !== 'transcription' && kind !== 'speech' && kind !== 'image') || !numbersOk) {
      ignored.push(model);
      continue;
    }
    const inherited = known?.kind === kind ? known : {};
    const perImage =
      kind === 'image' ? { ...((inherited as Partial<ImagePrice>).perImage ?? {}), ...((e.perImage as ImagePrice['perImage']) ?? {}) }
        : undefined;
    prices[model] = { ...inherited, ...e, kind, ...(perImage ? { perImage } : {}),
      source: 'your azureOpenAIMedia.cost.prices' } as ModelPrice;
  }
  return { prices, ignored };
}

/** The price of a model by its name, else by the catalog's name for it (an alias or a dated version). */
export function priceOf(model: string, prices: PriceTable = PRICES): ModelPrice | undefined {
  if (prices[model]) return prices[model];
  const known = resolveModel(model).known;
  return known ? prices[known] : undefined;
}

/** Gpt-image's "auto" quality renders as high, and dall-e-3's default is standard: estimate with those. */
function qualityKey(price: ImagePrice, quality: string | undefined): ImagePriceKey | undefined {
  const keys = Object.keys(price.perImage) as ImagePriceKey[];
  if (quality && keys.includes(quality as ImagePriceKey)) return quality as ImagePriceKey;
  if (quality === undefined || quality === 'auto') return keys.includes('high') ? 'high' : keys.includes('standard') ? 'standard'
    : undefined;
  return undefined;
}

/** The cost a run will have, or undefined when the table has no price that fits (an unknown model, say). */
export function estimate(model: string, input: EstimateInput, prices: PriceTable = PRICES): Cost | undefined {
  const price = priceOf(model, prices);
  if (!price) return undefined;
  switch (input.operation) {
    case 'transcription':
    case 'translation': {
      if (price.kind !== 'transcription') return undefined;
      const minutes = Math.max(0, input.seconds) / 60;
      return { usd: minutes * price.usdPerMinute, basis: `${minutes.toFixed(2)} min × ${usd(price.usdPerMinute)}/min` };
    }
    case 'speech': {
      if (price.kind !== 'speech') return undefined;
      const chars = Math.max(0, input.characters);
      if (price.usdPer1MCharacters !== undefined) {
        return { usd: (chars / 1e6) * price.usdPer1MCharacters, basis: `${chars} characters × ${usd(price.usdPer1MCharacters)}/1M` };
      }
      if (price.usdPerMinute !== undefined) {
        const minutes = chars / SPEECH_CHARACTERS_PER_MINUTE;
        return {
          usd: minutes * price.usdPerMinute,
          basis: `${chars} characters ≈ ${minutes.toFixed(2)} min of speech × ${usd(price.usdPerMinute)}/min`,
        };
      }
      return undefined;
    }
    case 'imageGeneration':
    case 'imageEdit': {
      if (price.kind !== 'image') return undefined;
      const n = Math.max(1, Math.floor(input.n));
      const images = n === 1 ? '1 image' : `${n} images`;
      const key = qualityKey(price, input.quality);
      const row = key ? price.perImage[key] : undefined;
      if (row) {
        // "auto" lets the model choose the size: estimate with the larger size so the figure is not too low.
        const square = input.size === '1024x1024';
        const each = square ? row.square : row.large;
        return { usd: n * each, basis: `${images} × ${key} × ${square ? '1024x1024' : input.size ?? 'auto'} × ${usd(each)}` };
      }
      return tokenEstimate(price, input.quality, input.size, n, images);
    }
  }
  return undefined;
}

/** The sizes "auto" may choose among, for an estimate that is not too low: the dearest of them is taken. */
const AUTO_SIZES = ['1024x1024', '1024x1536', '1536x1024'];

/** Image tokens of one output image of `width` × `height` at a quality, by a model's rule (catalog/prices.ts). */
export function imageOutputTokens(rule: ImageTokenRule, quality: 'low' | 'medium' | 'high', width: number, height: number): number
  | undefined {
  const q = rule.qualityFactors[quality];
  if (q === undefined || width <= 0 || height <= 0) return undefined;
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  const s = Math.floor((2 * q * short + long) / (2 * long));
  return Math.ceil((q * s * (rule.areaOffset + width * height)) / rule.areaScale);
}

/** A token-priced model's estimate: n × the rule's output tokens for the size and quality × the image-out rate. */
function tokenEstimate(price: ImagePrice, quality: string | undefined, size: string | undefined, n: number, images: string)
  : Cost | undefined {
  const rule = price.outputTokens;
  if (!rule || price.imageOutPer1M === undefined) return undefined;
  const q = quality === undefined || quality === 'auto' ? 'high' : quality;
  if (q !== 'low' && q !== 'medium' && q !== 'high') return undefined;
  const sizes = !size || size === 'auto' ? AUTO_SIZES : [size];
  let best: { size: string; tokens: number } | undefined;
  for (const candidate of sizes) {
    const m = /^(\d+)x(\d+)$/.exec(candidate);
    const tokens = m ? imageOutputTokens(rule, q, Number(m[1]), Number(m[2])) : undefined;
    if (tokens !== undefined && (!best || tokens > best.tokens)) best = { size: candidate, tokens };
  }
  if (!best) return undefined;
  const shown = !size || size === 'auto' ? `auto (≤ ${best.size})` : best.size;
  return {
    usd: (n * best.tokens * price.imageOutPer1M) / 1e6,
    basis: `${images} × ${q} × ${shown} ≈ ${best.tokens} image tokens each × ${usd(price.imageOutPer1M)}/1M`,
  };
}

/**
 * Why `estimate` gave nothing: the model has no price in the table (`unknown`), or its price does not fit these
 * options (`noFit`). `afterRun`: its answers carry usage the table can price, so the actual cost shows after the run.
 */
export function noEstimateReason(model: string, prices: PriceTable = PRICES): { why: 'unknown' | 'noFit'; afterRun: boolean } {
  const price = priceOf(model, prices);
  if (!price) return { why: 'unknown', afterRun: false };
  const afterRun = price.kind === 'image' ? price.imageOutPer1M !== undefined
    : price.kind === 'transcription';
  return { why: 'noFit', afterRun };
}

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

/**
 * The cost of a finished run from the `usage` in its answer (transcriptions: tokens or duration; gpt-image: tokens),
 * or undefined when the answer carried none or the table has no rate for it.
 */
export function actualCost(model: string, usage: unknown, prices: PriceTable = PRICES): Cost | undefined {
  const price = priceOf(model, prices);
  if (!price || !usage || typeof usage !== 'object') return undefined;
  const u = usage as Record<string, unknown>;
  if (price.kind === 'transcription') {
    if (u.type === 'duration') {
      const minutes = count(u.seconds) / 60;
      return { usd: minutes * price.usdPerMinute, basis: `${count(u.seconds)} s × ${usd(price.usdPerMinute)}/min` };
    }
    if (price.audioInPer1M === undefined || price.textOutPer1M === undefined) return undefined;
    const details = (u.input_token_details ?? {}) as Record<string, unknown>;
    const input = count(u.input_tokens);
    const audio = details.audio_tokens !== undefined ? count(details.audio_tokens) : input;
    const text = details.text_tokens !== undefined ? count(details.text_tokens) : Math.max(0, input - audio);
    const output = count(u.output_tokens);
    const value = (audio * price.audioInPer1M + text * (price.textInPer1M ?? 0) + output * price.textOutPer1M) / 1e6;
    return { usd: value, basis: `${audio} audio + ${text} text tokens in, ${output} out` };
  }
  if (price.kind === 'image') {
    if (price.imageOutPer1M === undefined) return undefined;
    const details = (u.input_tokens_details ?? {}) as Record<string, unknown>;
    const input = count(u.input_tokens);
    const image = count(details.image_tokens);
    const text = details.text_tokens !== undefined ? count(details.text_tokens) : Math.max(0, input - image);
    const output = count(u.output_tokens);
    const value = (text * (price.textInPer1M ?? 0) + image * (price.imageInPer1M ?? 0) + output * price.imageOutPer1M) / 1e6;
    return { usd: value, basis: `${text} text + ${image} image tokens in, ${output} image tokens out` };
  }
  return undefined;
}

/** Typical bit rates (kbit/s) of compressed audio, for a duration from a file's size when its header says nothing. */
const TYPICAL_KBPS: Record<string, number> = { mp3: 128, mpga: 128, mpeg: 128, m4a: 128, mp4: 128, ogg: 96, oga: 96, webm: 96, flac: 700,
  wav: 768 };

/** Seconds of audio: exact from a PCM WAV header, otherwise from the size at the format's typical bit rate. */
export function audioSecondsOf(head: Uint8Array, size: number, name: string): number {
  const wav = wavSeconds(head);
  if (wav !== undefined && head.length >= size) return wav;
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (b.length >= 32 && b.toString('latin1', 0, 4) === 'RIFF') {
    const byteRate = b.readUInt32LE(28);
    if (byteRate > 0) return Math.max(0, size - 44) / byteRate;
  }
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return (size * 8) / ((TYPICAL_KBPS[ext] ?? 128) * 1000);
}

/** "$0.012" for a figure a user reads. */
export function formatUsd(value: number): string {
  return usd(value);
}

/**
 * The confirm threshold when several settings give one (USD; 0 or less = never ask): the lowest positive value, so a
 * workspace can lower the user's threshold but not lift it or switch the question off.
 */
export function strictestLimit(values: ReadonlyArray<number | undefined>): number {
  const positive = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0);
  return positive.length ? Math.min(...positive) : 0;
}

/** The request fields an estimate reads: settings that set them decide what is spent (restricted in untrusted workspaces). */
export const COST_FIELDS = ['n', 'quality', 'size'] as const;
