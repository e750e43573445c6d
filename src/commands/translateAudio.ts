import { AudioCommand } from './audioCommand';
import { CommandIds } from '../shared/commandIds';
import type { Command } from './commandManager';

/** Translate Audio File to English: like transcription, the English text lands beside the audio as NAME.en.EXT. */
export class TranslateAudioCommand extends AudioCommand implements Command {
  readonly id = CommandIds.translateAudio;
  protected readonly operation = 'translation';
}
