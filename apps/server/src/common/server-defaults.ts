/** The server's defaults, in a module of their own so the CLI can show them in --help without loading Nest. */
export const DEFAULT_DB_PATH = './data/regsweep.sqlite';
export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';
