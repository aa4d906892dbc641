import { RESERVED_PORTS } from './stack-config.js';

/** How {@link choosePort} may pick a port. */
export interface PortChoice {
  readonly preferred: number;
  /** Set through the environment: then only `preferred` is acceptable. */
  readonly explicit: boolean;
  /** Ports already given to other services of this stack. */
  readonly taken: ReadonlySet<number>;
  /** Whether something (not ours) listens on the port; injected so tests need no sockets. */
  readonly isBusy: (port: number) => Promise<boolean>;
  /** How many ports above `preferred` to try. @default 50 */
  readonly maxTries?: number;
}

/**
 * The port a service that is not running yet should listen on: `preferred` when free, else (only for default
 * ports) the next free one above it, so a second checkout on the same machine, or CI next to a developer's stack,
 * still comes up; the port actually used ends up in stack.json. Resolves undefined when no port is acceptable.
 */
export async function choosePort(choice: PortChoice): Promise<number | undefined> {
  const tries = choice.explicit ? 1 : (choice.maxTries ?? 50);
  for (let port = choice.preferred; port < choice.preferred + tries && port <= 65_535; port += 1) {
    if (choice.taken.has(port) || RESERVED_PORTS.has(port)) continue;
    if (!(await choice.isBusy(port))) return port;
  }
  return undefined;
}

/** Port of a `host:port` broker address, or undefined. */
export function brokerPort(address: string | undefined): number | undefined {
  const port = Number(/:(\d+)$/.exec(address ?? '')?.[1]);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}
