import { assertSupportedSchema, type JsonSchema } from './json-schema.js';

/** One parameter of an operation, as the OpenAPI document declares it. */
export interface OperationParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: JsonSchema;
}

/** One route and method of the OpenAPI document, reduced to what the fuzz generates from and checks. */
export interface Operation {
  readonly method: string;
  /** OpenAPI path template, `/api/v1/assets/{assetId}`. */
  readonly path: string;
  readonly summary: string;
  readonly parameters: readonly OperationParameter[];
  /** The JSON body schema, when the operation takes one. */
  readonly body: { readonly required: boolean; readonly schema: JsonSchema } | null;
  /** Response schema per status key (`200`, `4XX`), null where a status has no JSON content. */
  readonly responses: Readonly<Record<string, JsonSchema | null>>;
  /** Whether a credential is required (a `security` requirement). */
  readonly isSecured: boolean;
  /** Content types of the 2xx answer (`text/event-stream` for a stream). */
  readonly produces: readonly string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

interface DocumentShape {
  readonly paths?: Record<string, Record<string, Record<string, unknown>>>;
}

/** Every operation of an OpenAPI 3.1 document; throws when a schema uses a keyword the fuzz does not know. */
export function operationsOf(document: unknown): Operation[] {
  const paths = (document as DocumentShape).paths ?? {};
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const op = raw as {
        summary?: string;
        parameters?: OperationParameter[];
        requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
        responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
        security?: unknown[];
      };
      const where = `${method.toUpperCase()} ${path}`;
      const parameters = (op.parameters ?? []).map((p) => ({ ...p, required: p.required === true }));
      for (const p of parameters) assertSupportedSchema(p.schema, `${where} ${p.in}:${p.name}`);
      // Path, query and header parameters are generated; a cookie parameter would go untested, so it stops the run.
      const cookie = parameters.find((p) => p.in === 'cookie');
      if (cookie !== undefined) throw new Error(`${where}: cookie parameter ${cookie.name} is not generated`);
      const content = op.requestBody?.content;
      if (content !== undefined && Object.keys(content).some((c) => c !== 'application/json')) {
        throw new Error(`${where}: request body type ${Object.keys(content).join(', ')} is not generated`);
      }
      const bodySchema = content?.['application/json']?.schema;
      if (bodySchema !== undefined) assertSupportedSchema(bodySchema, `${where} body`);
      const responses: Record<string, JsonSchema | null> = {};
      const produces = new Set<string>();
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const types = Object.keys(response.content ?? {});
        if (status.startsWith('2')) types.forEach((t) => produces.add(t));
        const schema =
          response.content?.['application/json']?.schema ??
          response.content?.['application/problem+json']?.schema ??
          null;
        if (schema !== null) assertSupportedSchema(schema, `${where} response ${status}`);
        responses[status] = schema;
      }
      out.push({
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? '',
        parameters,
        body:
          bodySchema === undefined
            ? null
            : { required: op.requestBody?.required === true, schema: bodySchema },
        responses,
        isSecured: Array.isArray(op.security) && op.security.length > 0,
        produces: [...produces],
      });
    }
  }
  return out;
}

/** The documented schema of a response: by exact status, then its class (`4XX`), then `default`. */
export function responseSchemaFor(
  op: Operation,
  status: number,
): { readonly isDocumented: boolean; readonly schema: JsonSchema | null } {
  for (const key of [String(status), `${String(status)[0] ?? ''}XX`, 'default']) {
    if (key in op.responses) return { isDocumented: true, schema: op.responses[key] ?? null };
  }
  return { isDocumented: false, schema: null };
}
