// The command line's configuration: the environment a CI job sets, a VS Code settings file (--settings), flags for
// deployments and models. Keys come from the environment or a hidden prompt only: never a flag (shell history), never
// printed.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { AuthProvider } from '../core/auth';
import { deploymentSetting, modelSetting, OPERATION_SPECS, SETTINGS_SECTION as SECTION, type OperationId } from '../core/catalog';
import { normalizeEndpoint } from '../core/endpoint';
import { english } from '../core/messages';
import { configurationFrom, type MediaConfiguration } from '../core/settings';
import { MediaApiError } from '../core/errors';

/** A mistake in how the tool was called: exit code 2, with a sentence that says what to set. */
export class UsageError extends Error {}

/** A settings file is a few KB; anything far larger is not one. */
const MAX_SETTINGS_BYTES = 1024 * 1024;

export interface ConfigInput {
  settings?: string;
  deployment?: string;
  model?: string;
  apiVersion?: string;
}

/**
 * The settings for one operation: a settings file's `azureOpenAIMedia.*` values, then the environment, then flags.
 * Relative paths of the settings (outputFolder, knownSpeakers) resolve against `root`: the workspace of the settings
 * file (the folder holding its `.vscode`), else the current folder.
 */
export function loadConfiguration(
  input: ConfigInput,
  operation: OperationId,
  env: NodeJS.ProcessEnv = process.env,
): { cfg: MediaConfiguration; root: string } {
  const values = input.settings ? readSettingsFile(input.settings) : {};
  const set = (key: string, value: string | undefined): void => {
    if (value !== undefined && value.trim() !== '') values[key] = value.trim();
  };
  set('endpoint', env.AZURE_OPENAI_ENDPOINT);
  set('apiVersion', env.AZURE_OPENAI_API_VERSION);
  set('apiVersion', input.apiVersion);
  const envName = envKey(operation);
  set(deploymentSetting(operation), env[`AZURE_OPENAI_DEPLOYMENT_${envName}`]);
  set(deploymentSetting(operation), input.deployment);
  const model = modelSetting(operation);
  if (model) {
    set(model, env[`AZURE_OPENAI_MODEL_${envName}`]);
    set(model, input.model);
  }
  const cfg = configurationFrom((key) => values[key]);
  const root = input.settings ? workspaceOf(path.resolve(input.settings)) : process.cwd();
  return { cfg, root };
}

/**
 * What a user of the command line changes for a setting a sentence names (its `{setting}`): the flag and the
 * variable, which win over a --settings file. Undefined for settings the command line takes from the file only.
 */
export function cliSettingName(setting: string): string | undefined {
  const [section, group, key] = setting.split('.');
  if (section !== SECTION) return undefined;
  if (group === 'endpoint') return 'AZURE_OPENAI_ENDPOINT';
  if (group === 'apiVersion') return '--api-version or AZURE_OPENAI_API_VERSION';
  const env = key && key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
  if (group === 'deployments' && env) return `--deployment or AZURE_OPENAI_DEPLOYMENT_${env}`;
  if (group === 'models' && env) return `--model or AZURE_OPENAI_MODEL_${env}`;
  return undefined;
}

/** The operation's part of its environment variables' names, from its settings key (`imageEdit` → `IMAGE_EDIT`). */
export function envKey(operation: OperationId): string {
  return OPERATION_SPECS[operation].settingKey.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}

/** Checks the endpoint before anything is read or sent; a missing or malformed one is a usage error. */
export function checkEndpoint(cfg: MediaConfiguration): void {
  if (!cfg.endpoint) {
    throw new UsageError('No endpoint is set. Set AZURE_OPENAI_ENDPOINT to your resource, e.g. https://my-resource.openai.azure.com ' +
      '(or azureOpenAIMedia.endpoint in the file given to --settings).');
  }
  try {
    normalizeEndpoint(cfg.endpoint);
  } catch (err) {
    if (MediaApiError.is(err) && err.messageId) throw new UsageError(english({ id: err.messageId, args: err.args ?? {} }));
    throw err;
  }
}

/** A VS Code settings file's values under azureOpenAIMedia, by key without the section (`speech.voice`). */
export function readSettingsFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    if (statSync(file).size > MAX_SETTINGS_BYTES) throw new UsageError(`${file} is larger than a settings file can be.`);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--settings ${file} cannot be read (${(err as Error).message}); give the path of a settings.json.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripJsonComments(text));
  } catch (err) {
    throw new UsageError(`--settings ${file} is not JSON with comments (${(err as Error).message}).`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`--settings ${file} is not a JSON object.`);
  const out: Record<string, unknown> = {};
  const prefix = `${SECTION}.`;
  for (const [key, value] of Object.entries(parsed)) {
    if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
    // VS Code also reads a section written as one object ("azureOpenAIMedia": { "speech.voice": … } or nested).
    else if (key === SECTION && value && typeof value === 'object') flatten(value as Record<string, unknown>, '', out);
  }
  return out;
}

function flatten(value: Record<string, unknown>, prefix: string, out: Record<string, unknown>): void {
  for (const [key, v] of Object.entries(value)) {
    const id = prefix + key;
    if (v && typeof v === 'object' && !Array.isArray(v) && !['requestHeaders', 'knownSpeakers', 'prices'].includes(key.split('.').pop()!)) {
      flatten(v as Record<string, unknown>, `${id}.`, out);
    } else {
      out[id] = v;
    }
  }
}

/** JSON with comments (VS Code's settings format): comments and trailing commas removed outside strings. */
export function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else {
      out += c;
    }
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

/** The workspace folder of a settings file: the folder holding `.vscode`, else the file's own folder. */
function workspaceOf(file: string): string {
  const folder = path.dirname(file);
  return path.basename(folder) === '.vscode' ? path.dirname(folder) : folder;
}

/**
 * How requests authenticate: AZURE_OPENAI_API_KEY; else Microsoft Entra ID through DefaultAzureCredential (a CI
 * job's federated or managed identity, `az login`) when asked for (--entra, or authentication entraId in the settings)
 * or when there is no terminal to ask on; else a key typed at a hidden prompt.
 */
export async function authFor(cfg: MediaConfiguration, entra: boolean, env: NodeJS.ProcessEnv = process.env): Promise<AuthProvider> {
  const key = env.AZURE_OPENAI_API_KEY?.trim();
  if (key && !entra) return { type: 'apiKey', getKey: () => Promise.resolve(key) };
  if (entra || cfg.authentication === 'entraId' || !process.stdin.isTTY) {
    const { DefaultAzureCredential } = await import('@azure/identity');
    const credential = new DefaultAzureCredential(cfg.entra.tenantId ? { tenantId: cfg.entra.tenantId } : {});
    return { type: 'entraId', credential, scope: cfg.entra.scope };
  }
  const typed = await promptHidden('Azure OpenAI API key (not shown; set AZURE_OPENAI_API_KEY to skip this): ');
  if (!typed) throw new UsageError('No API key was given. Set AZURE_OPENAI_API_KEY, or use --entra to sign in with Microsoft Entra ID.');
  return { type: 'apiKey', getKey: () => Promise.resolve(typed) };
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(value.trim());
          return;
        }
        if (ch === '\u0003') process.kill(process.pid, 'SIGINT');
        else if (ch === '\u007f') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
