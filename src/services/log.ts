import * as vscode from 'vscode';
import type { Logger } from '../core/types';

/**
 * The extension's one log channel ("Azure OpenAI Media"), behind the core's `Logger` shape so the client writes
 * its request ids, timings and retries here too. Never given a key: callers log origins and ids, not secrets.
 */
export class Log implements Logger, vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  constructor(name: string) {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  trace(message: string): void {
    this.channel.trace(message);
  }
  info(message: string): void {
    this.channel.info(message);
  }
  warn(message: string): void {
    this.channel.warn(message);
  }
  error(message: string | Error): void {
    this.channel.error(message);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
