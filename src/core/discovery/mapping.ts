// Which deployment serves which operation, from the model each runs; and the service's lifecycle of each.
import { modelsFor, OPERATION_SPECS, OPERATIONS, resolveModel, type OperationId } from '../catalog';
import type { DeploymentInfo, ServiceLifecycle } from './types';

/** The deployments settings, their operation and the models setting that goes with each (none with a fixed model). */
export const DEPLOYMENT_SETTINGS: ReadonlyArray<{ operation: OperationId; deployment: string; model?: string }> = OPERATIONS.map(
  (operation) => {
    const { settingKey, fixedModel } = OPERATION_SPECS[operation];
    return { operation, deployment: settingKey, ...(fixedModel ? {} : { model: settingKey }) };
  });

/** The deployments that can do `operation`, best first: the catalog's current models in its order, then others of a family that fits. */
export function candidatesFor(operation: OperationId, deployments: readonly DeploymentInfo[], today = new Date()): DeploymentInfo[] {
  const order = modelsFor(operation, { current: true, today });
  const rank = (d: DeploymentInfo): number => {
    const resolved = resolveModel(d.model);
    if (!resolved.family || !resolved.operations[operation]) return -1;
    const at = resolved.known ? order.indexOf(resolved.known) : -1;
    return at >= 0 ? at : order.length;
  };
  return deployments
    .filter((d) => d.state === undefined || /^succeeded$/i.test(d.state))
    .map((d) => ({ d, r: rank(d) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r)
    .map((x) => x.d);
}

export interface OperationChoice {
  operation: OperationId;
  /** Set when one deployment is clearly the best fit; else the user chooses among `candidates` (or there are none). */
  choice?: DeploymentInfo;
  candidates: DeploymentInfo[];
}

/** One choice per operation: made where one deployment runs the best-ranked model, left open where several tie. */
export function proposeMapping(deployments: readonly DeploymentInfo[], today = new Date()): OperationChoice[] {
  return DEPLOYMENT_SETTINGS.map(({ operation }) => {
    const candidates = candidatesFor(operation, deployments, today);
    const [first, second] = candidates;
    const tie = first && second && resolveModel(first.model).known === resolveModel(second.model).known &&
      (first.version ?? '') === (second.version ?? '');
    return { operation, choice: first && !tie ? first : undefined, candidates };
  });
}

/** The service's lifecycle of what a deployment runs: its name and version, else the newest entry of its name. */
export function lifecycleOf(model: string, version: string | undefined, catalog: readonly ServiceLifecycle[]):
  ServiceLifecycle | undefined {
  const same = catalog.filter((m) => m.name.toLowerCase() === model.toLowerCase());
  if (version) return same.find((m) => m.version === version);
  return [...same].sort((a, b) => (b.version ?? '').localeCompare(a.version ?? ''))[0];
}
