import * as vscode from 'vscode';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { AuthProvider } from '../core/auth';
import { MediaApiError } from '../core/errors';
import { messageOf } from '../core/messages';
import { isWellKnownTokenOrigin, originOf, tokenConsentKey } from '../core/hosts';
import type { MediaConfiguration } from './configuration';
import type { Log } from './log';
import type { SecretStore } from './secrets';

export const DEFAULT_SCOPE = 'https://cognitiveservices.azure.com/.default';
const PUBLIC_AUTHORITY = 'login.microsoftonline.com';

const TRUSTED_ORIGINS_KEY = 'azureOpenAIMedia.entraTrustedOrigins';

/**
 * A `TokenCredential` over VS Code's own Microsoft sign-in, falling back to `@azure/identity`'s developer
 * credentials (Azure CLI, azd, environment, managed identity…) where VS Code has no account, and only then asking
 * the user to sign in. Tokens are fetched per request; VS Code refreshes sessions that are about to expire.
 */
export class VSCodeEntraCredential implements TokenCredential {
  private fallback: TokenCredential | undefined;

  constructor(
    private readonly settings: MediaConfiguration['entra'],
    private readonly log: Log,
    private readonly createFallback: () => TokenCredential = () =>
      // Loaded here, on the first token that VS Code's own sign-in cannot give: esbuild maps '@azure/identity' to the
      // separate bundle ./identity.js (esbuild.mjs), so API-key users never load it. Synchronous, as the factory is.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      new (require('@azure/identity') as typeof import('@azure/identity')).DefaultAzureCredential({
        tenantId: settings.tenantId || undefined,
        // Resource Manager's listings ask each directory for a token of its own.
        additionallyAllowedTenants: ['*'],
        authorityHost: settings.authorityHost ? authorityUrl(settings.authorityHost) : undefined,
      }),
    /** false: never ask the user to sign in (background reads); no token then is an error. */
    private readonly interactive = true,
  ) {}

  /** `microsoft` for the public cloud, `microsoft-sovereign-cloud` when another authority is configured. */
  get providerId(): string {
    const host = this.settings.authorityHost ? hostOf(authorityUrl(this.settings.authorityHost)) : PUBLIC_AUTHORITY;
    return host === PUBLIC_AUTHORITY ? 'microsoft' : 'microsoft-sovereign-cloud';
  }

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    const requested = (Array.isArray(scopes) ? scopes : [scopes]).filter(Boolean);
    const vscodeScopes = [...(requested.length ? requested : [this.settings.scope || DEFAULT_SCOPE])];
    // Resource Manager asks per directory (options.tenantId); the data plane signs in to the configured one.
    const tenant = options?.tenantId || this.settings.tenantId;
    if (tenant) vscodeScopes.push(`VSCODE_TENANT:${tenant}`);

    const silent = await this.session(vscodeScopes, { silent: true });
    if (silent) return toAccessToken(silent.accessToken);

    try {
      this.fallback ??= this.createFallback();
      const token = await this.fallback.getToken(requested, options);
      if (token) {
        this.log.info('Entra ID: using a token from @azure/identity (no VS Code Microsoft account was signed in).');
        return token;
      }
    } catch (err) {
      this.log.info(`Entra ID: developer credentials unavailable (${firstLine(err)}); asking VS Code to sign in.`);
    }

    if (!this.interactive) {
      throw new MediaApiError('auth', vscode.l10n.t('Sign in with a Microsoft account to use Entra ID.'), { setting: 'entraId' });
    }
    const interactive = await this.session(vscodeScopes, { createIfNone: true });
    if (!interactive) {
      throw new MediaApiError('auth', vscode.l10n.t('Sign in with a Microsoft account to use Entra ID.'), { setting: 'entraId' });
    }
    return toAccessToken(interactive.accessToken);
  }

  private async session(
    scopes: string[],
    options: vscode.AuthenticationGetSessionOptions,
  ): Promise<vscode.AuthenticationSession | undefined> {
    try {
      return await vscode.authentication.getSession(this.providerId, scopes, options);
    } catch (err) {
      if (options.silent) {
        this.log.trace(`Entra ID: no silent VS Code session (${firstLine(err)}).`);
        return undefined;
      }
      throw new MediaApiError('auth', vscode.l10n.t('Microsoft sign-in did not complete.'), { setting: 'entraId', cause: err });
    }
  }
}

/**
 * Builds the client's `AuthProvider` from settings and secrets, and makes sure what it needs exists before a request
 * starts (asking for a missing key in a password box that names the origin it will be sent to).
 */
export class AuthService {
  private credential: { key: string; value: VSCodeEntraCredential } | undefined;

  constructor(
    private readonly secrets: SecretStore,
    private readonly globalState: vscode.Memento,
    private readonly log: Log,
  ) {}

  /** Ensures a key (apiKey) or a trusted token origin (entraId) is there. Returns false when the user declined. */
  async ensureReady(config: MediaConfiguration): Promise<boolean> {
    const origin = originOf(config.endpoint);
    if (!origin) return true; // the client's endpoint validation reports this with the setting to fix
    if (config.authentication === 'apiKey') {
      if (await this.secrets.get('apiKey', origin)) return true;
      return (await this.promptForKey(origin)) !== undefined;
    }
    return this.confirmTokenOrigin(origin, config.entra.scope || DEFAULT_SCOPE);
  }

  /** The client's auth for the current settings. The key is read per request, never kept in a field. */
  provider(config: MediaConfiguration): AuthProvider {
    const origin = originOf(config.endpoint);
    if (config.authentication === 'apiKey') {
      return {
        type: 'apiKey',
        getKey: async () => {
          const key = await this.secrets.get('apiKey', origin);
          if (!key) {
            throw new MediaApiError('auth', vscode.l10n.t('No API key is set for {0}.', origin || config.endpoint), {
              setting: 'apiKey',
            });
          }
          return key;
        },
      };
    }
    const cacheKey = JSON.stringify(config.entra);
    if (this.credential?.key !== cacheKey) {
      this.credential = { key: cacheKey, value: new VSCodeEntraCredential(config.entra, this.log) };
    }
    return { type: 'entraId', credential: this.credential.value, scope: config.entra.scope || DEFAULT_SCOPE };
  }

  /** Asks for the key of `origin` in a password box and stores it (unless `store` is false: Configure stores on confirming). */
  async promptForKey(origin: string, store = true): Promise<string | undefined> {
    const key = await vscode.window.showInputBox({
      title: vscode.l10n.t('Azure OpenAI API Key'),
      prompt: vscode.l10n.t('The key of {0}. It is stored in VS Code\'s secret storage and only ever sent to this origin.', origin),
      password: true,
      ignoreFocusOut: true,
      placeHolder: vscode.l10n.t('Paste the key from the Azure portal (Keys and Endpoint)'),
      validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('The key cannot be empty.')),
    });
    if (key === undefined) return undefined;
    if (!store) return key.trim();
    await this.secrets.store('apiKey', origin, key.trim());
    this.log.info(`API key stored for ${origin}.`);
    return key.trim();
  }

  /**
   * Asks once per origin and scope before an Entra token goes to a host Microsoft does not run for Azure OpenAI. The
   * user's own azureOpenAIMedia.entra.trustedOrigins (application scope: no workspace can set it) are trusted for the
   * default scope only.
   */
  async confirmTokenOrigin(origin: string, scope = DEFAULT_SCOPE): Promise<boolean> {
    if (isWellKnownTokenOrigin(origin)) return true;
    const listed = vscode.workspace.getConfiguration('azureOpenAIMedia').inspect<string[]>('entra.trustedOrigins')?.globalValue;
    if (scope.trim() === DEFAULT_SCOPE && Array.isArray(listed) && listed.some((o) => originOf(String(o)) === origin)) return true;
    const key = tokenConsentKey(origin, scope);
    const trusted = this.globalState.get<string[]>(TRUSTED_ORIGINS_KEY, []);
    if (trusted.includes(key)) return true;
    const allow = vscode.l10n.t('Send Token');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} is not an Azure OpenAI host. Send your Microsoft Entra ID token for {1} to it?', origin, scope),
      {
        modal: true,
        detail: vscode.l10n.t('Only do this for an API gateway you trust. You will not be asked again for this origin and scope.'),
      },
      allow,
    );
    if (answer !== allow) return false;
    await this.globalState.update(TRUSTED_ORIGINS_KEY, [...trusted, key]);
    return true;
  }
}

function authorityUrl(value: string): string {
  return /^https?:\/\//i.test(value) ? value : `https://${value}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** A VS Code session gives only the token; its expiry is the JWT's `exp` claim (or a conservative hour). */
function toAccessToken(token: string): AccessToken {
  let expiresOnTimestamp = Date.now() + 55 * 60 * 1000;
  const payload = token.split('.')[1];
  if (payload) {
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
      if (typeof claims.exp === 'number') expiresOnTimestamp = claims.exp * 1000;
    } catch {
      // not a JWT: keep the conservative expiry
    }
  }
  return { token, expiresOnTimestamp };
}

/** An error's first line, for a log line of its own. */
function firstLine(err: unknown): string {
  return messageOf(err).split('\n')[0];
}
