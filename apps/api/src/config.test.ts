import { envExampleKeys } from '@lakehouse/testing';
import { describe, expect, it } from 'vitest';
import { API_ENV_KEYS, DEFAULT_WEB_DIR, loadConfig } from './config.js';

const BASE = { MYSQL_HOST: '127.0.0.1', MYSQL_USER: 'api', MYSQL_PASSWORD: 'x', MYSQL_DATABASE: 'lakehouse' };

describe('api config', () => {
  it('applies defaults', () => {
    const config = loadConfig(BASE);
    expect(config).toMatchObject({
      port: 8080,
      corsOrigins: [],
      jwtSecret: null,
      alertThreshold: 0.6,
      webDir: DEFAULT_WEB_DIR,
    });
    expect(DEFAULT_WEB_DIR).toMatch(/apps\/api\/web\/dist$/);
  });

  it('parses CORS origins and refuses anything that is not an origin', () => {
    expect(
      loadConfig({ ...BASE, API_CORS_ORIGINS: 'https://ops.example, http://localhost:5173' }).corsOrigins,
    ).toEqual(['https://ops.example', 'http://localhost:5173']);
    expect(() => loadConfig({ ...BASE, API_CORS_ORIGINS: '*' })).toThrow(/API_CORS_ORIGINS/);
  });

  it('names every bad key at once, and refuses a short JWT secret', () => {
    expect(() =>
      loadConfig({ ...BASE, API_PORT: 'http', API_ALERT_THRESHOLD: '2', API_JWT_SECRET: 'short' }),
    ).toThrow(/API_PORT.*API_ALERT_THRESHOLD.*API_JWT_SECRET|API_PORT/);
    try {
      loadConfig({ ...BASE, API_PORT: 'http', API_ALERT_THRESHOLD: '2', API_JWT_SECRET: 'short' });
    } catch (err: unknown) {
      expect((err as { context: { keys: string[] } }).context.keys.sort()).toEqual([
        'API_ALERT_THRESHOLD',
        'API_JWT_SECRET',
        'API_PORT',
      ]);
    }
  });

  it('documents every key in .env.example and nothing unknown', () => {
    const documented = envExampleKeys(new URL('../.env.example', import.meta.url).pathname);
    expect(documented.filter((k) => !API_ENV_KEYS.includes(k))).toEqual([]);
    expect(API_ENV_KEYS.filter((k) => !documented.includes(k))).toEqual([]);
  });
});
