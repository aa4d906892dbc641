import { AppError } from '@lakehouse/runtime';
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { zipBytes, type ZipEntry } from './zip-file.js';

const execFileAsync = promisify(execFile);

/** apps/bulk-load (this file is src/jars/ in the sources and dist/jars/ once built). */
const APP_DIR = resolve(import.meta.dirname, '..', '..');

/** Sources of the Spark JDBC connection provider: `java/` (the classes) and `resources/` (the service file). */
export const JDBC_PROVIDER_SOURCE_DIR = join(APP_DIR, 'jdbc-provider');
/** Git-ignored output folder of the `bulk-load:jdbc-provider` target. */
export const JDBC_PROVIDER_BUILD_DIR = join(APP_DIR, 'build', 'jdbc-provider');
/** File name of the provider jar, locally and in the Data Flow archive. */
export const JDBC_PROVIDER_JAR_NAME = 'lakehouse-jdbc-provider.jar';

/** Data Flow's Spark 3.5.0 runs on Java 17 (OCI "Migrate to Spark 3.5.0"); so does local Spark. */
const JAVA_RELEASE = '17';

/** Options of {@link ensureJdbcProviderJar}. */
export interface JdbcProviderBuild {
  /** The `java` of local Spark; `javac` is taken from the same folder. */
  readonly javaBin: string;
  /** Spark's jars (the compile classpath). */
  readonly sparkJarsDir: string;
  /** @default JDBC_PROVIDER_SOURCE_DIR */
  readonly sourceDir?: string;
  /** @default JDBC_PROVIDER_BUILD_DIR */
  readonly buildDir?: string;
}

/** `javac` beside the given `java` (a bare `java` means the one on PATH). */
export function javacFor(javaBin: string): string {
  return javaBin.includes('/') ? join(dirname(javaBin), 'javac') : 'javac';
}

/** The `javac` arguments that compile the provider against Spark's jars. */
export function javacArgs(sparkJarsDir: string, classesDir: string, sources: readonly string[]): string[] {
  return [
    '--release',
    JAVA_RELEASE,
    '-encoding',
    'UTF-8',
    // Spark's Derby jars name locale jars in their manifest class path that Maven does not copy.
    '-Xlint:all,-path',
    '-cp',
    `${resolve(sparkJarsDir)}/*`,
    '-d',
    classesDir,
    ...sources,
  ];
}

async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  return names
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

/** Jar entries of a folder: paths relative to it, `/`-separated, sorted (the same bytes for the same files). */
export async function folderEntries(dir: string, prefix = ''): Promise<ZipEntry[]> {
  const entries: ZipEntry[] = [];
  for (const file of await filesUnder(dir)) {
    entries.push({
      name: `${prefix}${relative(dir, file).split(sep).join('/')}`,
      data: await readFile(file),
    });
  }
  return entries;
}

/** Hash of what the jar is built from: sources, resources, Java release and the Spark version compiled against. */
async function sourceHash(sourceDir: string, sparkJarsDir: string): Promise<string> {
  const hash = createHash('sha256').update(`release ${JAVA_RELEASE}\n`);
  const spark = existsSync(sparkJarsDir)
    ? readdirSync(sparkJarsDir).filter((f) => /^spark-sql_.*\.jar$/.test(f))
    : [];
  hash.update(`spark ${spark.join(',')}\n`);
  for (const entry of await folderEntries(sourceDir)) hash.update(`${entry.name}\n`).update(entry.data);
  return hash.digest('hex');
}

/**
 * The jar of the Spark JDBC connection provider, built when missing or when its sources changed (a hash stamp
 * beside it; the Nx target `bulk-load:jdbc-provider` caches the same folder). `javac` compiles the classes against
 * Spark's jars; the jar holds them and the `META-INF/services` registration. Safe to call from parallel runs: the
 * jar is written under a temporary name and renamed. Throws SPARK_JOB_FAILED when the JDK or Spark's jars are absent.
 */
export async function ensureJdbcProviderJar(build: JdbcProviderBuild): Promise<string> {
  const sourceDir = build.sourceDir ?? JDBC_PROVIDER_SOURCE_DIR;
  const buildDir = build.buildDir ?? JDBC_PROVIDER_BUILD_DIR;
  const jar = join(buildDir, JDBC_PROVIDER_JAR_NAME);
  const stampFile = `${jar}.sha256`;
  const stamp = await sourceHash(sourceDir, build.sparkJarsDir);
  if (existsSync(jar) && existsSync(stampFile) && (await readFile(stampFile, 'utf8')).trim() === stamp)
    return jar;

  const sources = (await filesUnder(join(sourceDir, 'java'))).filter((f) => f.endsWith('.java'));
  if (sources.length === 0) {
    throw new AppError('SPARK_JOB_FAILED', `no Java sources of the JDBC provider under ${sourceDir}/java`);
  }
  const work = join(buildDir, `tmp-${randomUUID().slice(0, 8)}`);
  const classes = join(work, 'classes');
  await mkdir(classes, { recursive: true });
  try {
    const javac = javacFor(build.javaBin);
    try {
      await execFileAsync(javac, javacArgs(build.sparkJarsDir, classes, sources), {
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (err: unknown) {
      const stderr = (err as { stderr?: string }).stderr ?? '';
      throw new AppError(
        'SPARK_JOB_FAILED',
        `cannot compile the JDBC provider with ${javac} against ${build.sparkJarsDir} (a JDK 17 and \`npx nx run tools:spark-jars\` are needed): ${stderr.trim() || (err instanceof Error ? err.message : String(err))}`,
        { cause: err, context: { javac, sparkJarsDir: build.sparkJarsDir } },
      );
    }
    const entries = [
      ...(await folderEntries(classes)).filter((e) => e.name.endsWith('.class')),
      ...(await folderEntries(join(sourceDir, 'resources'))),
    ].sort((a, b) => a.name.localeCompare(b.name));
    const tmpJar = join(work, basename(jar));
    await writeFile(tmpJar, zipBytes(entries));
    await rename(tmpJar, jar);
    await writeFile(stampFile, `${stamp}\n`);
    return jar;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
