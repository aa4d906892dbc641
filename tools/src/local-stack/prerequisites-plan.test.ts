import { describe, expect, it } from 'vitest';
import { aptCommands, JAVA_RUNTIME, MARIADB_SERVER, MAVEN, planPrerequisites } from './prerequisites-plan.js';

describe('planPrerequisites', () => {
  it('has nothing to do when everything is installed', () => {
    expect(planPrerequisites([], { isRoot: false, isDebian: false })).toEqual({ kind: 'ready' });
  });

  it('installs with apt-get as root on Debian/Ubuntu', () => {
    expect(planPrerequisites([MARIADB_SERVER, MAVEN], { isRoot: true, isDebian: true })).toEqual({
      kind: 'apt-install',
      packages: ['mariadb-server', 'maven'],
    });
  });

  it('names exactly what to install when it may not install itself', () => {
    const debianUser = planPrerequisites([MARIADB_SERVER], { isRoot: false, isDebian: true });
    expect(debianUser).toEqual({
      kind: 'fail',
      message:
        'missing mariadbd / mariadb-install-db: run: sudo apt-get install -y --no-install-recommends mariadb-server',
    });
    const other = planPrerequisites([MARIADB_SERVER, JAVA_RUNTIME], { isRoot: true, isDebian: false });
    expect(other).toMatchObject({ kind: 'fail' });
    expect(other.kind === 'fail' ? other.message : '').toMatch(/mariadb-server, openjdk-17-jre-headless/);
  });
});

describe('aptCommands', () => {
  it('updates the package lists, then installs without recommends and without prompts', () => {
    expect(aptCommands(['mariadb-server'])).toEqual([
      { command: 'apt-get', args: ['update'] },
      { command: 'apt-get', args: ['install', '-y', '--no-install-recommends', 'mariadb-server'] },
    ]);
  });
});
