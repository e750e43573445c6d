import type { SettingHint } from '../core/errors';
import { settingId } from '../core/catalog';

/**
 * A problem the user can fix that is not the service's answer: no workspace open, nothing selected, a setting that
 * makes no sense. The command error boundary shows its message as is (it is already localised), with an
 * "Open Settings" action when `setting` names one.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly setting?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }

  static is(value: unknown): value is UserError {
    return value instanceof UserError;
  }
}

/** The setting (or settings group) a MediaApiError's hint points at, for "Open Settings"; none for the API key. */
export function settingOfHint(hint: SettingHint | undefined): string | undefined {
  switch (hint) {
    case 'endpoint':
      return settingId('endpoint');
    case 'apiVersion':
      return settingId('apiVersion');
    case 'deployment':
      return settingId('deployments');
    case 'entraId':
      return settingId('entra');
    default:
      return undefined;
  }
}
