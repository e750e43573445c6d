import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { request, type Dispatcher } from 'undici';
import { applyAuth } from '../core/auth';
import { OPERATION_SPECS, OPERATIONS, type OperationId } from '../core/catalog';
import { isV1Route, operationUrl } from '../core/endpoint';
import { MediaApiError } from '../core/errors';
import { msg } from '../core/messages';
import type { AuthService } from './auth';
import type { ClientProvider } from './clientProvider';
import type { MediaConfiguration } from './configuration';
import type { Log } from './log';
import { deploymentOf } from '../core/settings';
import { createDispatcher, readProxySettings } from './proxy';

export type CheckStatus = 'ok' | 'notFound' | 'unauthorized' | 'forbidden' | 'unreachable' | 'unexpected' | 'notConfigured';

export interface CheckResult {
  operation: OperationId;
  deployment: string;
  status: CheckStatus;
  detail: string;
}

/**
 * The body of the check. On the deployments route the path names the deployment and `{}` is enough. On the v1 route
 * the body's `model` names it, so the body carries only that, in the operation's own content type (the service must
 * read the body to route it).
 */
function checkBody(operation: OperationId, deployment: string, v1: boolean): { body: string; contentType: string } {
  if (!v1) return { body: '{}', contentType: 'application/json' };
  if (OPERATION_SPECS[operation].body === 'json') return { body: JSON.stringify({ model: deployment }), contentType: 'application/json' };
  const boundary = `----aoai-media-check-${randomUUID()}`;
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="model"\r\n\r\n${deployment}\r\n--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Checks the settings without spending anything: each deployment gets a deliberately incomplete request (no prompt,
 * audio or image). A 400 means the endpoint, the credentials and the deployment are all right (only the body was
 * refused); 401/403/404 name what is wrong. Works on both routes (see `checkBody`).
 */
export class ConnectionCheck {
  constructor(
    private readonly auth: AuthService,
    private readonly clients: ClientProvider,
    private readonly log: Log,
  ) {}

  async run(config: MediaConfiguration, signal?: AbortSignal): Promise<CheckResult[]> {
    const { dispatcher } = createDispatcher(config.endpoint, readProxySettings());
    const applied = await applyAuth(this.auth.provider(config), signal);
    const headers = { ...(await this.clients.requestHeaders(config)), ...applied.headers };
    const results: CheckResult[] = [];
    try {
      for (const operation of OPERATIONS) {
        const deployment = deploymentOf(config, operation);
        if (!deployment) {
          results.push({ operation, deployment, status: 'notConfigured', detail: vscode.l10n.t('no deployment set') });
          continue;
        }
        results.push(await this.checkOne(config, operation, deployment, headers, dispatcher, signal));
      }
    } finally {
      await dispatcher?.close().catch(() => undefined);
    }
    for (const r of results) this.log.info(`check: ${r.operation} (${r.deployment || '-'}): ${r.status} ${r.detail}`);
    return results;
  }

  private async checkOne(
    config: MediaConfiguration,
    operation: OperationId,
    deployment: string,
    headers: Record<string, string>,
    dispatcher: Dispatcher | undefined,
    signal: AbortSignal | undefined,
  ): Promise<CheckResult> {
    const url = operationUrl(config.endpoint, deployment, OPERATION_SPECS[operation].path, config.apiVersion);
    const { body, contentType } = checkBody(operation, deployment, isV1Route(config.apiVersion));
    try {
      const response = await request(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': contentType },
        body,
        dispatcher,
        signal,
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      });
      const text = await response.body.text();
      const code = serviceCode(text);
      const status = response.statusCode;
      if (status === 400 || status === 415 || status === 422) return { operation, deployment, status: 'ok',
        detail: vscode.l10n.t('reachable') };
      if (status === 401) return { operation, deployment, status: 'unauthorized', detail: code || String(status) };
      if (status === 403) return { operation, deployment, status: 'forbidden', detail: code || String(status) };
      if (status === 404) return { operation, deployment, status: 'notFound', detail: code || String(status) };
      return { operation, deployment, status: 'unexpected', detail: `${status}${code ? ` ${code}` : ''}` };
    } catch (err) {
      if (signal?.aborted) throw new MediaApiError('cancelled', msg('cancelled.operation'));
      return { operation, deployment, status: 'unreachable', detail: err instanceof Error ? err.message : String(err) };
    }
  }
}

function serviceCode(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code : '';
  } catch {
    return '';
  }
}
