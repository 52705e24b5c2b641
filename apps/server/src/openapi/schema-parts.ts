/** Small pieces the OpenAPI schemas share (OpenAPI 3.0: `nullable`, not type arrays). */
export const nullable = <T extends object>(schema: T) => ({ ...schema, nullable: true });
export const number = { type: 'number' };
export const integer = { type: 'integer' };
export const string = { type: 'string' };
export const dateTime = { type: 'string', format: 'date-time' };
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const SWEEP_STATUS = { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] };

/** A sweep's best model in lists: null until the sweep has succeeded. */
export const BEST_SUMMARY = nullable({
  type: 'object',
  required: ['penalty', 'l1Ratio', 'lambda', 'validation'],
  properties: { penalty: string, l1Ratio: number, lambda: number, validation: nullable(number) },
});
