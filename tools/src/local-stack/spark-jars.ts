import { AppError } from '@lakehouse/runtime';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { runCommand } from './process-control.js';
import type { Reporter } from './reporter.js';

const SERVICE = 'spark';
const POM_HASH_FILE = '.pom.sha256';

/** Where the local Spark runtime lives: the committed pom and the copied jars under the stack folder. */
export interface SparkPaths {
  readonly pomFile: string;
  /** `<stack>/spark/lib`: the classpath of local Spark runs (apps read it as SPARK_JARS_DIR). */
  readonly libDir: string;
  readonly logsDir: string;
}

/** Spark paths for a repository root and a stack folder. */
export function sparkPaths(repoRoot: string, stackDir: string): SparkPaths {
  return {
    pomFile: join(repoRoot, 'tools', 'local-stack', 'spark', 'pom.xml'),
    libDir: join(stackDir, 'spark', 'lib'),
    logsDir: join(stackDir, 'spark', 'logs'),
  };
}

/** The `<spark.version>` pinned in the pom, or undefined. */
export function parseSparkVersion(pom: string): string | undefined {
  return /<spark\.version>([^<]+)<\/spark\.version>/.exec(pom)?.[1]?.trim();
}

/** Maven arguments that copy the pom's runtime closure into `outputDir`. */
export function sparkMavenArgs(pomFile: string, outputDir: string): string[] {
  return [
    '-B',
    '-f',
    pomFile,
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${outputDir}`,
  ];
}

/**
 * Copies Spark's runtime jars into `<stack>/spark/lib` with Maven, only when the pom changed since the last copy
 * (its sha256 is kept beside the jars). A first run downloads a few hundred MB from Maven Central; every jar is
 * reported as it arrives, with a heartbeat in between.
 */
export async function ensureSparkJars(
  paths: SparkPaths,
  mvn: string,
  reporter: Reporter,
): Promise<{ readonly version: string; readonly downloaded: boolean }> {
  const pom = await readFile(paths.pomFile, 'utf8');
  const version = parseSparkVersion(pom);
  if (version === undefined)
    throw new AppError('STACK_START_FAILED', `no <spark.version> in ${paths.pomFile}`);
  const hash = createHash('sha256').update(pom).digest('hex');
  const hashFile = join(paths.libDir, POM_HASH_FILE);
  if (existsSync(hashFile) && (await readFile(hashFile, 'utf8')).trim() === hash) {
    reporter.say(SERVICE, `Spark ${version} jars ready in ${paths.libDir}`);
    return { version, downloaded: false };
  }
  await mkdir(paths.logsDir, { recursive: true });
  const partial = `${paths.libDir}.partial`;
  await rm(partial, { recursive: true, force: true });
  const mavenLog = join(paths.logsDir, 'maven.log');
  reporter.say(SERVICE, `fetching Spark ${version} jars from Maven Central (${mvn}, log in ${mavenLog})`);
  let downloads = 0;
  let lastArtifact = 'starting Maven';
  const stopHeartbeat = reporter.heartbeat(
    SERVICE,
    () => `Maven still running: ${String(downloads)} files downloaded, last ${lastArtifact}`,
    5_000,
  );
  let result;
  try {
    result = await runCommand(mvn, sparkMavenArgs(paths.pomFile, partial), {
      onLine: (line) => {
        const done = /^\[INFO\] Downloaded from [^:]+: (\S+)(.*)$/.exec(line);
        if (done?.[1] !== undefined) {
          downloads += 1;
          lastArtifact = basename(done[1]);
          if (lastArtifact.endsWith('.jar'))
            reporter.say(SERVICE, `downloaded ${lastArtifact}${done[2] ?? ''}`);
        }
      },
    });
  } catch (err: unknown) {
    throw new AppError(
      'STACK_PREREQUISITE_MISSING',
      `cannot run Maven (${mvn}): install maven or set LAKEHOUSE_MVN`,
      { cause: err },
    );
  } finally {
    stopHeartbeat();
  }
  await writeFile(mavenLog, result.output);
  if (result.code !== 0) {
    const tail = result.output.trimEnd().split('\n').slice(-20).join('\n');
    throw new AppError(
      'STACK_START_FAILED',
      `Maven could not fetch the Spark jars (exit ${String(result.code)}); is Maven Central reachable? Last lines of ${mavenLog}:\n${tail}`,
    );
  }
  await rm(paths.libDir, { recursive: true, force: true });
  await rename(partial, paths.libDir);
  await writeFile(hashFile, `${hash}\n`);
  reporter.say(
    SERVICE,
    `Spark ${version} jars ready in ${paths.libDir} (${String(downloads)} files downloaded)`,
  );
  return { version, downloaded: true };
}
