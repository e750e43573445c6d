import * as vscode from 'vscode';
import { formatShare, NOTICE_SHARE } from '../core/protect';
import { errorText } from '../services/errorText';
import type { ImagesOutcome, MediaService } from '../services/mediaService';
import { workspaceRelative } from '../services/output';
import { openOutput } from './targets';

/**
 * After a masked edit, says how much of the protected area changed when it is more than NOTICE_SHARE (or when the
 * composite was written), and offers "Keep the protected area" where the setting is `ask`. The notification is not
 * awaited: the command has finished, and a notification stays until the user closes it.
 */
export function notifyProtectedArea(media: MediaService, outcome: ImagesOutcome<vscode.Uri>): void {
  outcome.protectedArea?.forEach((result, n) => {
    if (!result || (result.figure.share <= NOTICE_SHARE && !result.kept)) return;
    const share = formatShare(result.figure.share);
    const answer = workspaceRelative(result.output);
    const keep = vscode.l10n.t('Keep the protected area');
    const open = vscode.l10n.t('Open');
    if (result.kept) {
      const kept = result.kept;
      void vscode.window.showInformationMessage(vscode.l10n.t(
        '{0} of the protected area changed in {1}; {2} keeps it as it was (the model\'s image stays as it came).',
        share, answer, workspaceRelative(kept)), open).then(async (choice) => {
        if (choice === open) await openOutput(kept, true);
      });
      return;
    }
    const message = vscode.l10n.t('{0} of the protected area changed in {1}.', share, answer);
    const items = result.offer ? [keep] : [];
    void vscode.window.showInformationMessage(message, ...items).then(async (choice) => {
      if (choice !== keep || !items.includes(keep)) return;
      try {
        const kept = await media.keepProtectedArea(outcome.records[n]);
        await openOutput(kept, true);
      } catch (err) {
        void vscode.window.showErrorMessage(errorText(err));
      }
    });
  });
}
