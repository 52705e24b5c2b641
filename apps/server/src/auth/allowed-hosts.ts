import type { NextFunction, Request, Response } from 'express';
import { problemBody } from '../common/problem-response';

/**
 * The host names this server answers to by default: the loopback names. A DNS-rebinding page reaches 127.0.0.1
 * under its own name (evil.example resolves to 127.0.0.1 after a first visit), and its browser sends that name in
 * `Host`; refusing unknown names is what keeps such a page from reading the API or submitting sweeps without a token.
 */
export const LOOPBACK_HOST_NAMES: readonly string[] = ['localhost', '127.0.0.1', '::1'];

/** `'any'` turns the check off (e.g. behind a proxy that checks names itself). */
export type AllowedHosts = ReadonlySet<string> | 'any';

/**
 * The allowed names: loopback, the listening host when it is a name or a specific address (not 0.0.0.0 / ::), and
 * each extra name (`--allowed-hosts`, REGSWEEP_ALLOWED_HOSTS, comma-separated; `*` allows any).
 */
export function allowedHostNames(extra: readonly string[], listenHost?: string): AllowedHosts {
  const names = extra.map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  if (names.includes('*')) return 'any';
  const wildcard = listenHost === undefined || ['0.0.0.0', '::', ''].includes(listenHost);
  return new Set([...LOOPBACK_HOST_NAMES, ...names.map(hostName), ...(wildcard ? [] : [hostName(listenHost)])]);
}

/** The name part of a Host header: without the port, IPv6 brackets removed, lower case. */
export function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(1, lower.indexOf(']') > 0 ? lower.indexOf(']') : undefined);
  const colon = lower.indexOf(':');
  return colon >= 0 && lower.indexOf(':', colon + 1) < 0 ? lower.slice(0, colon) : lower;
}

/**
 * 421 Misdirected Request for a Host that is not one of the allowed names. A request without Host (HTTP/1.0) passes:
 * browsers always send one, so rebinding cannot use that gap.
 */
export function allowedHostsOnly(allowed: AllowedHosts) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const host = request.headers.host;
    if (allowed === 'any' || host === undefined || allowed.has(hostName(host))) return next();
    const message = `this server does not answer to the host name "${hostName(host)}" (allowed: ${[...allowed].join(', ')}; extend with --allowed-hosts)`;
    response.status(421).json(problemBody(421, message, [{ path: 'host', message }]));
  };
}
