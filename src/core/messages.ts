// The core's user-facing messages: an id of ./sentences.ts (where each sentence is written once) with named
// arguments. The core keeps the English (for the log and the tests); scripts/l10n-export.js puts every sentence into
// l10n/bundle.l10n.json, and the extension and the page word a message the same way (`wordsOf` with their own
// `l10n.t`), in the display language.
import { MESSAGES } from './sentences';

export { MESSAGES };

export type MessageId = keyof typeof MESSAGES;

/**
 * A word of the catalog (an option's label or description) used as an argument: the English bundle holds it as it is
 * (scripts/l10n-export.js), so the boundary looks the text itself up.
 */
export interface Term {
  readonly term: string;
}

export function term(text: string): Term {
  return { term: text };
}

export function isTerm(value: unknown): value is Term {
  return typeof value === 'object' && value !== null && typeof (value as Term).term === 'string';
}

/**
 * An argument is a value shown as it is (a name, a number, a list of values), another message put into words, a
 * catalog word, or a list of these (shown joined by ", ").
 */
export type MessageArg = string | number | Message | Term | readonly MessageArg[];

export interface Message {
  readonly id: MessageId;
  readonly args: Readonly<Record<string, MessageArg>>;
}

export function msg(id: MessageId, args: Record<string, MessageArg> = {}): Message {
  return { id, args };
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as Message).id === 'string' && (value as Message).id in MESSAGES;
}

/**
 * Puts a message into words with `translate`, which looks its English up and fills the `{name}` placeholders: the
 * extension passes `vscode.l10n.t`, the page `l10n.t` from @vscode/l10n (both read the same bundle, into which
 * scripts/l10n-export.js puts every sentence above), `english` none. Nested messages are worded first; a catalog
 * word is looked up as it is.
 */
export function wordsOf(m: Message, translate: Translate): string {
  const args: Record<string, string> = {};
  for (const [name, value] of Object.entries(m.args)) args[name] = argWords(value, translate);
  return translate(MESSAGES[m.id], args);
}

/** `vscode.l10n.t` and @vscode/l10n's `t` in the form wordsOf calls them. */
export type Translate = (message: string, args: Record<string, string>) => string;

function argWords(value: MessageArg, translate: Translate): string {
  if (isMessage(value)) return wordsOf(value, translate);
  if (isTerm(value)) return translate(value.term, {});
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return value.map((v) => argWords(v, translate)).join(', ');
}

/** Content-filter categories (Azure's names) in words: known ones by their message, others as Azure spells them. */
export function categoryWords(categories: readonly string[], translate: Translate): string {
  return argWords(categories.map(categoryArg), translate);
}

/** A content-filter category as the boundary names it: its message when Azure's name is a known one, else the name. */
export function categoryArg(name: string): MessageArg {
  const id = `category.${name}`;
  return id in MESSAGES ? msg(id as MessageId) : name.replace(/_/g, ' ');
}

/** The template filled in, untranslated. */
const fillOnly: Translate = (template, args) => template.replace(/\{(\w+)\}/g, (whole, name: string) => args[name] ?? whole);

/** The English sentence of a message: what `MediaApiError.message` holds and the log shows. */
export function english(m: Message): string {
  return wordsOf(m, fillOnly);
}

const WORDED = Symbol.for('azure-openai-media.WordedError');

/**
 * An error of the core that a user may see, other than the service's (MediaApiError): its sentence is a message, put
 * into words at the boundary (services/errorText.ts `errorText`, the page's wordsOf); `message` holds the English for the log.
 */
export class WordedError extends Error {
  constructor(
    readonly text: Message,
    options?: { cause?: unknown },
  ) {
    super(english(text), options);
    this.name = 'WordedError';
  }

  /** Marks every instance, so that `is` holds across bundles (as MediaApiError's brand does). */
  readonly [WORDED] = true;

  static is(value: unknown): value is WordedError {
    return typeof value === 'object' && value !== null && (value as { [WORDED]?: unknown })[WORDED] === true;
  }
}

/** An error's sentence as an argument of another message: its message when it has one, else its (English) text. */
export function reasonOf(err: unknown): MessageArg {
  if (WordedError.is(err)) return err.text;
  const carried = (err as { text?: unknown } | null)?.text;
  if (isMessage(carried)) return carried;
  return messageOf(err);
}

/** Any error's own text, as it is (English, or the words of Node or a file system): for the log. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
