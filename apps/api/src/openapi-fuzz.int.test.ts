import { fuzzRun, WORKSPACE_ROOT } from '@lakehouse/testing';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from './auth/jwt.js';
import { FLEET_JWT_SECRET } from './testing/fleet-api.js';
import { FIXTURE_NOW, fixtureReading, fleetFixture } from './testing/fleet-fixture.js';
import { startTestApi, type TestApi } from './testing/start-test-api.js';
import { operationsOf, type Operation } from './testing/fuzz/openapi-operations.js';
import {
  CREDENTIALS,
  describedRequest,
  requestFor,
  type BodySpec,
  type Credential,
  type FuzzRequest,
} from './testing/fuzz/request-arbitrary.js';
import { responseFailures, type FuzzResponse } from './testing/fuzz/response-checks.js';
import { harvestUrl, KnownValuePool } from './testing/fuzz/known-value-pool.js';

/*
 * Issue #20, fuzzing from the contracts: requests generated from the API's own OpenAPI document, read from the
 * running app, so a route added tomorrow is fuzzed without touching this file. Every operation gets valid, boundary
 * and invalid parameters and bodies under every kind of credential; the answers must keep the contract (no 5xx,
 * errors as problem+json without internals, 2xx as documented). See docs/adr/0048-fuzzing-from-the-contracts.md.
 */
const RUN = fuzzRun(process.env, 20_2048, 3_000);
const WRONG_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

describe(`the API against its OpenAPI document (seed ${RUN.seed}, ${RUN.numRuns} requests)`, () => {
  let api: TestApi;
  let operations: Operation[];
  let headers: Record<Credential, Record<string, string>>;
  const known = new KnownValuePool();
  const tally = new Map<string, Map<number, number>>();

  beforeAll(async () => {
    // The fleet fixture, with load shedding off: a 503 because this 2-core machine is busy is not the contract's.
    api = await startTestApi({
      listen: false,
      now: () => FIXTURE_NOW,
      seed: fleetFixture(),
      env: {
        API_JWT_SECRET: FLEET_JWT_SECRET,
        API_JWT_ISSUER: 'test-idp',
        API_MAX_EVENT_LOOP_DELAY_MS: '60000',
      },
    });
    const res = await api.app.inject('/openapi.json');
    operations = operationsOf(res.json());
    const exp = FIXTURE_NOW / 1000 + 3_600;
    const jwt = (scope: string, expSeconds = exp) =>
      signJwt({ sub: 'fuzz', scope, exp: expSeconds, iss: 'test-idp' }, FLEET_JWT_SECRET);
    headers = {
      none: {},
      'unknown-key': { 'x-api-key': `lk_${'0'.repeat(16)}_${'A'.repeat(43)}` },
      'malformed-header': { authorization: 'Basic YTpi' },
      'garbage-token': { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' },
      'expired-jwt': { authorization: `Bearer ${await jwt('admin', FIXTURE_NOW / 1000 - 60)}` },
      'read-key': { 'x-api-key': api.readApiKey },
      'admin-key': { authorization: `Bearer ${api.apiKey}` },
      'read-jwt': { authorization: `Bearer ${await jwt('read')}` },
      'admin-jwt': { authorization: `Bearer ${await jwt('read admin')}` },
    };
    // Open episodes on eight more assets (the fixture's risk never holds for three readings).
    await api.seed(
      ['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8'].flatMap((assetId, n) =>
        [0.7, 0.92, 0.95, 0.97].map((p, i) => ({
          reading: fixtureReading(assetId, FIXTURE_NOW - (60 - n - i) * 1_000),
          failureProbability: p,
        })),
      ),
    );
    // The ids the data holds (assets, episodes, models) and plausible readings, learnt from the GET routes' own
    // answers: first the routes without path parameters, then those with, on the ids just learnt.
    for (const withPath of [false, true]) {
      for (const op of operations) {
        if (op.method !== 'GET' || op.path.endsWith('/live')) continue;
        if (op.parameters.some((p) => p.in === 'path') !== withPath) continue;
        const answer = await api.app.inject({ url: harvestUrl(op, known), headers: headers['admin-key'] });
        if (answer.statusCode === 200) known.learn(answer.json());
      }
    }
  });
  afterAll(async () => {
    await api?.close();
  });

  async function send(req: FuzzRequest): Promise<FuzzResponse> {
    const options: InjectOptions = {
      method: req.method,
      url: req.query === '' ? req.path : `${req.path}?${req.query}`,
      headers: { ...req.headers, ...headers[req.credential] },
      payloadAsStream: true,
    };
    const body = req.body;
    if (body.kind === 'json') {
      options.payload = JSON.stringify(body.value) ?? 'null';
      options.headers = { ...options.headers, 'content-type': body.contentType };
    } else if (body.kind === 'text') {
      options.payload = body.text;
      options.headers = { ...options.headers, 'content-type': body.contentType };
    } else if (body.kind === 'oversized') {
      options.payload = `{"readings":"${'x'.repeat(api.config.bodyLimitBytes)}"}`;
      options.headers = { ...options.headers, 'content-type': body.contentType };
    } else if (body.kind === 'nested') {
      options.payload = `${'['.repeat(body.depth)}${']'.repeat(body.depth)}`;
      options.headers = { ...options.headers, 'content-type': 'application/json' };
    }
    const res = await api.app.inject(options);
    const contentType = String(res.headers['content-type'] ?? '');
    const stream = res.stream();
    let answer: string;
    if (contentType.startsWith('text/event-stream')) {
      // A live stream never ends: its first event is enough, then the caller goes away.
      const first: unknown = await stream[Symbol.asyncIterator]().next();
      answer = String((first as { value?: unknown }).value ?? '');
      res.raw.res.destroy();
      stream.destroy();
    } else {
      answer = await text(stream);
    }
    if (res.statusCode === 200 && contentType.startsWith('application/json')) known.learn(JSON.parse(answer));
    const key = `${req.method} ${req.operation.path}`;
    const counts = tally.get(key) ?? new Map<number, number>();
    counts.set(res.statusCode, (counts.get(res.statusCode) ?? 0) + 1);
    tally.set(key, counts);
    return { status: res.statusCode, contentType, body: answer };
  }

  async function expectContractKept(req: FuzzRequest): Promise<void> {
    const res = await send(req);
    const failures = responseFailures(req, res, { literals: [WORKSPACE_ROOT, api.database] });
    if (failures.length > 0) {
      throw new Error(
        `${req.method} ${req.path}?${req.query.slice(0, 300)} as ${req.credential} [${req.mutations.join(', ')}]` +
          ` -> ${res.status} ${res.body.slice(0, 400)}\n  ${failures.join('\n  ')}\n  replay: ${RUN.replay}`,
      );
    }
  }

  it('reads every operation of the document', () => {
    expect(operations.length).toBeGreaterThan(10);
    expect(known.size('assetId')).toBeGreaterThan(0);
  });

  it('answers every operation and every credential as the contract says (one request each)', async () => {
    for (const op of operations) {
      const valid = fc.sample(requestFor(op, known.lookup), { numRuns: CREDENTIALS.length, seed: RUN.seed });
      for (const [i, credential] of CREDENTIALS.entries()) {
        const req = valid[i];
        if (req !== undefined) await expectContractKept(describedRequest({ ...req, credential }));
      }
    }
  });

  it('answers every body-taking operation sent no body, another media type or broken JSON with a 4xx', async () => {
    const bodies: readonly [BodySpec, string][] = [
      [{ kind: 'none' }, 'no body'],
      [{ kind: 'text', text: '{"note":"x"}', contentType: 'text/plain' }, 'text/plain'],
      [{ kind: 'text', text: '{"note":', contentType: 'application/json' }, 'broken JSON'],
      [
        { kind: 'text', text: '{"__proto__":{"isAdmin":true}}', contentType: 'application/json' },
        '__proto__',
      ],
    ];
    for (const op of operations.filter((o) => o.body !== null)) {
      const [clean] = fc.sample(requestFor(op, known.lookup), { numRuns: 1, seed: RUN.seed });
      if (clean === undefined) continue;
      for (const [body, what] of bodies) {
        const needsBody = (op.body?.schema.required ?? []).length > 0;
        await expectContractKept(
          describedRequest({
            ...clean,
            credential: 'admin-key',
            body,
            isCertainlyInvalid: what !== 'no body' || needsBody,
            mutations: [what],
          }),
        );
      }
    }
  });

  it('keeps the contract under generated requests to every operation', async () => {
    const request = fc.constantFrom(...operations).chain((op) => requestFor(op, known.lookup));
    const anyRequest = fc.oneof(
      { weight: 19, arbitrary: request },
      {
        weight: 1,
        arbitrary: fc.tuple(request, fc.constantFrom(...WRONG_METHODS)).map(([req, method]) => {
          const declared = operations.some((o) => o.path === req.operation.path && o.method === method);
          return declared ? req : describedRequest({ ...req, method });
        }),
      },
    );
    await fc.assert(fc.asyncProperty(anyRequest, expectContractKept), {
      seed: RUN.seed,
      numRuns: RUN.numRuns,
      endOnFailure: true,
    });
  });

  it('reached a 2xx answer on every operation', () => {
    const rows = [...tally].map(([key, counts]) => `${key} ${JSON.stringify(Object.fromEntries(counts))}`);
    // The counts per operation and status: what #20's closing note reports.
    console.info(`contract fuzz, seed ${RUN.seed}:\n  ${rows.join('\n  ')}`);
    const missing = operations
      .map((op) => `${op.method} ${op.path}`)
      .filter((key) => ![...(tally.get(key)?.keys() ?? [])].some((status) => status < 300));
    expect(missing, 'seed data (or a known id) so that these routes answer 2xx under the fuzz').toEqual([]);
  });
});
