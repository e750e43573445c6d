// The shapes of the catalog: plain, JSON-serialisable data (no functions, no classes), so the host can hand any part
// of it to the Studio page as it is.

import type { OperationId } from './operationSpecs';

/** The operations' ids: the keys of the table of operations (./operationSpecs.ts). */
export type { OperationId };

/** The dated `/openai/deployments/{name}/…?api-version=…` route, or the `/openai/v1/…` route. */
export type ApiSurface = 'dated' | 'v1';

/**
 * `enum`: one of `values`; `list`: several of `values` (free text without them, at most `max` entries); `number`/`integer`: from `min` to
 * `max`; `string`: text of at
 * most `max` characters matching `pattern`; `size`: `auto` or `WxH`, checked against the model's size rule.
 */
export type FieldKind = 'enum' | 'list' | 'number' | 'integer' | 'boolean' | 'string' | 'size';

export type FieldValue = string | number | boolean | readonly string[];

/** The value a field of the catalog holds, as a type: its values where it lists them (`enum`, `list`), else by kind. */
export type ValueOfField<F> = F extends { kind: 'enum'; values: readonly (infer V)[] }
  ? V
  : F extends { kind: 'list'; values: readonly (infer V)[] }
    ? V[]
    : F extends { kind: 'list' }
      ? string[]
      : F extends { kind: 'number' | 'integer' }
        ? number
        : F extends { kind: 'boolean' }
          ? boolean
          : string;

export interface FieldSpec {
  /** The property on the request object (src/core/types.ts). */
  readonly key: string;
  /** The name in the JSON body or multipart form (a list is sent as `wire[]`). */
  readonly wire: string;
  readonly kind: FieldKind;
  /** `enum`/`list`: every value the API knows; `size`: the sizes to suggest. */
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** `string` only: a JavaScript regular expression the whole value must match (an empty value is always allowed). */
  readonly pattern?: string;
  /** The extension's default: the setting's default where there is a setting. */
  readonly default?: FieldValue;
  /** What the service assumes when the field is absent: a setting at this value is not sent. */
  readonly apiDefault?: FieldValue;
  /** The setting holding the user's choice, without the `azureOpenAIMedia.` prefix (`speech.speed`). */
  readonly setting?: string;
  readonly label: string;
  /** One line, for a form's hint and the setting's description. */
  readonly description: string;
  /** Only these API surfaces take the field; absent: both. */
  readonly surfaces?: readonly ApiSurface[];
  /** The field is only sent with another field set to one of these values. */
  readonly requires?: { readonly key: string; readonly values: readonly (string | boolean)[] };
  /** Set by the host, not offered in a form (`response_format` of images). */
  readonly hostOnly?: boolean;
  /** `string` only: may span lines. */
  readonly multiline?: boolean;
  /** Rarely needed: a form offers it apart, under Advanced. */
  readonly advanced?: boolean;
}

/** gpt-image-2's rule: `auto` or `WxH` within these bounds. */
export interface SizeRule {
  readonly auto: boolean;
  readonly multipleOf: number;
  readonly maxEdge: number;
  /** Longest edge over shortest edge, at most. */
  readonly maxRatio: number;
  readonly minPixels: number;
  readonly maxPixels: number;
}

/** How a model narrows one field: `true` takes the field as the operation defines it. */
export type FieldRule =
  | true
  | {
      readonly values?: readonly string[];
      readonly min?: number;
      readonly max?: number;
      /** `size` fields: any size within this rule (the field's `values` are then suggestions). */
      readonly sizeRule?: SizeRule;
    };

export interface OperationLimits {
  /** The main text (an image prompt, the text to speak), in characters. */
  readonly maxInput?: number;
}

/** What a model does for one operation: the fields it takes (others are refused) and its limits. */
export interface OperationProfile {
  readonly fields: Readonly<Record<string, FieldRule>>;
  readonly limits?: OperationLimits;
}

export type ModelFamily = 'whisper' | 'gpt-transcribe' | 'tts' | 'gpt-tts' | 'dall-e' | 'gpt-image';

export interface Lifecycle {
  /** The day Azure retires it (YYYY-MM-DD); absent: none announced. */
  readonly retires?: string;
  /** What to deploy instead. */
  readonly replacement?: string;
  /** Where the date comes from. */
  readonly source: string;
}

export interface ModelVersion {
  readonly version: string;
  readonly lifecycle: Lifecycle;
}

export interface ModelSpec {
  /** Azure's model name (what the portal shows). */
  readonly name: string;
  /** Other names for the same model: OpenAI's (`whisper-1`) and older ones. */
  readonly aliases?: readonly string[];
  readonly family: ModelFamily;
  readonly operations: Readonly<Partial<Record<OperationId, OperationProfile>>>;
  /** Newest last; the bare name follows the newest. A dated name (`gpt-image-2-2026-04-21`) picks one. */
  readonly versions: readonly ModelVersion[];
}

/** Limits of an upload field. */
export interface FileSpec {
  readonly field: string;
  readonly extensions: readonly string[];
  readonly maxBytes: number;
  readonly maxCount?: number;
}
