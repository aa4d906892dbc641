// Test fixtures: stream message values that must each end in the dead-letter table with the named reason.

/** One kind of bad record: the message value sent and the first reason its dead letter must carry. */
export interface BadInput {
  readonly kind: string;
  readonly value: Buffer;
  readonly reason: string;
  /** Valid readings the same message also carries (stored, not dead-lettered). @default 0 */
  readonly alsoStores?: number;
}

/** A valid reading stamped `ageMs` before `nowMs`, with fields replaced or (with `undefined`) removed. */
export function readingJson(
  nowMs: number,
  overrides: Readonly<Record<string, unknown>> = {},
  ageMs = 60_000,
): Record<string, unknown> {
  const base: Record<string, unknown> = {
    recordedAt: nowMs - ageMs,
    assetId: 'S01-L01-M0001',
    assetType: 'M',
    siteId: 'S01',
    lineId: 'S01-L01',
    airTemperatureK: 298.1,
    processTemperatureK: 308.6,
    rotationalSpeedRpm: 1551,
    torqueNm: 42.8,
    toolWearMin: 3,
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return base;
}

const text = (s: string): Buffer => Buffer.from(s, 'utf8');
const json = (v: unknown): Buffer => text(JSON.stringify(v));

/**
 * More than 30 kinds of bad input. Each reading is stamped with its own asset id (`BAD-<n>`), so none of them can
 * collide with good traffic. `maxMessageBytes` is the function's limit, to build a value just above it.
 */
export function badInputs(nowMs: number, maxMessageBytes: number): BadInput[] {
  let n = 0;
  const bad = (overrides: Readonly<Record<string, unknown>>, ageMs?: number): Record<string, unknown> =>
    readingJson(nowMs, { assetId: `BAD-${String((n += 1))}`, ...overrides }, ageMs);
  const original = bad({ recordedAt: nowMs - 1_000 });
  return [
    { kind: 'not JSON at all', value: text('temperature=300K torque=40'), reason: 'malformed_json' },
    { kind: 'truncated JSON', value: text('{"assetId":"BAD-0","recordedAt":'), reason: 'malformed_json' },
    {
      kind: 'NaN literal',
      value: text(JSON.stringify(bad({})).replace('42.8', 'NaN')),
      reason: 'malformed_json',
    },
    { kind: 'empty value', value: Buffer.alloc(0), reason: 'empty' },
    { kind: 'empty array', value: text('[]'), reason: 'empty' },
    {
      kind: 'huge value',
      value: json(bad({ siteId: 'S'.repeat(maxMessageBytes) })),
      reason: 'too_large',
    },
    {
      kind: 'Latin-1 bytes',
      value: Buffer.from('{"assetId":"Pr\u00e9s"}', 'latin1'),
      reason: 'invalid_encoding',
    },
    {
      kind: 'UTF-16 text',
      value: Buffer.from(JSON.stringify(bad({})), 'utf16le'),
      reason: 'invalid_encoding',
    },
    { kind: 'JSON null', value: text('null'), reason: 'not_an_object' },
    { kind: 'JSON number', value: text('42'), reason: 'not_an_object' },
    { kind: 'JSON string', value: text('"a reading"'), reason: 'not_an_object' },
    { kind: 'array of a number', value: text('[7]'), reason: 'not_an_object' },
    { kind: 'missing asset id', value: json(bad({ assetId: undefined })), reason: 'missing' },
    { kind: 'missing timestamp', value: json(bad({ recordedAt: undefined })), reason: 'missing' },
    { kind: 'missing torque', value: json(bad({ torqueNm: undefined })), reason: 'missing' },
    { kind: 'torque as a string', value: json(bad({ torqueNm: '42.8' })), reason: 'wrong_type' },
    { kind: 'asset id as a number', value: json({ ...bad({}), assetId: 17 }), reason: 'wrong_type' },
    { kind: 'labels as a string', value: json(bad({ labels: 'none' })), reason: 'wrong_type' },
    {
      kind: 'infinite torque',
      value: text(JSON.stringify(bad({})).replace('42.8', '1e999')),
      reason: 'non_finite',
    },
    { kind: 'negative torque', value: json(bad({ torqueNm: -5 })), reason: 'out_of_range' },
    {
      kind: 'impossible air temperature',
      value: json(bad({ airTemperatureK: 5_000 })),
      reason: 'out_of_range',
    },
    { kind: 'negative speed', value: json(bad({ rotationalSpeedRpm: -100 })), reason: 'out_of_range' },
    { kind: 'tool wear beyond any tool', value: json(bad({ toolWearMin: 100_000 })), reason: 'out_of_range' },
    {
      kind: 'process cooler than air',
      value: json(bad({ processTemperatureK: 290, airTemperatureK: 300 })),
      reason: 'inconsistent',
    },
    {
      kind: 'failure mode without machine failure',
      value: json(
        bad({ labels: { machineFailure: false, TWF: true, HDF: false, PWF: false, OSF: false, RNF: false } }),
      ),
      reason: 'inconsistent',
    },
    { kind: 'unknown asset type', value: json(bad({ assetType: 'X' })), reason: 'unknown_asset_type' },
    { kind: 'future timestamp', value: json(bad({}, -3_600_000)), reason: 'future_timestamp' },
    {
      kind: 'timestamp before 2000',
      value: json(bad({ recordedAt: Date.UTC(1970, 0, 2) })),
      reason: 'invalid_timestamp',
    },
    { kind: 'timestamp as free text', value: json(bad({ recordedAt: 'yesterday' })), reason: 'wrong_type' },
    { kind: 'unknown field', value: json(bad({ vibrationMmS: 3.2 })), reason: 'unknown_field' },
    {
      kind: 'prototype pollution attempt',
      value: text(JSON.stringify(bad({})).replace('{', '{"__proto__":{"x":1},')),
      reason: 'unknown_field',
    },
    {
      kind: 'asset id with spaces',
      value: json(bad({ assetId: 'lathe 7; DROP TABLE readings' })),
      reason: 'invalid_format',
    },
    {
      kind: 'duplicate event id with other values',
      value: json([original, { ...original, torqueNm: 60 }]),
      reason: 'conflicting_duplicate',
      alsoStores: 1,
    },
  ];
}
