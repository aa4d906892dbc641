/** A program the stack needs and the Debian/Ubuntu package that provides it. */
export interface Prerequisite {
  /** What the user sees, e.g. `mariadbd`. */
  readonly program: string;
  readonly debianPackage: string;
}

/** MariaDB 10.11 server (brings mariadbd, mariadb-install-db, mariadb-admin). */
export const MARIADB_SERVER: Prerequisite = {
  program: 'mariadbd / mariadb-install-db',
  debianPackage: 'mariadb-server',
};
/** Java 17+ for the Kafka 4.x broker. */
export const JAVA_RUNTIME: Prerequisite = {
  program: 'java (17 or newer)',
  debianPackage: 'openjdk-17-jre-headless',
};
/** Maven fetches the Kafka jars from Maven Central. */
export const MAVEN: Prerequisite = { program: 'mvn', debianPackage: 'maven' };
/**
 * Headless Chromium for the dashboard's browser tests (apps/api/web/e2e drive /usr/bin/chromium with
 * playwright-core, which downloads no browser of its own). The stack runs without it, so it is optional.
 */
export const CHROMIUM: Prerequisite = { program: '/usr/bin/chromium', debianPackage: 'chromium' };

/** What to do about missing programs. */
export type PrerequisitePlan =
  | {
      readonly kind: 'ready';
      /** Optional programs that are missing and will not be installed: what to tell the user. */
      readonly note?: string;
    }
  | {
      readonly kind: 'apt-install';
      /** Needed by the stack: a failed install stops it. */
      readonly packages: readonly string[];
      /** Needed only by some tests: a failed install is reported and the stack goes on. */
      readonly optionalPackages: readonly string[];
    }
  | { readonly kind: 'fail'; readonly message: string };

/**
 * Installs through apt only where that is safe to do unasked: as root on Debian/Ubuntu. Everywhere else the
 * message names exactly what to install. `optional` programs never make the plan fail.
 */
export function planPrerequisites(
  missing: readonly Prerequisite[],
  host: { readonly isRoot: boolean; readonly isDebian: boolean },
  optional: readonly Prerequisite[] = [],
): PrerequisitePlan {
  if (missing.length === 0 && optional.length === 0) return { kind: 'ready' };
  const packages = [...new Set(missing.map((m) => m.debianPackage))];
  const optionalPackages = [...new Set(optional.map((m) => m.debianPackage))].filter(
    (p) => !packages.includes(p),
  );
  if (host.isRoot && host.isDebian) return { kind: 'apt-install', packages, optionalPackages };
  if (missing.length === 0) {
    const programs = optional.map((m) => m.program).join(', ');
    return {
      kind: 'ready',
      note: `${programs} not found: the dashboard's browser tests need it (Debian package ${optionalPackages.join(' ')})`,
    };
  }
  const programs = missing.map((m) => m.program).join(', ');
  const how = host.isDebian
    ? `run: sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`
    : `install ${packages.join(', ')} (Debian/Ubuntu package names; MariaDB must be 10.11, Java 17+), or point LAKEHOUSE_JAVA / LAKEHOUSE_MVN at existing binaries`;
  return { kind: 'fail', message: `missing ${programs}: ${how}` };
}

/** The apt-get invocations for {@link planPrerequisites}' `apt-install` (`update: false` when already updated). */
export function aptCommands(
  packages: readonly string[],
  options: { readonly update?: boolean } = {},
): { readonly command: string; readonly args: readonly string[] }[] {
  return [
    ...(options.update === false ? [] : [{ command: 'apt-get', args: ['update'] }]),
    { command: 'apt-get', args: ['install', '-y', '--no-install-recommends', ...packages] },
  ];
}
