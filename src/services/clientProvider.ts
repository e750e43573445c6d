import * as vscode from 'vscode';
import type { Dispatcher } from 'undici';
import { AzureOpenAIMediaClient, type ClientOptions, type FieldRefusals } from '../core/client';
import type { AuthService } from './auth';
import type { ConfigurationService, MediaConfiguration } from './configuration';
import type { Log } from './log';
import { createDispatcher, readProxySettings } from './proxy';
import { originOf, type SecretStore } from './secrets';
import { UserError } from './userError';

/** Headers a gateway setting may not set: they carry auth or framing the client owns. */
const RESERVED_HEADERS = new Set(['api-key', 'authorization', 'host', 'content-type', 'content-length', 'transfer-encoding', 'accept']);

export type ClientFactory = (options: ClientOptions) => AzureOpenAIMediaClient;

/**
 * Builds the client from the settings, the secrets and VS Code's proxy settings, and rebuilds it (closing the old
 * proxy agent) when any of them change.
 */
export class ClientProvider implements vscode.Disposable {
  private cached: { key: string; client: AzureOpenAIMediaClient; dispatcher?: Dispatcher } | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly config: ConfigurationService,
    private readonly auth: AuthService,
    private readonly secrets: SecretStore,
    private readonly log: Log,
    private readonly factory: ClientFactory = (options) => new AzureOpenAIMediaClient(options),
    /** What deployments of an endpoint refused before (services/deploymentDirectory.ts). */
    private readonly refusals?: (endpoint: string) => FieldRefusals,
  ) {
    this.disposables.push(
      config.onDidChange(() => this.invalidate()),
      secrets.onDidChange(() => this.invalidate()),
    );
  }

  /** Makes sure a key or a trusted token origin is there, asking the user when not. False when they declined. */
  async prepare(config: MediaConfiguration = this.config.value): Promise<boolean> {
    if (!config.endpoint) {
      throw new UserError(
        vscode.l10n.t('Set the endpoint of your Azure OpenAI resource first (for example https://NAME.openai.azure.com).'),
        'endpoint',
      );
    }
    return this.auth.ensureReady(config);
  }

  async client(config: MediaConfiguration = this.config.value): Promise<AzureOpenAIMediaClient> {
    const proxy = readProxySettings();
    const headers = await this.requestHeaders(config);
    const key = JSON.stringify([config.endpoint, config.apiVersion, config.authentication, config.entra, headers, proxy]);
    if (this.cached?.key === key) return this.cached.client;
    this.invalidate();
    const { dispatcher, description } = createDispatcher(config.endpoint, proxy);
    const client = this.factory({
      endpoint: config.endpoint,
      apiVersion: config.apiVersion,
      auth: this.auth.provider(config),
      logger: this.log,
      headers,
      dispatcher,
      refusals: this.refusals?.(config.endpoint),
    });
    this.log.info(
      `Client for ${originOf(config.endpoint) || config.endpoint} (api-version ${config.apiVersion}, ` +
        `${config.authentication === 'apiKey' ? 'API key' : 'Entra ID'}, ${description}` +
        `${Object.keys(headers).length ? `, extra headers: ${Object.keys(headers).join(', ')}` : ''}).`,
    );
    this.cached = { key, client, dispatcher };
    return client;
  }

  dispose(): void {
    this.invalidate();
    for (const d of this.disposables) d.dispose();
  }

  private invalidate(): void {
    const old = this.cached;
    this.cached = undefined;
    if (old?.dispatcher) void old.dispatcher.close().catch(() => undefined);
  }

  /** `requestHeaders` without reserved names, plus the gateway subscription key from secret storage. */
  async requestHeaders(config: MediaConfiguration): Promise<Record<string, string>> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(config.requestHeaders)) {
      if (RESERVED_HEADERS.has(name.toLowerCase())) {
        this.log.warn(`Ignoring the request header "${name}" from azureOpenAIMedia.requestHeaders: the extension sets it.`);
        continue;
      }
      headers[name] = value;
    }
    if (config.gatewayKeyHeader) {
      const gatewayKey = await this.secrets.get('gatewayKey', originOf(config.endpoint));
      if (gatewayKey) headers[config.gatewayKeyHeader] = gatewayKey;
      else this.log.warn(`No gateway key is stored for ${originOf(config.endpoint)}; "${config.gatewayKeyHeader}" is not sent.`);
    }
    return headers;
  }
}
