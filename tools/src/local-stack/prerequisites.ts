import { AppError } from '@lakehouse/runtime';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseJavaMajorVersion } from './kafka-java-args.js';
import type { MariadbBinaries } from './mariadb-service.js';
import {
  aptCommands,
  JAVA_RUNTIME,
  MARIADB_SERVER,
  MAVEN,
  planPrerequisites,
  type Prerequisite,
} from './prerequisites-plan.js';
import { findExecutable, runCommand } from './process-control.js';
import type { Reporter } from './reporter.js';
import type { StackConfig } from './stack-config.js';
import { formatDuration } from './format-duration.js';

const SERVICE = 'setup';
const MIN_JAVA = 17;

/** True when running as root (uid 0); mariadbd then needs `--user=root`. */
export function isRootUser(): boolean {
  return process.getuid?.() === 0;
}

function findMariadb(): MariadbBinaries | undefined {
  const mariadbd = findExecutable('mariadbd');
  const installDb = findExecutable('mariadb-install-db');
  const admin = findExecutable('mariadb-admin');
  return mariadbd && installDb && admin ? { mariadbd, installDb, admin } : undefined;
}

async function javaMajor(java: string): Promise<number | undefined> {
  if (findExecutable(java) === undefined) return undefined;
  const result = await runCommand(java, ['-version']);
  return parseJavaMajorVersion(result.output);
}

/** apt-get with its output on our terminal, so the user sees download and unpack progress. */
function runVisible(command: string, args: readonly string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

/** A binary the user pointed at explicitly (a path) must exist as given: installing packages would not help. */
function checkExplicitPath(binary: string, variables: string): void {
  if (binary.includes('/') && findExecutable(binary) === undefined) {
    throw new AppError(
      'STACK_PREREQUISITE_MISSING',
      `${binary} (from ${variables}) is not an executable file`,
    );
  }
}

async function missingPrerequisites(config: StackConfig): Promise<Prerequisite[]> {
  checkExplicitPath(config.java, 'LAKEHOUSE_JAVA or JAVA_HOME');
  checkExplicitPath(config.mvn, 'LAKEHOUSE_MVN');
  const missing: Prerequisite[] = [];
  if (findMariadb() === undefined) missing.push(MARIADB_SERVER);
  const java = await javaMajor(config.java);
  if (java === undefined) missing.push(JAVA_RUNTIME);
  else if (java < MIN_JAVA) {
    throw new AppError(
      'STACK_PREREQUISITE_MISSING',
      `${config.java} is Java ${java}; Kafka 4 needs Java ${MIN_JAVA}+: install openjdk-17-jre-headless (or newer) and set JAVA_HOME or LAKEHOUSE_JAVA`,
    );
  }
  if (findExecutable(config.mvn) === undefined) missing.push(MAVEN);
  return missing;
}

/**
 * Makes sure mariadbd, java 17+ and mvn exist. As root on Debian/Ubuntu missing packages are installed with
 * apt-get (progress shown); elsewhere it throws STACK_PREREQUISITE_MISSING naming exactly what to install.
 */
export async function ensurePrerequisites(config: StackConfig, reporter: Reporter): Promise<MariadbBinaries> {
  const missing = await missingPrerequisites(config);
  const plan = planPrerequisites(missing, {
    isRoot: isRootUser(),
    isDebian: existsSync('/etc/debian_version'),
  });
  if (plan.kind === 'fail') throw new AppError('STACK_PREREQUISITE_MISSING', plan.message);
  if (plan.kind === 'apt-install') {
    const startedAt = performance.now();
    reporter.say(SERVICE, `installing ${plan.packages.join(' ')} with apt-get`);
    for (const step of aptCommands(plan.packages)) {
      const code = await runVisible(step.command, step.args);
      if (code !== 0) {
        throw new AppError(
          'STACK_PREREQUISITE_MISSING',
          `${step.command} ${step.args.join(' ')} failed (exit ${String(code)}); install ${plan.packages.join(' ')} by hand`,
        );
      }
    }
    reporter.say(
      SERVICE,
      `installed ${plan.packages.join(' ')} in ${formatDuration(performance.now() - startedAt)}`,
    );
    const still = await missingPrerequisites(config);
    if (still.length > 0) {
      throw new AppError(
        'STACK_PREREQUISITE_MISSING',
        `still missing after apt-get: ${still.map((m) => m.program).join(', ')}`,
      );
    }
  }
  const binaries = findMariadb();
  if (binaries === undefined)
    throw new AppError('STACK_PREREQUISITE_MISSING', 'mariadbd not found after install');
  return binaries;
}

/** MariaDB programs if installed (for `down`, which must not install anything). */
export function installedMariadb(): MariadbBinaries | undefined {
  return findMariadb();
}
