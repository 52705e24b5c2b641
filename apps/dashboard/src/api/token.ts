/**
 * The API token the dashboard sends as `Authorization: Bearer <token>` (the server asks for one on
 * writes once tokens exist, and on reads too when it runs with `readAccess: 'token'`). It is kept in
 * this browser's localStorage, so it survives reloads and is never part of a URL.
 */
import { useEffect, useState } from 'react';

const STORAGE_KEY = 'regsweep.apiToken';
/** Fired on window when the token changes, so the header and the pages re-render. */
const CHANGED_EVENT = 'regsweep:api-token-changed';
/** Fired on window to open the token setting (from a 401 message). */
const OPEN_EVENT = 'regsweep:open-token-setting';

/** localStorage can be unavailable (privacy modes) or full: the dashboard then simply works without a token. */
export function getApiToken(): string {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function setApiToken(token: string): void {
  const trimmed = token.trim();
  try {
    if (trimmed) window.localStorage.setItem(STORAGE_KEY, trimmed);
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing to do: the token just is not remembered.
  }
  window.dispatchEvent(new Event(CHANGED_EVENT));
}

/** The `Authorization` header for the current token, or none. */
export function authorizationHeader(): Record<string, string> {
  const token = getApiToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** The current token, re-read when it changes here or in another tab (the `storage` event). */
export function useApiToken(): string {
  const [token, setToken] = useState(getApiToken);
  useEffect(() => {
    const update = () => setToken(getApiToken());
    window.addEventListener(CHANGED_EVENT, update);
    window.addEventListener('storage', update);
    return () => {
      window.removeEventListener(CHANGED_EVENT, update);
      window.removeEventListener('storage', update);
    };
  }, []);
  return token;
}

export function openTokenSetting(): void {
  window.dispatchEvent(new Event(OPEN_EVENT));
}

/** Calls `open` whenever something asks for the token setting. */
export function useOpenTokenSettingRequests(open: () => void): void {
  useEffect(() => {
    window.addEventListener(OPEN_EVENT, open);
    return () => window.removeEventListener(OPEN_EVENT, open);
  }, [open]);
}
