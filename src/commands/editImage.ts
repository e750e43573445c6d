import * as vscode from 'vscode';
import { isMaskName, maskName } from '../core/naming';
import type { ImageEditOptions, MediaService } from '../services/mediaService';
import type { WorkspaceOutput } from '../services/output';
import { UserError } from '../services/userError';
import { fileName, INPUT_EXTENSIONS } from '../services/workspaceFiles';
import { CommandIds } from '../shared/commandIds';
import type { Command } from './commandManager';
import { confirmCost } from './costConfirm';
import { notifyProtectedArea } from './protectedNotice';
import { withCancellableProgress } from './progress';
import { activeFile, explorerTargets, hasExtension, openOutput, pickWorkspaceFiles } from './targets';

export const MAX_EDIT_FILES = 5;

/** Options a test may pass as the third argument: the prompt, the mask (`null` for none) and edit options. */
export interface EditImageCommandOptions extends Partial<ImageEditOptions> {
  prompt?: string;
  mask?: vscode.Uri | null;
  open?: boolean;
}

/**
 * Edit Image with Prompt: on PNG/JPEG files in the explorer (or the active image, or a picker). Asks for the prompt
 * and for a mask (a NAME.mask.png beside the image is offered first); the result is saved beside the original.
 */
export class EditImageCommand implements Command {
  readonly id = CommandIds.editImage;

  constructor(
    private readonly media: MediaService,
    private readonly output: WorkspaceOutput,
  ) {}

  async execute(uri?: unknown, uris?: unknown, options?: EditImageCommandOptions): Promise<vscode.Uri[] | undefined> {
    let targets = explorerTargets(uri, uris);
    if (!targets.length) {
      const active = activeFile();
      if (active && hasExtension(active, INPUT_EXTENSIONS.image)) targets = [active];
    }
    if (!targets.length) {
      targets =
        (await pickWorkspaceFiles(INPUT_EXTENSIONS.image, {
          title: vscode.l10n.t('Edit Image with Prompt'),
          placeHolder: vscode.l10n.t('Choose the PNG or JPEG image to edit'),
          canPickMany: false,
          exclude: (u) => isMaskName(fileName(u)),
          empty: vscode.l10n.t('There are no PNG or JPEG images in this workspace.'),
        })) ?? [];
      if (!targets.length) return undefined;
    }
    const images = targets.filter((t) => hasExtension(t, INPUT_EXTENSIONS.image) && !isMaskName(fileName(t)));
    if (!images.length) throw new UserError(vscode.l10n.t('{0} is not a PNG or JPEG image.', fileName(targets[0])));
    if (images.length > MAX_EDIT_FILES) {
      throw new UserError(vscode.l10n.t('Select at most {0} images at a time ({1} were selected).', MAX_EDIT_FILES, images.length));
    }

    const { prompt: givenPrompt, mask: givenMask, open, ...editOptions } = options && typeof options === 'object' ? options
      : ({} as EditImageCommandOptions);
    const prompt =
      givenPrompt ??
      (await vscode.window.showInputBox({
        title: images.length === 1 ? vscode.l10n.t('Edit {0}', fileName(images[0])) : vscode.l10n.t('Edit {0} images', images.length),
        prompt: vscode.l10n.t('Describe the change (or, with a mask, what to paint in the transparent area).'),
        placeHolder: vscode.l10n.t('for example: add a red scarf'),
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('The prompt cannot be empty.')),
      }));
    if (!prompt?.trim()) return undefined;
    // One request per image: the estimate covers them all.
    if (!(await confirmCost(this.media, () => ({ operation: 'imageEdit', options: editOptions, runs: images.length })))) {
      return undefined;
    }

    const outputs: vscode.Uri[] = [];
    for (const image of images) {
      const mask = givenMask !== undefined ? (givenMask ?? undefined) : await this.askMask(image);
      if (mask === 'cancelled') return outputs.length ? outputs : undefined;
      const result = await withCancellableProgress(vscode.l10n.t('Editing {0}', fileName(image)), (signal) =>
        this.media.editImage(image, mask, prompt.trim(), editOptions, { signal }),
      );
      outputs.push(...result.outputs);
      notifyProtectedArea(this.media, result);
    }
    if (open !== false && outputs.length) await openOutput(outputs[0], true);
    return outputs;
  }

  /** The mask: NAME.mask.png first when it exists, then none, then any PNG chosen in a dialog. */
  private async askMask(image: vscode.Uri): Promise<vscode.Uri | undefined | 'cancelled'> {
    const beside = vscode.Uri.joinPath(image, '..', maskName(fileName(image)));
    type Item = vscode.QuickPickItem & { choice: 'beside' | 'none' | 'browse' };
    const items: Item[] = [];
    if (await this.output.exists(beside)) {
      items.push({ label: `$(file-media) ${fileName(beside)}`, description: vscode.l10n.t('the mask beside the image'), choice: 'beside' });
    }
    items.push(
      { label: `$(circle-slash) ${vscode.l10n.t('No mask')}`, description: vscode.l10n.t('the model decides what to change'),
        choice: 'none' },
      { label: `$(folder-opened) ${vscode.l10n.t('Choose a mask file…')}`,
        description: vscode.l10n.t('a PNG of the same size; transparent pixels mark the area to edit'), choice: 'browse' },
    );
    const picked = await vscode.window.showQuickPick(items,
      { title: vscode.l10n.t('Mask for {0}', fileName(image)), placeHolder: vscode.l10n.t('Use a mask?') });
    if (!picked) return 'cancelled';
    if (picked.choice === 'beside') return beside;
    if (picked.choice === 'none') return undefined;
    const chosen = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Choose a mask (PNG)'),
      defaultUri: vscode.Uri.joinPath(image, '..'),
      canSelectMany: false,
      filters: { [vscode.l10n.t('PNG images')]: ['png'] },
    });
    return chosen?.[0] ?? 'cancelled';
  }
}
