import { describe, expect, it } from 'vitest';
import { mysqlFailure, runSecretStatement, withoutStatementText } from './sql-session.js';

const PASSWORD = "Pa55'word\\x";

describe('statements that carry a password', () => {
  it('fail without any part of the statement: no cause, MySQL’s code, the password taken out of the message', async () => {
    const pool = {
      query: () =>
        Promise.reject(
          Object.assign(new Error('syntax'), {
            code: 'ER_PARSE_ERROR',
            sqlMessage: `You have an error in your SQL syntax near 'Pa55\\'word\\\\x' at line 1`,
            sql: `CREATE USER 'u'@'%' IDENTIFIED BY 'Pa55\\'word\\\\x'`,
          }),
        ),
    } as unknown as Parameters<typeof runSecretStatement>[0];
    const failure = await runSecretStatement(pool, 'CREATE USER ?@? IDENTIFIED BY ?', ['u', '%', PASSWORD], {
      what: "CREATE USER 'u'@'%'",
      secret: PASSWORD,
    }).then(
      () => undefined,
      (err: unknown) => err as Error & { cause?: unknown; context?: Record<string, unknown> },
    );
    expect(failure?.message).toBe(
      "CREATE USER 'u'@'%' failed: ER_PARSE_ERROR You have an error in your SQL syntax near [statement withheld]",
    );
    expect(failure?.cause).toBeUndefined();
    expect(failure?.context).toMatchObject({ mysqlCode: 'ER_PARSE_ERROR' });
    expect(JSON.stringify(failure)).not.toContain('Pa55');
  });

  it('have the password removed wherever a message repeats it, as given and as escaped in a literal', () => {
    expect(withoutStatementText(`user x: Pa55'word\\x, Pa55\\'word\\\\x`, PASSWORD)).toBe(
      'user x: [redacted], [redacted]',
    );
    expect(mysqlFailure(new Error('plain'))).toEqual({ code: undefined, message: 'plain' });
  });
});
