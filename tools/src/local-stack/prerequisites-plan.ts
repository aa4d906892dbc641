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

/** What to do about missing programs. */
export type PrerequisitePlan =
  | { readonly kind: 'ready' }
  | { readonly kind: 'apt-install'; readonly packages: readonly string[] }
  | { readonly kind: 'fail'; readonly message: string };

/**
 * Installs through apt only where that is safe to do unasked: as root on Debian/Ubuntu. Everywhere else the
 * message names exactly what to install.
 */
export function planPrerequisites(
  missing: readonly Prerequisite[],
  host: { readonly isRoot: boolean; readonly isDebian: boolean },
): PrerequisitePlan {
  if (missing.length === 0) return { kind: 'ready' };
  const packages = [...new Set(missing.map((m) => m.debianPackage))];
  if (host.isRoot && host.isDebian) return { kind: 'apt-install', packages };
  const programs = missing.map((m) => m.program).join(', ');
  const how = host.isDebian
    ? `run: sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`
    : `install ${packages.join(', ')} (Debian/Ubuntu package names; MariaDB must be 10.11, Java 17+), or point LAKEHOUSE_JAVA / LAKEHOUSE_MVN at existing binaries`;
  return { kind: 'fail', message: `missing ${programs}: ${how}` };
}

/** The apt-get invocations for {@link planPrerequisites}' `apt-install`. */
export function aptCommands(
  packages: readonly string[],
): { readonly command: string; readonly args: readonly string[] }[] {
  return [
    { command: 'apt-get', args: ['update'] },
    { command: 'apt-get', args: ['install', '-y', '--no-install-recommends', ...packages] },
  ];
}
