import type { Log } from '../services/log';
import { CommandIds } from '../shared/commandIds';
import type { Command } from './commandManager';

/** Show Log: the extension's output channel, with request ids and timings (never a key). */
export class ShowLogCommand implements Command {
  readonly id = CommandIds.showLog;

  constructor(private readonly log: Log) {}

  execute(): void {
    this.log.show();
  }
}
