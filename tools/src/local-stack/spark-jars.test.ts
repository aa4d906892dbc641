import { describe, expect, it } from 'vitest';
import { parseSparkVersion, sparkMavenArgs, sparkPaths } from './spark-jars.js';

describe('spark jars', () => {
  it('reads the pinned Spark version from the pom', () => {
    expect(parseSparkVersion('<properties><spark.version> 3.5.4 </spark.version></properties>')).toBe(
      '3.5.4',
    );
    expect(parseSparkVersion('<properties/>')).toBeUndefined();
  });

  it('copies the runtime closure of the committed pom into the stack folder', () => {
    const paths = sparkPaths('/repo', '/repo/.local');
    expect(paths).toEqual({
      pomFile: '/repo/tools/local-stack/spark/pom.xml',
      libDir: '/repo/.local/spark/lib',
      logsDir: '/repo/.local/spark/logs',
    });
    expect(sparkMavenArgs(paths.pomFile, '/x')).toEqual([
      '-B',
      '-f',
      '/repo/tools/local-stack/spark/pom.xml',
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      '-DoutputDirectory=/x',
    ]);
  });
});
