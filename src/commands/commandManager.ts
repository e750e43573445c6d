import type { CommandId } from '../shared/commandIds';
import type { ErrorBoundary } from './errorBoundary';

/** One command: its id and what it does. Arguments are whatever VS Code (or a test) passes. */
export interface Command {
  readonly id: CommandId;
  execute(...args: unknown[]): unknown;
}

/**
 * The commands' bodies by id, each run behind the one error boundary. VS Code registrations are made at activation
 * by src/extension.ts (ids only, so that activating loads none of this); they call `run`.
 */
export class CommandManager {
  private readonly commands = new Map<string, Command>();

  constructor(private readonly boundary: ErrorBoundary) {}

  add(command: Command): void {
    // Programming errors (the manifest test pairs ids and implementations), so not translated.
    if (this.commands.has(command.id)) throw new Error(`Command ${command.id} is registered twice.`);
    this.commands.set(command.id, command);
  }

  run(id: CommandId, args: unknown[]): Promise<unknown> {
    const command = this.commands.get(id);
    if (!command) return Promise.reject(new Error(`Command ${id} has no implementation.`));
    return this.boundary.run(id, () => command.execute(...args));
  }

  get ids(): string[] {
    return [...this.commands.keys()];
  }

  dispose(): void {
    this.commands.clear();
  }
}
