import { readStackSettings } from '@lakehouse/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStackConfig } from './stack-config.js';
import { buildStackSettings, newPassword, resolveSecrets } from './stack-settings-file.js';

const config = loadStackConfig({}, { repoRoot: '/r', stackDir: '/r/.local' });
let counter = 0;
const fakeRandom = (size: number): Uint8Array => new Uint8Array(size).fill((counter += 1));

describe('stack.json', () => {
  it('matches StackSettingsSchema exactly', () => {
    const settings = buildStackSettings(
      config,
      { rootPassword: 'r', appPassword: 'a' },
      { mariadb: '10.11.19-MariaDB', kafka: '4.1.2' },
    );
    // readStackSettings is what every integration test uses: it must accept the file as written.
    const dir = mkdtempSync(join(tmpdir(), 'stack-settings-'));
    try {
      writeFileSync(join(dir, 'stack.json'), JSON.stringify(settings));
      expect(readStackSettings(dir)).toEqual(settings);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(settings).toEqual({
      mariadb: {
        host: '127.0.0.1',
        port: 13_306,
        socketPath: '/r/.local/mariadb/mysqld.sock',
        database: 'lakehouse',
        user: 'lakehouse',
        password: 'a',
        rootUser: 'root',
        rootPassword: 'r',
        version: '10.11.19-MariaDB',
      },
      kafka: { brokers: ['127.0.0.1:19092'], version: '4.1.2' },
    });
  });

  it('generates two different 24-character passwords on the first start', () => {
    const secrets = resolveSecrets(undefined, fakeRandom);
    expect(secrets.rootPassword).toHaveLength(24);
    expect(secrets.appPassword).toHaveLength(24);
    expect(secrets.rootPassword).not.toBe(secrets.appPassword);
    expect(newPassword(fakeRandom)).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('keeps the passwords of an existing stack.json', () => {
    const existing = buildStackSettings(
      config,
      { rootPassword: 'old-root', appPassword: 'old-app' },
      { mariadb: 'x', kafka: 'y' },
    );
    expect(resolveSecrets(existing, fakeRandom)).toEqual({
      rootPassword: 'old-root',
      appPassword: 'old-app',
    });
  });
});
