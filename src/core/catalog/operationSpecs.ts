// What each operation is, written once: its route and body, the settings that name its deployment and model, the
// model it always runs on where there is only one, how it is called in titles and sentences, and what it takes and
// gives. Every table that used to translate between an operation and one of these (the connection check's paths, the
// Studio's settings, validation's sentences, the README's titles) reads this one.

export interface OperationSpec {
  /** The route after `/openai/deployments/{deployment}/` (dated) or `/openai/v1/`. */
  readonly path: string;
  /** How the request's body is sent. */
  readonly body: 'multipart' | 'json';
  /**
   * The key of its settings, as package.json names them: `deployments.<key>`, `models.<key>` and the options section
   * `<key>.*`. It differs from the id only for image generation (`image`), whose settings users already have.
   */
  readonly settingKey: string;
  /** The one model that does it, where there is only one: no `models.*` setting names it then. */
  readonly fixedModel?: string;
  /** The deployment name a fresh install proposes (docs/MODELS.md). */
  readonly defaultDeployment: string;
  /** The model a fresh install proposes (absent with a fixed model). */
  readonly defaultModel?: string;
  /** In titles and tables: "Image generation". */
  readonly title: string;
  /** In a sentence that lists operations (Configure's plan): "transcription (speech to text)". */
  readonly phrase: string;
  /** In a setting's description: "the image deployment". */
  readonly noun: string;
  /** What it does, in the core's sentences ("{model} cannot generate images"): a catalog word, in the l10n bundle. */
  readonly verb: string;
  /** Its codicon, wherever an operation is shown with one (the Studio's History, the Azure OpenAI view). */
  readonly icon: string;
  /** How the `models.*` setting's description says an unknown name is treated (package.nls.json); '' for none. */
  readonly familyHint: string;
  /** What it takes and what it gives back. */
  readonly input: 'audio' | 'text' | 'image';
  readonly answer: 'text' | 'audio' | 'image';
}

const SPECS = {
  transcription: {
    path: 'audio/transcriptions', body: 'multipart', settingKey: 'transcription',
    defaultDeployment: 'gpt-4o-mini-transcribe', defaultModel: 'gpt-4o-mini-transcribe',
    title: 'Transcription', phrase: 'transcription (speech to text)', noun: 'transcription', verb: 'transcribe audio', icon: 'mic',
    familyHint: 'a name with `transcribe` in it is treated as a gpt-4o transcribe model', input: 'audio', answer: 'text',
  },
  translation: {
    // Translation runs on whisper, the one model that translates.
    path: 'audio/translations', body: 'multipart', settingKey: 'translation', fixedModel: 'whisper',
    defaultDeployment: 'whisper',
    title: 'Translation to English',
    phrase: 'translation to English (a whisper deployment)', noun: 'translation', verb: 'translate audio', icon: 'globe',
    familyHint: '', input: 'audio', answer: 'text',
  },
  speech: {
    path: 'audio/speech', body: 'json', settingKey: 'speech',
    defaultDeployment: 'gpt-4o-mini-tts', defaultModel: 'gpt-4o-mini-tts',
    title: 'Speech', phrase: 'speech (text to speech)', noun: 'speech', verb: 'speak text', icon: 'unmute',
    familyHint: 'a name with `tts` in it is treated as a gpt-4o-mini-tts model', input: 'text', answer: 'audio',
  },
  imageGeneration: {
    path: 'images/generations', body: 'json', settingKey: 'image',
    defaultDeployment: 'gpt-image-2', defaultModel: 'gpt-image-2',
    title: 'Image generation', phrase: 'image generation', noun: 'image', verb: 'generate images', icon: 'sparkle',
    familyHint: 'a `gpt-image-*` name is treated as a GPT image model', input: 'text', answer: 'image',
  },
  imageEdit: {
    path: 'images/edits', body: 'multipart', settingKey: 'imageEdit',
    defaultDeployment: 'gpt-image-2', defaultModel: 'gpt-image-2',
    title: 'Image editing', phrase: 'image editing', noun: 'image-edit', verb: 'edit images', icon: 'wand',
    familyHint: 'a `gpt-image-*` name is treated as a GPT image model', input: 'image', answer: 'image',
  },
} as const satisfies Readonly<Record<string, OperationSpec>>;
type Specs = typeof SPECS;

/** The operations, by the id every layer names them with: the keys of this table. */
export type OperationId = keyof Specs;

/** Each operation's row, typed with its own literals so the types below follow the table. */
export const OPERATION_SPECS: { readonly [K in OperationId]: OperationSpec & Specs[K] } = SPECS;

/** An operation's route (`audio/transcriptions`, …), from the table: core/endpoint.ts builds URLs from it. */
export type OperationPath = Specs[OperationId]['path'];
/** The keys of the `deployments.*` settings and option sections, one per operation. */
export type SettingKey = Specs[OperationId]['settingKey'];
/** The keys of the `models.*` settings: every operation's but those with a fixed model. */
export type ModelSettingKey = { [K in OperationId]: Specs[K] extends { fixedModel: string } ? never : Specs[K]['settingKey'] }[OperationId];

/** The settings section; every setting id is `azureOpenAIMedia.<key>`. */
export const SETTINGS_SECTION = 'azureOpenAIMedia';

/** A setting's full id from its key in the section (`deployments.image` → `azureOpenAIMedia.deployments.image`). */
export function settingId(key: string): string {
  return `${SETTINGS_SECTION}.${key}`;
}

/** The setting naming the operation's deployment, without the section. */
export function deploymentSetting(operation: OperationId): string {
  return `deployments.${OPERATION_SPECS[operation].settingKey}`;
}

/** The setting naming the model behind the deployment, without the section; undefined with a fixed model. */
export function modelSetting(operation: OperationId): string | undefined {
  const spec = OPERATION_SPECS[operation];
  return spec.fixedModel ? undefined : `models.${spec.settingKey}`;
}
