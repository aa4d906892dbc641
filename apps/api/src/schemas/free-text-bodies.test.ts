import { createLogger } from '@lakehouse/runtime';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type ApiApp } from '../app.js';
import { loadConfig } from '../config.js';
import { emptyPool } from '../testing/empty-pool.js';

/* Free text in request bodies (episode notes, assignees) is bounded and free of control characters (ADR 0049). */

const SECRET = 'unit-test-secret-that-is-long-enough-0123';
let app: ApiApp;
let token: string;

beforeAll(async () => {
  const config = await loadConfig({
    MYSQL_HOST: '127.0.0.1',
    MYSQL_USER: 'api',
    MYSQL_PASSWORD: 'x',
    MYSQL_DATABASE: 'lakehouse',
    API_WEB_DIR: '/nonexistent-web-dir',
    API_JWT_SECRET: SECRET,
  });
  app = await buildApp({
    config,
    logger: createLogger({ name: 'test', level: 'silent' }),
    pool: emptyPool(),
  });
  token = await new SignJWT({ scope: 'read admin' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('planner')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(SECRET));
});

afterAll(async () => {
  await app.close();
});

const post = (path: string, payload: unknown) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/alert-episodes/M-1~1700000000000/${path}`,
    headers: { authorization: `Bearer ${token}` },
    payload: payload as Record<string, unknown>,
  });

describe('free text in episode bodies', () => {
  it('refuses notes with control or bidi-override characters, saying so without echoing them', async () => {
    for (const note of ['beep\u0007', 'line\r\nbreak', '\u001b[2Jcleared', 'evil\u202etxt.exe', 'a\u2028b']) {
      const res = await post('ack', { note });
      expect(res.statusCode, JSON.stringify(note)).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      const body = res.json<{ errors: { path: string; message: string }[] }>();
      expect(body.errors).toEqual([
        {
          path: '/body/note',
          message:
            'must not contain control or bidirectional-override characters (tab and newline are allowed)',
        },
      ]);
      expect(res.body).not.toContain(note);
    }
  });

  it('takes newline, tab and any printable text in notes (then the episode is looked up)', async () => {
    const res = await post('ack', { note: 'Spindel geprüft\n\t- Lager ok 🔧' });
    expect(res.statusCode).not.toBe(400);
  });

  it('refuses oversized notes, and assignees that are not one clean line', async () => {
    expect((await post('resolve', { note: 'x'.repeat(513) })).statusCode).toBe(400);
    const multiLine = await post('assign', { assignedTo: 'shift\nlead' });
    expect(multiLine.statusCode).toBe(400);
    expect(multiLine.json()).toMatchObject({
      errors: [
        {
          path: '/body/assignedTo',
          message: 'must be one line without control or bidirectional-override characters',
        },
      ],
    });
    expect((await post('assign', { assignedTo: 'x'.repeat(129) })).statusCode).toBe(400);
    expect((await post('assign', { assignedTo: 'Jürgen Müller' })).statusCode).not.toBe(400);
  });
});
