import * as vscode from 'vscode';
import { modelSetting, OPERATION_SPECS, OPERATIONS, type OperationId } from '../core/catalog';
import { english, wordsOf, type Message } from '../core/messages';
import type { ConfigurationService } from './configuration';
import type { DiscoveryStore, SourcedNotice } from './discoveryStore';
import type { Log } from './log';
import { deploymentOf, modelOf } from '../core/settings';
import { originOf, type SecretStore } from './secrets';

/** An operation's deployment as the tooltip names it: the operation's title (the catalog's, in the bundle). */
const deploymentName = (op: OperationId): string => vscode.l10n.t(OPERATION_SPECS[op].title);

/** Models are flagged this many days before Azure retires them. */
const RETIREMENT_NOTICE_DAYS = 30;

/**
 * Shows which endpoint and which authentication are in use, and what is missing; a click opens the first-run
 * configuration. Follows setting and secret changes, including those made in another window. A configured model
 * that Azure has retired, or retires within 30 days, is named in the tooltip and logged once: quietly, no dialog.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private version = 0;
  /** The models whose lifecycle warning went to the log, in order: each once per session. */
  private readonly logged: string[] = [];

  constructor(
    private readonly config: ConfigurationService,
    private readonly secrets: SecretStore,
    command: string,
    private readonly store: DiscoveryStore,
    private readonly log?: Pick<Log, 'warn'>,
  ) {
    this.item = vscode.window.createStatusBarItem('azureOpenAIMedia.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('Azure OpenAI Media');
    this.item.command = command;
    this.disposables.push(this.item, config.onDidChange(() => void this.update()), secrets.onDidChange(() => void this.update()));
    this.disposables.push(store.onDidChange(() => void this.update()));
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
    const empty = OPERATIONS.filter((op) => !deploymentOf(cfg, op).trim()).map(deploymentName);
    if (empty.length) missing.push(vscode.l10n.t('deployments for {0}', empty.join(', ')));
    return missing;
  }

  /**
   * The models the configured deployments run (what the resource says, else azureOpenAIMedia.models.*) that are
   * retired or retiring: the date the service gave for that name and version, else the catalog's table; each says which.
   */
  lifecycle(today = new Date()): SourcedNotice[] {
    const cfg = this.config.value;
    const seen = new Set<string>();
    const notices: SourcedNotice[] = [];
    for (const op of OPERATIONS) {
      const deployment = deploymentOf(cfg, op).trim();
      const configured = modelSetting(op) ? modelOf(cfg, op).trim() : '';
      if (!deployment || (!configured && !this.store.runs(cfg.endpoint, deployment, '').listed)) continue;
      const notice = this.store.notice(cfg.endpoint, deployment, configured, today, RETIREMENT_NOTICE_DAYS);
      if (notice && !seen.has(`${notice.model} ${notice.retires}`)) {
        seen.add(`${notice.model} ${notice.retires}`);
        notices.push(notice);
      }
    }
    return notices;
  }

  /** The models whose warning went to the log, in the order they were logged, for tests. */
  get warnedModels(): string[] {
    return [...this.logged];
  }

  /** The tooltip's text, for tests. */
  get tooltipText(): string {
    return this.item.tooltip instanceof vscode.MarkdownString ? this.item.tooltip.value : String(this.item.tooltip ?? '');
  }

  async update(): Promise<void> {
    const version = ++this.version;
    const cfg = this.config.value;
    const missing = await this.missing();
    if (version !== this.version) return; // a newer update is on its way
    const origin = originOf(cfg.endpoint);
    const host = origin ? new URL(origin).host : vscode.l10n.t('not set up');
    const auth = cfg.authentication === 'apiKey' ? vscode.l10n.t('API key') : vscode.l10n.t('Entra ID');
    const icon = missing.length ? '$(warning)' : cfg.authentication === 'apiKey' ? '$(key)' : '$(account)';
    this.item.text = `${icon} ${vscode.l10n.t('Azure OpenAI: {0}', host)}`;
    this.item.backgroundColor = missing.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${vscode.l10n.t('Azure OpenAI Media Studio')}**\n\n`);
    // Each line one message with its values inside, so that a translation can order them.
    tooltip.appendMarkdown(`${vscode.l10n.t('Endpoint: {0}', `\`${origin || '—'}\``)}  \n`);
    tooltip.appendMarkdown(`${vscode.l10n.t('Authentication: {0}', auth)}  \n`);
    const deployments = OPERATIONS.map((op) => `${deploymentName(op)} \`${deploymentOf(cfg, op) || '—'}\``).join(', ');
    tooltip.appendMarkdown(`${vscode.l10n.t('Deployments: {0}', deployments)}\n\n`);
    const notices = this.lifecycle();
    for (const notice of notices) {
      tooltip.appendMarkdown(`$(history) ${lifecycleText(notice.sourced)}\n\n`);
      if (!this.logged.includes(notice.model)) {
        this.logged.push(notice.model);
        this.log?.warn(english(notice.sourced));
      }
    }
    tooltip.appendMarkdown(missing.length
      ? `$(warning) ${vscode.l10n.t('Missing: {0}. Click to set up.', missing.join('; '))}`
      : vscode.l10n.t('Click to change or check the setup.'));
    this.item.tooltip = tooltip;
    const missingText = missing.length ? `, ${vscode.l10n.t('Missing: {0}', missing.join('; '))}` : '';
    this.item.accessibilityInformation = { label: `${vscode.l10n.t('Azure OpenAI: {0}', host)}, ${auth}${missingText}` };
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The notice in the display language, worded as services/errorText.ts words every core message. */
function lifecycleText(notice: Message): string {
  return wordsOf(notice, (message, args) => vscode.l10n.t(message, args));
}
