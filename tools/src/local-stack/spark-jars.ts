import { AppError } from '@lakehouse/runtime';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyMavenRuntime, mavenCopyArgs } from './copy-maven-runtime.js';
import type { Reporter } from './reporter.js';

const SERVICE = 'spark';

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
/** Maven arguments that copy Spark's runtime jars into `outputDir`. */
export const sparkMavenArgs = mavenCopyArgs;

/**
 * Copies Spark's runtime jars into `<stack>/spark/lib` with Maven, only when the pom changed since the last copy.
 * A first run downloads a few hundred MB from Maven Central, every jar reported as it arrives.
 */
export async function ensureSparkJars(
  paths: SparkPaths,
  mvn: string,
  reporter: Reporter,
): Promise<{ readonly version: string; readonly downloaded: boolean }> {
  const version = parseSparkVersion(await readFile(paths.pomFile, 'utf8'));
  if (version === undefined)
    throw new AppError('STACK_START_FAILED', `no <spark.version> in ${paths.pomFile}`);
  const { downloaded } = await copyMavenRuntime(
    {
      service: SERVICE,
      label: `Spark ${version}`,
      pomFile: paths.pomFile,
      libDir: paths.libDir,
      logsDir: paths.logsDir,
      mvn,
    },
    reporter,
  );
  if (!downloaded) reporter.say(SERVICE, `Spark ${version} jars ready in ${paths.libDir}`);
  return { version, downloaded };
}
