import * as vscode from 'vscode';
import type { ConfigurationService } from './configuration';
import { originOf, type SecretStore } from './secrets';

/**
 * Shows which endpoint and which authentication are in use, and what is missing; a click opens the first-run
 * configuration. Follows setting and secret changes, including those made in another window.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private version = 0;

  constructor(
    private readonly config: ConfigurationService,
    private readonly secrets: SecretStore,
    command: string,
  ) {
    this.item = vscode.window.createStatusBarItem('azureOpenAIMedia.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('Azure OpenAI Media');
    this.item.command = command;
    this.disposables.push(this.item, config.onDidChange(() => void this.update()), secrets.onDidChange(() => void this.update()));
    void this.update();
  }

  /** The missing pieces, for the tooltip and for tests. */
  async missing(): Promise<string[]> {
    const cfg = this.config.value;
    const missing: string[] = [];
    const origin = originOf(cfg.endpoint);
    if (!cfg.endpoint) missing.push(vscode.l10n.t('the endpoint'));
    else if (!origin) missing.push(vscode.l10n.t('a valid endpoint URL'));
    if (origin && cfg.authentication === 'apiKey' && !(await this.secrets.get('apiKey', origin))) {
      missing.push(vscode.l10n.t('the API key'));
    }
    const empty = Object.entries(cfg.deployments).filter(([, d]) => !d.trim()).map(([op]) => op);
    if (empty.length) missing.push(vscode.l10n.t('deployments for {0}', empty.join(', ')));
    return missing;
  }

  async update(): Promise<void> {
    const version = ++this.version;
    const cfg = this.config.value;
    const missing = await this.missing();
    if (version !== this.version) return; // a newer update is on its way
    const origin = originOf(cfg.endpoint);
    const host = origin ? new URL(origin).host : vscode.l10n.t('not set up');
    const auth = cfg.authentication === 'apiKey' ? vscode.l10n.t('API key') : vscode.l10n.t('Entra ID');
    const symbol = missing.length ? '$(warning)' : cfg.authentication === 'apiKey' ? '$(key)' : '$(account)';
    this.item.text = `${symbol} ${vscode.l10n.t('Azure OpenAI')}: ${host}`;
    this.item.backgroundColor = missing.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${vscode.l10n.t('Azure OpenAI Media Studio')}**\n\n`);
    tooltip.appendMarkdown(`${vscode.l10n.t('Endpoint')}: \`${origin || '—'}\`  \n${vscode.l10n.t('Authentication')}: ${auth}  \n`);
    tooltip.appendMarkdown(
      `${vscode.l10n.t('Deployments')}: ${Object.entries(cfg.deployments).map(([op, d]) => `${op} \`${d || '—'}\``).join(', ')}\n\n`,
    );
    tooltip.appendMarkdown(missing.length
      ? `$(warning) ${vscode.l10n.t('Missing: {0}', missing.join('; '))}. ${vscode.l10n.t('Click to set up.')}`
      : vscode.l10n.t('Click to change or check the setup.'));
    this.item.tooltip = tooltip;
    const missingText = missing.length ? `, ${vscode.l10n.t('Missing: {0}', missing.join('; '))}` : '';
    this.item.accessibilityInformation = { label: `${vscode.l10n.t('Azure OpenAI')}: ${host}, ${auth}${missingText}` };
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
