// Authentication: an `api-key` header, or `Authorization: Bearer` from a TokenCredential fetched for every request.
import type { TokenCredential } from '@azure/core-auth';
import { MediaApiError } from './errors';
import { messageOf, msg } from './messages';

export const DEFAULT_SCOPE = 'https://cognitiveservices.azure.com/.default';

export type AuthProvider =
  | { type: 'apiKey'; getKey(): Promise<string> }
  | { type: 'entraId'; credential: TokenCredential; scope?: string };

export interface AppliedAuth {
  kind: 'apiKey' | 'bearer';
  headers: Record<string, string>;
  /** The secret in use, so that it can be scrubbed from anything logged or thrown. */
  secret: string;
}


/**
 * The headers for one attempt. `refresh` is set for the single retry after a 401: the credential is asked again
 * (credentials that cache hand out a new token once the old one is gone or refused).
 */
export async function applyAuth(auth: AuthProvider, signal: AbortSignal | undefined, refresh = false): Promise<AppliedAuth> {
  if (auth.type === 'apiKey') {
    let key: string;
    try {
      key = (await auth.getKey())?.trim() ?? '';
    } catch (err) {
      throw new MediaApiError('auth', msg('auth.keyUnreadable', { reason: messageOf(err) }), {
        setting: 'apiKey',
        cause: err,
      });
    }
    if (!key) {
      throw new MediaApiError('auth', msg('auth.noKey'), {
        setting: 'apiKey',
      });
    }
    return { kind: 'apiKey', headers: { 'api-key': key }, secret: key };
  }
  const scope = auth.scope?.trim() || DEFAULT_SCOPE;
  let token: Awaited<ReturnType<TokenCredential['getToken']>>;
  try {
    token = await auth.credential.getToken(scope, { abortSignal: signal });
  } catch (err) {
    if (signal?.aborted) throw new MediaApiError('cancelled', msg('cancelled.request'), { cause: err });
    throw new MediaApiError(
      'auth',
      msg(refresh ? 'auth.noTokenRefresh' : 'auth.noToken', { scope, reason: messageOf(err) }),
      { setting: 'entraId', cause: err },
    );
  }
  if (!token?.token) {
    throw new MediaApiError(
      'auth',
      msg('auth.emptyToken', { scope }),
      { setting: 'entraId' },
    );
  }
  return { kind: 'bearer', headers: { authorization: `Bearer ${token.token}` }, secret: token.token };
}

/** Replaces every occurrence of the given secrets in `text`. */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('***');
  }
  return out;
}
