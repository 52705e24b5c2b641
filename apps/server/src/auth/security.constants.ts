/** Injection token of the resolved SecurityOptions. */
export const SECURITY_OPTIONS = Symbol('SECURITY_OPTIONS');
