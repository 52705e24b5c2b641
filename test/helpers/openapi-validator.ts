/**
 * Checks real HTTP answers against the OpenAPI document the server serves: the status must be documented for the
 * operation, and a JSON body must validate (ajv, formats included) against that status's schema. Records which
 * (operation, status) pairs were seen, so a test can require that every operation was exercised.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- OpenAPI is untyped JSON

/**
 * OpenAPI 3.0 → the JSON Schema ajv reads: `exclusiveMinimum: true` + `minimum: x` becomes `exclusiveMinimum: x`
 * (likewise for the maximum); `nullable` ajv understands itself.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, toJsonSchema(value)]));
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ]) {
    if (out[exclusive] === true) {
      out[exclusive] = out[bound];
      delete out[bound];
    } else if (out[exclusive] === false) delete out[exclusive];
  }
  if (typeof out.$ref === 'string') out.$ref = out.$ref.replace('#/components/schemas/', 'components#/definitions/');
  return out;
}

export class OpenApiValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly seen = new Set<string>();

  constructor(readonly document: Json) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'components', definitions: toJsonSchema(document.components.schemas) });
  }

  /** Every `METHOD /path` of the document. */
  operations(): string[] {
    return Object.entries(this.document.paths as Json).flatMap(([path, operations]) =>
      Object.keys(operations as Json).map((method) => `${method.toUpperCase()} ${path}`),
    );
  }

  /**
   * Throws unless `status` is documented for `METHOD /path` (the template, e.g. /api/sweeps/{id}) and a JSON body
   * matches its schema. `contentType` of a non-JSON answer (the event stream) must be one the document names.
   */
  check(operation: string, response: { status: number; body: unknown; headers: Record<string, string> }): void {
    const [method, path] = operation.split(' ');
    const documented = this.document.paths[path]?.[method.toLowerCase()];
    if (!documented) throw new Error(`${operation} is not in the document`);
    const answer = documented.responses[String(response.status)];
    if (!answer) {
      throw new Error(
        `${operation} answered ${response.status}, which is not documented: ${JSON.stringify(response.body)}`,
      );
    }
    this.seen.add(`${operation} ${response.status}`);
    const type = (response.headers['content-type'] ?? '').split(';')[0];
    if (!answer.content) {
      if (response.status !== 204) throw new Error(`${operation} ${response.status}: the document names no content`);
      return;
    }
    if (!answer.content[type]) throw new Error(`${operation} ${response.status}: content type ${type} not documented`);
    if (type !== 'application/json') return;
    const validate = this.validator(`${operation} ${response.status}`, answer.content[type].schema);
    if (!validate(response.body)) {
      const problems = this.ajv.errorsText(validate.errors, { separator: '\n' });
      throw new Error(`${operation} ${response.status} does not match its schema:\n${problems}`);
    }
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as Json);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}
