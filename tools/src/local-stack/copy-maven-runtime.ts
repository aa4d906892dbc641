import { AppError } from '@lakehouse/runtime';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { runCommand } from './process-control.js';
import type { Reporter } from './reporter.js';

const POM_HASH_FILE = '.pom.sha256';

/** A runtime (Kafka broker, Spark) whose jars come from a pinned pom through Maven. */
export interface MavenRuntime {
  /** Reporter service name, e.g. `kafka`. */
  readonly service: string;
  /** What the jars are, for messages: `Kafka 4.1.2`. */
  readonly label: string;
  readonly pomFile: string;
  /** Where the jars go (the classpath of the runtime). */
  readonly libDir: string;
  readonly logsDir: string;
  readonly mvn: string;
}

/** Maven arguments that copy the pom's runtime dependencies into `outputDir`. */
export function mavenCopyArgs(pomFile: string, outputDir: string): string[] {
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
 * Copies a runtime's jars into its lib folder with Maven, only when the pom changed since the last copy (its
 * sha256 is kept beside the jars). Jars are reported as they arrive, with a heartbeat in between; the copy goes to a
 * `.partial` folder first, so an interrupted download never leaves a half classpath behind.
 */
export async function copyMavenRuntime(
  runtime: MavenRuntime,
  reporter: Reporter,
): Promise<{ readonly downloaded: boolean }> {
  const pom = await readFile(runtime.pomFile, 'utf8');
  const hash = createHash('sha256').update(pom).digest('hex');
  const hashFile = join(runtime.libDir, POM_HASH_FILE);
  if (existsSync(hashFile) && (await readFile(hashFile, 'utf8')).trim() === hash)
    return { downloaded: false };

  await mkdir(runtime.logsDir, { recursive: true });
  const partial = `${runtime.libDir}.partial`;
  await rm(partial, { recursive: true, force: true });
  const mavenLog = join(runtime.logsDir, 'maven.log');
  reporter.say(
    runtime.service,
    `fetching ${runtime.label} jars from Maven Central (${runtime.mvn}, log in ${mavenLog})`,
  );
  let downloads = 0;
  let lastArtifact = 'starting Maven';
  const stopHeartbeat = reporter.heartbeat(
    runtime.service,
    () => `Maven still running: ${String(downloads)} files downloaded, last ${lastArtifact}`,
    5_000,
  );
  let result;
  try {
    result = await runCommand(runtime.mvn, mavenCopyArgs(runtime.pomFile, partial), {
      onLine: (line) => {
        const done = /^\[INFO\] Downloaded from [^:]+: (\S+)(.*)$/.exec(line);
        if (done?.[1] !== undefined) {
          downloads += 1;
          lastArtifact = basename(done[1]);
          if (lastArtifact.endsWith('.jar'))
            reporter.say(runtime.service, `downloaded ${lastArtifact}${done[2] ?? ''}`);
        }
      },
    });
  } catch (err: unknown) {
    throw new AppError(
      'STACK_PREREQUISITE_MISSING',
      `cannot run Maven (${runtime.mvn}): install maven or set LAKEHOUSE_MVN`,
      {
        cause: err,
      },
    );
  } finally {
    stopHeartbeat();
  }
  await writeFile(mavenLog, result.output);
  if (result.code !== 0) {
    const tail = result.output.trimEnd().split('\n').slice(-20).join('\n');
    throw new AppError(
      'STACK_START_FAILED',
      `Maven could not fetch the ${runtime.label} jars (exit ${String(result.code)}); is Maven Central reachable? Last lines of ${mavenLog}:\n${tail}`,
    );
  }
  await rm(runtime.libDir, { recursive: true, force: true });
  await rename(partial, runtime.libDir);
  await writeFile(hashFile, `${hash}\n`);
  reporter.say(
    runtime.service,
    `${runtime.label} jars ready in ${runtime.libDir} (${String(downloads)} files downloaded)`,
  );
  return { downloaded: true };
}
