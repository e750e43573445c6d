// A request failed with DeploymentNotFound: the notification offers the deployments the resource lists that can run
// the operation (read again now; the day's cache when the listing cannot be read), and a choice writes the setting.
import { MediaApiError } from '../core/errors';
import { OPERATIONS, OPERATION_SPECS, settingId, type OperationId } from '../core/catalog';
import { candidatesFor } from '../core/discovery/mapping';
import type { DeploymentInfo } from '../core/discovery/types';
import type { ClientProvider } from '../services/clientProvider';
import type { ConfigurationService } from '../services/configuration';
import type { DeploymentDirectory } from '../services/deploymentDirectory';
import type { Log } from '../services/log';
import { writeDeployment } from './useDeployment';

/** Deployments offered in the notification at most (more would not fit its buttons). */
const MAX_OFFERED = 3;

export interface DeploymentOffer {
  operation: OperationId;
  deployments: DeploymentInfo[];
  /** Writes the chosen deployment to the operation's setting. */
  use(choice: DeploymentInfo): Promise<void>;
}

export type DeploymentOffers = (err: MediaApiError) => Promise<DeploymentOffer | undefined>;

/** The operation whose deployment setting a DeploymentNotFound names (its `setting` argument). */
export function operationOfError(err: MediaApiError): OperationId | undefined {
  if (err.code !== 'deploymentNotFound' || err.setting !== 'deployment') return undefined;
  const setting = err.args?.setting;
  return OPERATIONS.find((op) => settingId(`deployments.${OPERATION_SPECS[op].settingKey}`) === setting);
}

export function deploymentOffers(config: ConfigurationService, clients: ClientProvider, directory: DeploymentDirectory, log: Log):
  DeploymentOffers {
  return async (err) => {
    const operation = operationOfError(err);
    if (!operation) return undefined;
    const cfg = config.value;
    let listed: DeploymentInfo[] | undefined;
    try {
      listed = await directory.deployments(cfg.endpoint, await clients.client(cfg), true);
    } catch (cause) {
      log.info(`Could not list the deployments to offer: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
    listed ??= directory.store.directory(cfg.endpoint)?.deployments ?? undefined;
    const missing = typeof err.args?.deployment === 'string' ? err.args.deployment.replace(/^"|"$/g, '') : '';
    const deployments = candidatesFor(operation, (listed ?? []).filter((d) => d.name !== missing)).slice(0, MAX_OFFERED);
    if (!deployments.length) return undefined;
    return { operation, deployments, use: (choice) => writeDeployment(config, operation, choice) };
  };
}
