/** Small pieces the OpenAPI schemas share (OpenAPI 3.0: `nullable`, not type arrays). */
export const nullable = <T extends object>(schema: T) => ({ ...schema, nullable: true });
export const number = { type: 'number' };
export const integer = { type: 'integer' };
export const string = { type: 'string' };
export const dateTime = { type: 'string', format: 'date-time' };
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
