import { AppError } from '@lakehouse/runtime';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseJavaMajorVersion } from './kafka-java-args.js';
import type { MariadbBinaries } from './mariadb-service.js';
import {
  aptCommands,
  CHROMIUM,
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

/** Programs only some tests need: installed where apt may be used, reported otherwise. */
function missingOptional(): Prerequisite[] {
  return findExecutable(CHROMIUM.program) === undefined ? [CHROMIUM] : [];
}

/** Runs apt-get update (unless done) and install; resolves the failed step's description, or undefined. */
async function aptInstall(packages: readonly string[], update: boolean): Promise<string | undefined> {
  for (const step of aptCommands(packages, { update })) {
    const code = await runVisible(step.command, step.args);
    if (code !== 0) return `${step.command} ${step.args.join(' ')} failed (exit ${String(code)})`;
  }
  return undefined;
}

/**
 * Makes sure mariadbd, java 17+ and mvn exist, and Debian's chromium for the dashboard's browser tests. As root
 * on Debian/Ubuntu missing packages are installed with apt-get (progress shown); elsewhere a missing required
 * program throws STACK_PREREQUISITE_MISSING naming exactly what to install, and a missing chromium is reported.
 * A chromium that apt cannot install (e.g. Ubuntu, where it is a snap) is reported and the stack goes on.
 */
export async function ensurePrerequisites(config: StackConfig, reporter: Reporter): Promise<MariadbBinaries> {
  const missing = await missingPrerequisites(config);
  const plan = planPrerequisites(
    missing,
    { isRoot: isRootUser(), isDebian: existsSync('/etc/debian_version') },
    missingOptional(),
  );
  if (plan.kind === 'fail') throw new AppError('STACK_PREREQUISITE_MISSING', plan.message);
  if (plan.kind === 'ready' && plan.note !== undefined) reporter.say(SERVICE, plan.note);
  if (plan.kind === 'apt-install') {
    const startedAt = performance.now();
    const all = [...plan.packages, ...plan.optionalPackages];
    reporter.say(SERVICE, `installing ${all.join(' ')} with apt-get`);
    if (plan.packages.length > 0) {
      const failure = await aptInstall(plan.packages, true);
      if (failure !== undefined) {
        throw new AppError(
          'STACK_PREREQUISITE_MISSING',
          `${failure}; install ${plan.packages.join(' ')} by hand`,
        );
      }
    }
    let installed = all;
    if (plan.optionalPackages.length > 0) {
      const failure = await aptInstall(plan.optionalPackages, plan.packages.length === 0);
      if (failure !== undefined) {
        installed = [...plan.packages];
        reporter.say(
          SERVICE,
          `${failure}: the stack runs without ${plan.optionalPackages.join(' ')}, but the dashboard's browser tests need ${CHROMIUM.program}`,
        );
      }
    }
    if (installed.length > 0) {
      reporter.say(
        SERVICE,
        `installed ${installed.join(' ')} in ${formatDuration(performance.now() - startedAt)}`,
      );
    }
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
