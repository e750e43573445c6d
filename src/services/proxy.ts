import * as vscode from 'vscode';
import { EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici';
import { matchesNoProxy, redactUrl } from '../core/hosts';

/** VS Code's network settings that decide how requests travel. */
export interface ProxySettings {
  proxy: string;
  strictSSL: boolean;
  noProxy: string[];
}

export function readProxySettings(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  return {
    proxy: (http.get<string>('proxy') ?? '').trim(),
    strictSSL: http.get<boolean>('proxyStrictSSL') ?? true,
    noProxy: http.get<string[]>('noProxy') ?? [],
  };
}

/**
 * The undici dispatcher for requests to `endpoint`: VS Code's `http.proxy` when set (unless `http.noProxy` names the
 * host), otherwise the usual `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` environment variables, otherwise undici's default.
 * `http.proxyStrictSSL: false` accepts the self-signed certificates that intercepting corporate proxies present.
 */
export function createDispatcher(
  endpoint: string,
  settings: ProxySettings,
  env: NodeJS.ProcessEnv = process.env,
): { dispatcher?: Dispatcher; description: string } {
  const tls = settings.strictSSL ? {} : { rejectUnauthorized: false };
  if (settings.proxy && !matchesNoProxy(endpoint, settings.noProxy)) {
    return {
      dispatcher: new ProxyAgent({ uri: settings.proxy, requestTls: tls, proxyTls: tls }),
      description: `proxy ${redactUrl(settings.proxy)} (http.proxy)`,
    };
  }
  const envProxy = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
  if (envProxy) {
    return {
      dispatcher: new EnvHttpProxyAgent({ connect: tls }),
      description: `proxy ${redactUrl(envProxy)} (environment)`,
    };
  }
  return { description: 'direct' };
}
