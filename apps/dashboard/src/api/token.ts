/**
 * The API token the dashboard sends as `Authorization: Bearer <token>` (the server asks for one on
 * writes once tokens exist, and on reads too when it runs with `readAccess: 'token'`). It is kept in
 * this browser's localStorage, so it survives reloads and is never part of a URL.
 */
import { useEffect, useState } from 'react';

const STORAGE_KEY = 'regsweep.apiToken';
/**
 * The parts of `window` used here, spelled out: the client imports this file and Node-side tests import the
 * client, so it must also type-check under the root tsconfig, which has no DOM lib.
 */
interface TokenWindow {
  localStorage: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
  };
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
  dispatchEvent(event: Event): boolean;
}
const browserWindow = globalThis as unknown as TokenWindow;

/** Fired on window when the token changes, so the header and the pages re-render. */
const CHANGED_EVENT = 'regsweep:api-token-changed';
/** Fired on window to open the token setting (from a 401 message). */
const OPEN_EVENT = 'regsweep:open-token-setting';

/** localStorage can be unavailable (privacy modes) or full: the dashboard then simply works without a token. */
export function getApiToken(): string {
  try {
    return browserWindow.localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function setApiToken(token: string): void {
  const trimmed = token.trim();
  try {
    if (trimmed) browserWindow.localStorage.setItem(STORAGE_KEY, trimmed);
    else browserWindow.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing to do: the token just is not remembered.
  }
  browserWindow.dispatchEvent(new Event(CHANGED_EVENT));
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
    browserWindow.addEventListener(CHANGED_EVENT, update);
    browserWindow.addEventListener('storage', update);
    return () => {
      browserWindow.removeEventListener(CHANGED_EVENT, update);
      browserWindow.removeEventListener('storage', update);
    };
  }, []);
  return token;
}

export function openTokenSetting(): void {
  browserWindow.dispatchEvent(new Event(OPEN_EVENT));
}

/** Calls `open` whenever something asks for the token setting. */
export function useOpenTokenSettingRequests(open: () => void): void {
  useEffect(() => {
    browserWindow.addEventListener(OPEN_EVENT, open);
    return () => browserWindow.removeEventListener(OPEN_EVENT, open);
  }, [open]);
}

/**
 * A value read from the API (a list), read again whenever the API token changes: one refused without a token can
 * be read now. `reload` reads it again after a change; `setError` shows a failure of such a change.
 */
export function useReadWithToken<T>(read: () => Promise<T>, initial: T) {
  const [value, setValue] = useState<T>(initial);
  const [error, setError] = useState<unknown>(null);
  const token = useApiToken();
  const reload = () =>
    read().then((answer) => {
      setValue(answer);
      setError(null);
    }, setError);
  useEffect(() => {
    void reload();
  }, [token]);
  return { value, error, setError, reload };
}
