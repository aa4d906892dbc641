import { Type } from '@sinclair/typebox';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError, UpstreamError } from '@lakehouse/runtime';
import { ApiProblem } from './api-problem.js';
import { sendProblem, toProblem } from './error-handler.js';
import { typeboxValidatorCompiler } from './typebox-validator-compiler.js';

async function tinyApp() {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(typeboxValidatorCompiler);
  app.setErrorHandler((err, request, reply) => sendProblem(reply, toProblem(err, request)));
  app.get(
    '/items',
    {
      schema: {
        querystring: Type.Object(
          {
            limit: Type.Integer({ minimum: 1, maximum: 10, default: 5 }),
            kind: Type.Optional(Type.String({ pattern: '^[a-z]+$' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({ query: request.query }),
  );
  app.post(
    '/items',
    { schema: { body: Type.Object({ n: Type.Number() }, { additionalProperties: false }) } },
    async (r) => r.body,
  );
  app.get('/conflict', async () => {
    throw new ApiProblem(409, 'API_CONFLICT', 'already done');
  });
  app.get('/model', async () => {
    throw new AppError('MODEL_NOT_FOUND', 'model 7 is not in the registry');
  });
  app.get('/db-down', async () => {
    throw new UpstreamError('SQL_READ_FAILED', 'cannot read readings: connect ECONNREFUSED 10.0.0.1', {
      retryable: true,
    });
  });
  app.get('/bug', async () => {
    throw new TypeError('secret internal detail');
  });
  return app;
}

describe('problem+json responses', () => {
  it('converts query strings and applies defaults before checking', async () => {
    const app = await tinyApp();
    expect((await app.inject('/items?limit=3')).json()).toEqual({ query: { limit: 3 } });
    expect((await app.inject('/items')).json()).toEqual({ query: { limit: 5 } });
  });

  it('answers bad input with 400 naming the parameter and the value received', async () => {
    const app = await tinyApp();
    const res = await app.inject('/items?limit=99&kind=DROP%20TABLE&extra=1');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', title: 'Bad Request' });
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/querystring/limit', '/querystring/kind', '/querystring/extra']),
    );
    expect(body.detail).toMatch(/\/querystring\/limit: .*got 99/);
  });

  it('answers a body nested 20,000 deep with a 400 showing only its start', async () => {
    const app = await tinyApp();
    const depth = 20_000;
    const res = await app.inject({
      method: 'POST',
      url: '/items',
      payload: `${'['.repeat(depth)}${']'.repeat(depth)}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toBe('/body: Expected object, got [[[[...]]]]');
  });

  it('answers malformed JSON and wrong media types with 4xx, not 500', async () => {
    const app = await tinyApp();
    const broken = await app.inject({
      method: 'POST',
      url: '/items',
      payload: '{"n":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('API_BAD_REQUEST');
    const proto = await app.inject({
      method: 'POST',
      url: '/items',
      payload: '{"n":1,"__proto__":{"admin":true}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(proto.statusCode).toBe(400);
    const text = await app.inject({
      method: 'POST',
      url: '/items',
      payload: 'n=1',
      headers: { 'content-type': 'text/csv' },
    });
    expect(text.statusCode).toBe(415);
  });

  it('maps platform errors to their status and hides internal details', async () => {
    const app = await tinyApp();
    expect((await app.inject('/conflict')).json()).toMatchObject({
      status: 409,
      code: 'API_CONFLICT',
      detail: 'already done',
    });
    expect((await app.inject('/model')).json()).toMatchObject({ status: 404, code: 'MODEL_NOT_FOUND' });
    const down = await app.inject('/db-down');
    expect(down.statusCode).toBe(503);
    expect(down.body).not.toMatch(/10\.0\.0\.1/);
    const bug = await app.inject('/bug');
    expect(bug.statusCode).toBe(500);
    expect(bug.json()).toMatchObject({ code: 'API_INTERNAL', detail: 'internal error' });
    expect(bug.body).not.toMatch(/secret/);
  });
});
