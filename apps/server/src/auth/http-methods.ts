/** Methods that only read. Every other method (POST, PUT, PATCH, DELETE) is a write. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isWrite(method: string): boolean {
  return !READ_METHODS.has(method.toUpperCase());
}
