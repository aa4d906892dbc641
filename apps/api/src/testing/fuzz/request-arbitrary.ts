import fc from 'fast-check';
import type { JsonSchema } from './json-schema.js';
import type { Operation, OperationParameter } from './openapi-operations.js';
import { hostileString, invalidValue, validValue, type KnownValues } from './schema-arbitrary.js';

/** Who calls: nobody, a wrong credential of some kind, or a real key or token of a scope. */
export const CREDENTIALS = [
  'none',
  'unknown-key',
  'malformed-header',
  'garbage-token',
  'expired-jwt',
  'read-key',
  'admin-key',
  'read-jwt',
  'admin-jwt',
] as const;
/** One of {@link CREDENTIALS}. */
export type Credential = (typeof CREDENTIALS)[number];

/** True for the credentials that must be refused with 401 on a secured route. */
export function isRefusedCredential(credential: Credential): boolean {
  return !['read-key', 'admin-key', 'read-jwt', 'admin-jwt'].includes(credential);
}

/** How the body is sent; the text is built when the request is sent, so a failure report stays short. */
export type BodySpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'json'; readonly value: unknown; readonly contentType: string }
  | { readonly kind: 'text'; readonly text: string; readonly contentType: string }
  | { readonly kind: 'oversized'; readonly contentType: string }
  | { readonly kind: 'nested'; readonly depth: number };

/** A generated request and what was done to it. */
export interface FuzzRequest {
  readonly method: string;
  /** The operation's path template (the wrong-method requests keep the template they were sent to). */
  readonly operation: Operation;
  readonly path: string;
  readonly query: string;
  /** Header parameters the operation declares (credentials are added when sending). */
  readonly headers: Readonly<Record<string, string>>;
  readonly credential: Credential;
  readonly body: BodySpec;
  /** At least one part certainly breaks the contract: the answer must be a 4xx. */
  readonly isCertainlyInvalid: boolean;
  /** Whether a path parameter was garbage (then a 404 "no route" from the router is fine). */
  readonly hasGarbagePath: boolean;
  /** What was mutated, for the failure report. */
  readonly mutations: readonly string[];
}

interface Part<T> {
  readonly value: T;
  readonly invalid: boolean;
  readonly note: string | null;
}

/** Percent-encodes text as UTF-8 bytes (lone surrogates become U+FFFD instead of throwing, as in a browser). */
export function encodeText(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** Raw URL fragments that are not valid percent-encoding or not valid UTF-8 once decoded. */
const RAW_URL_TOKENS = ['%', '%zz', '%ED%A0%80', '%C0%AF', '%FF', '%00', '%2e%2e%2f'];

const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function pathPart(param: OperationParameter, known: KnownValues, clean: boolean): fc.Arbitrary<Part<string>> {
  const invalid = invalidValue(param.schema, true);
  const existing = known(param.name);
  if (clean) {
    const value = existing ?? validValue(param.schema);
    return value.map((v) => ({ value: encodeText(asText(v)), invalid: false, note: null }));
  }
  const choices: fc.WeightedArbitrary<Part<string>>[] = [
    {
      weight: 2,
      arbitrary: validValue(param.schema).map((v) => ({
        value: encodeText(asText(v)),
        invalid: false,
        note: null,
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...RAW_URL_TOKENS)
        .map((t) => ({ value: `A${t}`, invalid: false, note: `raw ${param.name}` })),
    },
  ];
  if (existing !== undefined) {
    choices.push({
      weight: 6,
      arbitrary: existing.map((v) => ({ value: encodeText(asText(v)), invalid: false, note: null })),
    });
  }
  if (invalid !== null) {
    choices.push({
      weight: 2,
      arbitrary: invalid
        .map(asText)
        .filter((s) => s !== '')
        .map((s) => ({ value: encodeText(s), invalid: true, note: `invalid ${param.name}` })),
    });
  }
  return fc.oneof(...choices);
}

function queryPart(
  param: OperationParameter,
  known: KnownValues,
  clean: boolean,
): fc.Arbitrary<Part<string | null>> {
  const invalid = invalidValue(param.schema, true);
  const hasDefault = param.schema.default !== undefined;
  const existing = known(param.name);
  const valid =
    existing === undefined ? validValue(param.schema) : fc.oneof(existing, validValue(param.schema));
  if (clean) {
    const value = valid.map((v) => ({ value: asText(v), invalid: false, note: null }));
    if (param.required && !hasDefault) return value;
    return fc.oneof(value, fc.constant({ value: null, invalid: false, note: null }));
  }
  const choices: fc.WeightedArbitrary<Part<string | null>>[] = [
    { weight: 4, arbitrary: valid.map((v) => ({ value: asText(v), invalid: false, note: null })) },
    {
      weight: 2,
      arbitrary: fc.constant({
        value: null,
        invalid: param.required && !hasDefault,
        note: param.required && !hasDefault ? `missing ${param.name}` : null,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, valid).map(([a, b]) => ({
        value: `${asText(a)}\u0001${asText(b)}`,
        invalid: false,
        note: `repeated ${param.name}`,
      })),
    },
  ];
  if (invalid !== null) {
    choices.push({
      weight: 2,
      arbitrary: invalid.map((v) => ({ value: asText(v), invalid: true, note: `invalid ${param.name}` })),
    });
  }
  return fc.oneof(...choices);
}

/** A header carries only visible ASCII and tabs: other characters are dropped (so the value may become valid). */
function asHeader(part: Part<string | null>): Part<string | null> {
  if (part.value === null) return part;
  // A repeated header is one header with the values joined by commas (RFC 9110 section 5.3).
  const value = part.value
    .split('\u0001')
    .join(', ')
    .replace(/[^\t\x20-\x7e]/g, '');
  return value === part.value ? part : { value, invalid: false, note: part.note };
}

function encodeQuery(pairs: readonly (readonly [string, string])[]): string {
  // A value with \u0001 is a repeated parameter: `limit=1&limit=2`.
  return pairs
    .flatMap(([k, v]) => v.split('\u0001').map((one) => `${encodeText(k)}=${encodeText(one)}`))
    .join('&');
}

const WRONG_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/jsonx',
];

const part = (value: BodySpec, invalid: boolean, note: string | null): Part<BodySpec> => ({
  value,
  invalid,
  note,
});
const json = (value: unknown, invalid: boolean, note: string | null): Part<BodySpec> =>
  part({ kind: 'json', value, contentType: 'application/json' }, invalid, note);
const jsonText = (text: string, invalid: boolean, note: string): Part<BodySpec> =>
  part({ kind: 'text', text, contentType: 'application/json' }, invalid, note);

function bodyPart(
  schema: JsonSchema | null,
  required: boolean,
  known: KnownValues,
  clean: boolean,
): fc.Arbitrary<Part<BodySpec>> {
  const none = part({ kind: 'none' }, false, null);
  if (schema === null) {
    if (clean) return fc.constant(none);
    return fc.oneof(
      { weight: 6, arbitrary: fc.constant(none) },
      { weight: 1, arbitrary: fc.jsonValue().map((v) => json(v, false, 'unexpected body')) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(...WRONG_TYPES)
          .map((contentType) => part({ kind: 'text', text: 'a=1', contentType }, false, 'unexpected body')),
      },
    );
  }
  if (clean) {
    const preferred = Object.assign((name: string) => known(name), { isPreferred: true });
    return validValue(schema, preferred).map((v) => json(v, false, null));
  }
  const valid = validValue(schema, known);
  const requiredNames = schema.required ?? [];
  const invalid = invalidValue(schema);
  const choices: fc.WeightedArbitrary<Part<BodySpec>>[] = [
    { weight: 8, arbitrary: valid.map((v) => json(v, false, null)) },
    // @fastify/swagger marks every body required; only one with required properties certainly needs sending.
    {
      weight: 1,
      arbitrary: fc.constant(part({ kind: 'none' }, required && requiredNames.length > 0, 'no body')),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...WRONG_TYPES))
        .map(([v, contentType]) =>
          part({ kind: 'text', text: JSON.stringify(v), contentType }, true, `content-type ${contentType}`),
        ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat()).map(([v, cut]) => {
        const text = JSON.stringify(v);
        return jsonText(text.slice(0, cut % Math.max(1, text.length)), true, 'truncated JSON');
      }),
    },
    {
      weight: 1,
      arbitrary: valid.map((v) => {
        // A duplicate key: JSON.parse keeps the last one, so the body is whatever the second value makes it.
        const text = JSON.stringify(v);
        return jsonText(
          text.startsWith('{"') ? `{"dup":1,"dup":2,${text.slice(1)}` : text,
          false,
          'duplicate key',
        );
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"isAdmin":true}}}')
        .map((text) => jsonText(text, true, 'prototype poisoning')),
    },
    {
      weight: 1,
      arbitrary: fc.constant(
        part({ kind: 'oversized', contentType: 'application/json' }, true, 'oversized body'),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1_000, max: 20_000 })
        .map((depth) => part({ kind: 'nested', depth }, true, `nested ${depth} deep`)),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, hostileString, hostileString).map(([v, k, x]) => {
        const extra = typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...v, [`x${k}`]: x } : v;
        return json(extra, schema.additionalProperties === false && extra !== v, 'extra field');
      }),
    },
  ];
  if (requiredNames.length > 0) {
    choices.push({
      weight: 1,
      arbitrary: fc.tuple(valid, fc.constantFrom(...requiredNames)).map(([v, drop]) => {
        const copy = { ...(v as Record<string, unknown>) };
        delete copy[drop];
        return json(copy, true, `missing ${drop}`);
      }),
    });
  }
  if (invalid !== null)
    choices.push({ weight: 2, arbitrary: invalid.map((v) => json(v, true, 'invalid body')) });
  const props = Object.entries(schema.properties ?? {});
  if (props.length > 0) {
    choices.push({
      weight: 3,
      arbitrary: fc.tuple(valid, fc.constantFrom(...props)).chain(([v, [name, sub]]) => {
        const bad = invalidValue(sub);
        return bad === null
          ? fc.constant(json(v, false, null))
          : bad.map((b) => json({ ...(v as Record<string, unknown>), [name]: b }, true, `invalid ${name}`));
      }),
    });
  }
  return fc.oneof(...choices);
}

/** The request with a one-line description for fast-check's counterexample (the operation is long). */
export function describedRequest(req: FuzzRequest): FuzzRequest {
  const body = req.body.kind === 'json' ? JSON.stringify(req.body.value)?.slice(0, 300) : req.body.kind;
  const line = `${req.method} ${req.path}?${req.query} as ${req.credential}, body ${body ?? ''} [${req.mutations.join(', ')}]`;
  return Object.assign(req, { [fc.toStringMethod]: () => line });
}

/** Requests for one operation: every parameter valid, missing, repeated or invalid, every credential, any body. */
export function requestFor(op: Operation, known: KnownValues): fc.Arbitrary<FuzzRequest> {
  // A third of the requests are clean (every part valid, a real credential), so the 2xx paths are reached too.
  return fc.oneof(
    { weight: 1, arbitrary: requestOf(op, known, true) },
    { weight: 2, arbitrary: requestOf(op, known, false) },
  );
}

function requestOf(op: Operation, known: KnownValues, clean: boolean): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const headerParams = op.parameters.filter((p) => p.in === 'header');
  const accepted = fc.constantFrom<Credential>('read-key', 'admin-key', 'admin-key', 'read-jwt', 'admin-jwt');
  const credential = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom<Credential>('read-key', 'admin-key', 'admin-key') },
    { weight: 2, arbitrary: fc.constantFrom<Credential>('read-jwt', 'admin-jwt') },
    {
      weight: 2,
      arbitrary: fc.constantFrom<Credential>(
        'none',
        'unknown-key',
        'malformed-header',
        'garbage-token',
        'expired-jwt',
      ),
    },
  );
  const extraQuery = fc.array(
    fc.tuple(fc.oneof(hostileString, fc.constantFrom('x', '__proto__', 'constructor')), hostileString),
    {
      maxLength: 2,
    },
  );
  return fc
    .record({
      path: fc.tuple(...pathParams.map((p) => pathPart(p, known, clean))),
      query: fc.tuple(...queryParams.map((p) => queryPart(p, known, clean))),
      header: fc.tuple(...headerParams.map((p) => queryPart(p, known, clean).map(asHeader))),
      extraQuery: clean ? fc.constant([]) : extraQuery,
      rawQuery: clean ? fc.constant(null) : fc.option(fc.constantFrom(...RAW_URL_TOKENS), { freq: 8 }),
      credential: clean ? accepted : credential,
      body: bodyPart(op.body?.schema ?? null, op.body?.required ?? false, known, clean),
    })
    .map(({ path, query, header, extraQuery: extra, rawQuery, credential: who, body }) => {
      let url = op.path;
      pathParams.forEach((p, i) => {
        url = url.replace(`{${p.name}}`, path[i]?.value ?? '');
      });
      const pairs: [string, string][] = [];
      queryParams.forEach((p, i) => {
        const value = query[i]?.value;
        if (value !== null && value !== undefined) pairs.push([p.name, value]);
      });
      pairs.push(...extra);
      let queryText = encodeQuery(pairs);
      if (rawQuery !== null) queryText += `${queryText === '' ? '' : '&'}raw=${rawQuery}`;
      const headers: Record<string, string> = {};
      headerParams.forEach((p, i) => {
        const value = header[i]?.value;
        if (value !== null && value !== undefined) headers[p.name.toLowerCase()] = value;
      });
      const parts = [...path, ...query, ...header, body];
      return describedRequest({
        method: op.method,
        operation: op,
        path: url,
        query: queryText,
        headers,
        credential: who,
        body: body.value,
        isCertainlyInvalid: parts.some((p) => p.invalid),
        hasGarbagePath: path.some((p) => p.invalid || p.note !== null),
        mutations: [
          ...parts.map((p) => p.note).filter((n): n is string => n !== null),
          ...(extra.length > 0 ? ['extra query'] : []),
          ...(rawQuery !== null ? [`raw query ${rawQuery}`] : []),
        ],
      });
    });
}
