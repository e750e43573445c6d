import * as vscode from 'vscode';
import type { CommandId } from './commandIds';
import type { ErrorBoundary } from './errorBoundary';

/** One command: its id and what it does. Arguments are whatever VS Code (or a test) passes. */
export interface Command {
  readonly id: CommandId;
  execute(...args: unknown[]): unknown;
}

/** Registers commands, each behind the one error boundary, and disposes them together. */
export class CommandManager implements vscode.Disposable {
  private readonly registrations = new Map<string, vscode.Disposable>();

  constructor(private readonly boundary: ErrorBoundary) {}

  register(command: Command): vscode.Disposable {
    if (this.registrations.has(command.id)) throw new Error(`Command ${command.id} is registered twice.`);
    const registration = vscode.commands.registerCommand(command.id, (...args: unknown[]) =>
      this.boundary.run(command.id, () => command.execute(...args)),
    );
    this.registrations.set(command.id, registration);
    return registration;
  }

  get ids(): string[] {
    return [...this.registrations.keys()];
  }

  dispose(): void {
    for (const registration of this.registrations.values()) registration.dispose();
    this.registrations.clear();
  }
}
