// The page shell and its webview options: a strict CSP with a fresh nonce on every render, only our built assets,
// and resource roots limited to the page's own files and the output folder.

import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { readConfiguration } from '../services/configuration';
import type { StudioServices } from './handlers/context';

export function resourceRoots(extensionUri: vscode.Uri, services: StudioServices): vscode.Uri[] {
  const roots = [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      roots.push(services.output.folder(readConfiguration(folder.uri).outputFolder, folder));
    } catch {
      // an output folder setting that leaves its folder: the page gets bytes instead
    }
  }
  return roots;
}

export function webviewOptions(extensionUri: vscode.Uri, services: StudioServices): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: resourceRoots(extensionUri, services), enableFindWidget: true };
}

export function studioHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} blob:`,
    `media-src ${webview.cspSource} blob:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(asset('studio.css'))}">
<title>${escapeHtml(vscode.l10n.t('Azure OpenAI Studio'))}</title>
</head>
<body>
<div id="app" role="application" aria-busy="true"></div>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(asset('studio.js'))}"></script>
</body>
</html>`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
