import { CommandIds } from '../shared/commandIds';
import type { Command } from './commandManager';

/** Open Studio: shows the Studio panel (src/studio), creating it the first time. */
export class OpenStudioCommand implements Command {
  readonly id = CommandIds.openStudio;

  constructor(private readonly show: () => void | Thenable<void>) {}

  async execute(): Promise<boolean> {
    await this.show();
    return true;
  }
}
