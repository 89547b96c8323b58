/**
 * Whether case changes and recorded visits keep the figures (MINQING_FIGURES_MAINTAIN, applied
 * when the context is created). Always on in a deployment; the benchmarks turn it off to measure
 * what keeping the rollups costs intake and sync. While off the figures fall behind the data and
 * need `minqing figures rebuild`.
 */
let maintain = true;

export function setFigureMaintenance(on: boolean): void {
  maintain = on;
}

export function figureMaintenanceOn(): boolean {
  return maintain;
}
