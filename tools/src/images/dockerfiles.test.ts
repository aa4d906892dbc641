import { IMAGE_MYSQL_CA_FILE, acceptedKeys } from '@lakehouse/contracts';
import { ENVIRONMENTS } from '@lakehouse/infra/rehearsal';
import { WORKSPACE_ROOT } from '@lakehouse/testing';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execForm, finalStage, keyValues, parseDockerfile, type DockerInstruction } from './dockerfile.js';
import { IMAGE_APPS, needsMysqlCa } from './image-apps.js';
import { IMAGE_ENTRY, bundleOutputsOf } from './write-image-context.js';

const environments = Object.values(ENVIRONMENTS);
/** Names that say "secret"; `*_FILE` paths and Vault OCIDs are not values, but the images set none of them either. */
const SECRET_LOOKING = /PASSWORD|SECRET|TOKEN|PRIVATE|CREDENTIAL|PASSPHRASE|API_?KEY|AUTH/i;

function dockerfileOf(app: string): DockerInstruction[] {
  return parseDockerfile(readFileSync(join(WORKSPACE_ROOT, 'apps', app, 'Dockerfile'), 'utf8'));
}

/** `${NODE_IMAGE}` -> the ARG's default. */
function baseImages(instructions: readonly DockerInstruction[]): string[] {
  const args: Record<string, string | undefined> = {};
  for (const i of instructions.filter((x) => x.keyword === 'ARG')) Object.assign(args, keyValues(i.args));
  return instructions
    .filter((i) => i.keyword === 'FROM')
    .map((i) =>
      (i.args.split(/\s+/)[0] ?? '').replace(/^\$\{(\w+)\}$|^\$(\w+)$/, (_m, a, b) => args[a ?? b] ?? ''),
    );
}

/** COPY instructions of a stage as [sources, destination], `--from` stages left out. */
function copies(stage: readonly DockerInstruction[]): [string[], string][] {
  return stage
    .filter((i) => i.keyword === 'COPY' && !/--from=/.test(i.args))
    .map((i) => {
      const parts = i.args.split(/\s+/).filter((p) => !p.startsWith('--'));
      return [parts.slice(0, -1), parts.at(-1) ?? ''];
    });
}

describe.each(IMAGE_APPS)('the Dockerfile of $app', (image) => {
  const instructions = dockerfileOf(image.app);
  const last = finalStage(instructions);

  it('builds on the Node 20 slim image in every stage', () => {
    const bases = baseImages(instructions);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toMatch(/^node:20(\.\d+){0,2}-(bookworm-)?slim$/);
  });

  it('runs as a numeric non-root UID, set before the entry point (Container Instances checks the UID)', () => {
    const users = last.filter((i) => i.keyword === 'USER');
    const user = users.at(-1);
    expect(user, 'no USER in the final stage').toBeDefined();
    const uid = /^(\d+)(?::(\d+))?$/.exec(user!.args);
    expect(uid, `USER ${user!.args} is not a numeric UID[:GID]`).not.toBeNull();
    expect(Number(uid![1])).toBeGreaterThan(0);
    const entry = last.find((i) => i.keyword === 'ENTRYPOINT');
    expect(entry).toBeDefined();
    expect(user!.line).toBeLessThan(entry!.line);
  });

  it('starts with node on the file its build target writes, from the folder the bundle is copied to', () => {
    expect(bundleOutputsOf(WORKSPACE_ROOT, image.app)).toContain(IMAGE_ENTRY);
    const entry = last.filter((i) => i.keyword === 'ENTRYPOINT').at(-1);
    expect(execForm(entry?.args ?? '')).toEqual(['node', IMAGE_ENTRY]);
    expect(last.some((i) => i.keyword === 'CMD')).toBe(false);
    const workdir = last.filter((i) => i.keyword === 'WORKDIR').at(-1)?.args;
    expect(workdir).toBe('/app');
    expect(copies(last)).toContainEqual([[`${dirname(IMAGE_ENTRY)}/`], `./${dirname(IMAGE_ENTRY)}/`]);
  });

  it('copies only what the image context holds, and every asset folder the app reads', () => {
    const context = [
      'package.json',
      'package-lock.json',
      'bundle/',
      'certs/',
      ...image.assets.map((a) => `${a.split('/')[0] ?? a}/`),
    ];
    const sources = copies(instructions).flatMap(([s]) => s);
    expect(sources.filter((s) => !context.includes(s))).toEqual([]);
    for (const asset of image.assets) {
      const top = asset.split('/')[0] ?? asset;
      expect(copies(last)).toContainEqual([[`${top}/`], `./${top}/`]);
    }
  });

  it('sets no secret-looking variable and none of the settings infra gives the workload', () => {
    const settings = acceptedKeys(image.contract);
    const names = instructions
      .filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG')
      .flatMap((i) => Object.keys(keyValues(i.args)));
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => SECRET_LOOKING.test(n))).toEqual([]);
    expect(names.filter((n) => settings.includes(n))).toEqual([]);
  });

  it('exposes the port infra has the process listen on, and no port when it serves nothing', () => {
    const exposed = last.filter((i) => i.keyword === 'EXPOSE').flatMap((i) => i.args.split(/\s+/));
    const ports = [...new Set(environments.map((env) => image.listensOn?.(env)))].filter(
      (p): p is number => p !== undefined,
    );
    expect(exposed).toEqual(ports.map(String));
  });

  it('puts the MySQL CA bundle where the environments name it, when the app connects to MySQL', () => {
    const certs = copies(last).filter(([sources]) => sources.includes('certs/'));
    if (!needsMysqlCa(image)) {
      expect(certs).toEqual([]);
      return;
    }
    expect(certs).toEqual([[['certs/'], `${dirname(IMAGE_MYSQL_CA_FILE)}/`]]);
    for (const env of environments)
      expect([undefined, IMAGE_MYSQL_CA_FILE]).toContain(env.database.tlsCaFile);
  });
});
