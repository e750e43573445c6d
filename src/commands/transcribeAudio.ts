import { AudioCommand } from './audioCommand';
import { CommandIds } from '../shared/commandIds';
import type { Command } from './commandManager';

/** Transcribe Audio File: explorer `(uri, selectedUris, options?)` or the palette; the transcript lands beside the audio. */
export class TranscribeAudioCommand extends AudioCommand implements Command {
  readonly id = CommandIds.transcribeAudio;
  protected readonly operation = 'transcription';
}
