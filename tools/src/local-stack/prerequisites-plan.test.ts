import { describe, expect, it } from 'vitest';
import {
  aptCommands,
  CHROMIUM,
  JAVA_RUNTIME,
  MARIADB_SERVER,
  MAVEN,
  planPrerequisites,
} from './prerequisites-plan.js';

describe('planPrerequisites', () => {
  it('has nothing to do when everything is installed', () => {
    expect(planPrerequisites([], { isRoot: false, isDebian: false })).toEqual({ kind: 'ready' });
  });

  it('installs with apt-get as root on Debian/Ubuntu', () => {
    expect(planPrerequisites([MARIADB_SERVER, MAVEN], { isRoot: true, isDebian: true })).toEqual({
      kind: 'apt-install',
      packages: ['mariadb-server', 'maven'],
      optionalPackages: [],
    });
  });

  it('installs chromium for the browser tests alongside, as an optional package', () => {
    expect(planPrerequisites([MAVEN], { isRoot: true, isDebian: true }, [CHROMIUM])).toEqual({
      kind: 'apt-install',
      packages: ['maven'],
      optionalPackages: ['chromium'],
    });
    expect(planPrerequisites([], { isRoot: true, isDebian: true }, [CHROMIUM])).toEqual({
      kind: 'apt-install',
      packages: [],
      optionalPackages: ['chromium'],
    });
  });

  it('never fails for a missing optional program, but says what it is for', () => {
    const plan = planPrerequisites([], { isRoot: false, isDebian: true }, [CHROMIUM]);
    expect(plan.kind).toBe('ready');
    expect(plan.kind === 'ready' ? plan.note : '').toMatch(/\/usr\/bin\/chromium.*browser tests.*chromium/);
    const required = planPrerequisites([MARIADB_SERVER], { isRoot: false, isDebian: true }, [CHROMIUM]);
    expect(required.kind).toBe('fail');
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

  it('skips the update when the lists were just updated', () => {
    expect(aptCommands(['chromium'], { update: false })).toEqual([
      { command: 'apt-get', args: ['install', '-y', '--no-install-recommends', 'chromium'] },
    ]);
  });
});
