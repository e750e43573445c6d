// What a run will cost before it runs, priced as the run would be sent: the model and options from the settings, the
// caller's options over them (catalog requestOptions), the user's prices over the table (cost.ts). The extension's
// confirmations, the Studio's figures and the command line's --dry-run and --max-cost all ask here.
import { OPERATION_SPECS } from '../catalog';
import { mergePrices, estimate, noEstimateReason, type Cost, type PriceTable } from '../cost';
import { msg, type Message } from '../messages';
import { modelOf, type MediaConfiguration } from '../settings';
import type { Logger } from '../types';
import { optionsFor, type ImageEditOptions, type ImageOptions, type SpeechOptions } from './options';

/** What a run will be priced from: the audio's length, the text's characters, or the image options (× `runs` requests). */
export type EstimateRequest =
  | { operation: 'transcription' | 'translation'; seconds: number; model?: string }
  | { operation: 'speech'; characters: number; options?: Partial<SpeechOptions> }
  | { operation: 'imageGeneration'; options?: Partial<ImageOptions>; runs?: number }
  | { operation: 'imageEdit'; options?: Partial<ImageEditOptions>; runs?: number };

/** A run's estimate: the model it was priced for, and the cost or (in words) why there is none. */
export interface RunEstimate {
  model: string;
  cost?: Cost;
  /** Set when `cost` is not: why no estimate, for the user. */
  why?: string;
}

/** The price table with the user's azureOpenAIMedia.cost.prices merged over it. */
export function pricesOf(cfg: MediaConfiguration, log?: Logger): PriceTable {
  const { prices, ignored } = mergePrices(cfg.cost.prices);
  if (ignored.length) log?.warn(`azureOpenAIMedia.cost.prices: ignored entries that are not prices: ${ignored.join(', ')}.`);
  return prices;
}

/** The estimate of one run; `word` puts the reason for no estimate into the caller's language. */
export function estimateRun(
  cfg: MediaConfiguration, prices: PriceTable, input: EstimateRequest, word: (m: Message) => string,
): RunEstimate {
  let model: string;
  let cost: Cost | undefined;
  switch (input.operation) {
    case 'transcription':
    case 'translation':
      // A translation is priced as the one model that translates.
      model = OPERATION_SPECS[input.operation].fixedModel ?? input.model ?? modelOf(cfg, input.operation);
      cost = estimate(model, { operation: input.operation, seconds: input.seconds }, prices);
      break;
    case 'speech':
      model = input.options?.model ?? modelOf(cfg, 'speech');
      cost = estimate(model, { operation: 'speech', characters: input.characters }, prices);
      break;
    case 'imageGeneration':
    case 'imageEdit': {
      model = input.options?.model ?? modelOf(cfg, input.operation);
      const fields = optionsFor(cfg, input.operation, model, input.options ?? {});
      const n = (typeof fields.n === 'number' ? fields.n : 1) * Math.max(1, input.runs ?? 1);
      cost = estimate(model, { operation: input.operation, n, quality: fields.quality as string | undefined,
        size: fields.size as string | undefined }, prices);
      break;
    }
  }
  return cost ? { model, cost } : { model, why: word(whyNoEstimate(model, prices)) };
}

/** Why `model` has no estimate, in a sentence that says what the user can do. */
export function whyNoEstimate(model: string, prices: PriceTable): Message {
  const { why, afterRun } = noEstimateReason(model, prices);
  return msg('estimate.why', {
    first: msg(why === 'unknown' ? 'estimate.noPrice' : 'estimate.noPriceOptions', { model }),
    then: msg(afterRun ? 'estimate.afterRun' : 'estimate.addPrice'),
  });
}
