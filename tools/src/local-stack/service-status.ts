/** What `status` found for one service. */
export interface ServiceStatus {
  readonly name: 'mariadb' | 'kafka';
  /** `running` = our process is alive; `stopped` = no live process of ours (a stale pid file counts as stopped). */
  readonly state: 'running' | 'stopped';
  readonly healthy: boolean;
  readonly pid?: number;
  /** `host:port` the service listens on (or would). */
  readonly endpoint: string;
  readonly version?: string;
  /** Why it is unhealthy, or extra facts (round-trip time). */
  readonly detail?: string;
}

/** One aligned line per service, e.g. `kafka    running  pid 4242   127.0.0.1:19092  4.1.2  healthy (round trip 310 ms)`. */
export function formatServiceStatus(services: readonly ServiceStatus[]): string[] {
  const nameWidth = Math.max(...services.map((s) => s.name.length));
  const endpointWidth = Math.max(...services.map((s) => s.endpoint.length));
  return services.map((s) => {
    const pid = s.pid === undefined ? '-' : String(s.pid);
    const health = s.healthy ? 'healthy' : 'NOT healthy';
    const detail = s.detail === undefined ? '' : ` (${s.detail})`;
    return [
      s.name.padEnd(nameWidth),
      s.state.padEnd(7),
      `pid ${pid.padEnd(7)}`,
      s.endpoint.padEnd(endpointWidth),
      (s.version ?? '?').padEnd(10),
      `${health}${detail}`,
    ].join('  ');
  });
}

/** Exit code of `status`: 0 when every service is healthy, else 1. */
export function statusExitCode(services: readonly ServiceStatus[]): number {
  return services.length > 0 && services.every((s) => s.healthy) ? 0 : 1;
}
