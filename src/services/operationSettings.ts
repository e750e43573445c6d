// An operation's deployment and model in the settings, through the catalog's table (core/catalog/operationSpecs.ts):
// the one place that reads `deployments.<key>` and `models.<key>` for an operation id.
import { OPERATION_SPECS, type OperationId } from '../core/catalog';
import type { MediaConfiguration } from './configuration';

type Settings = Pick<MediaConfiguration, 'deployments' | 'models'>;

/** The deployment configured for an operation ('' when none is). */
export function deploymentOf(cfg: Settings, operation: OperationId): string {
  return cfg.deployments[OPERATION_SPECS[operation].settingKey];
}

/** The model behind an operation's deployment: its fixed model, or the `models.*` setting. */
export function modelOf(cfg: Settings, operation: OperationId): string {
  const spec = OPERATION_SPECS[operation];
  return spec.fixedModel ?? cfg.models[spec.settingKey as keyof Settings['models']];
}
