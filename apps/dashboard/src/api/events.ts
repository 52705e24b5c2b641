/**
 * Server-sent events of one sweep (`GET /api/sweeps/:id/events`): `progress` {done,total},
 * `trial` (results of a finished task), `status` / `completed` (the sweep's new status).
 * The stream is read with fetch (client.ts `streamSweepEvents`), so it carries the API token.
 */
import { useEffect, useRef } from 'react';
import { streamSweepEvents } from './client';
import type { SseMessage } from './sse';
import { useApiToken } from './token';
import type { Progress, SweepStatus } from './types';

export interface SweepEventHandlers {
  onProgress?: (progress: Progress) => void;
  onTrial?: (data: unknown) => void;
  /**
   * Called for every status change; `finished` is true once the sweep will not change any more.
   * Also called with (undefined, false) when the stream ends early or cannot be opened: re-read the sweep then.
   */
  onStatus?: (status: SweepStatus | undefined, finished: boolean) => void;
}

const TERMINAL: ReadonlySet<string> = new Set(['succeeded', 'failed', 'cancelled']);

function parse(data: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(data);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : { value };
  } catch {
    return { value: data };
  }
}

/**
 * Reads the sweep's event stream while `enabled`; stops when the sweep finishes or the component
 * unmounts, and starts again when the API token changes (a refused stream may now be allowed).
 */
export function useSweepEvents(sweepId: string | undefined, enabled: boolean, handlers: SweepEventHandlers): void {
  // Handlers change every render; keep the latest in a ref so the stream is not reopened for each.
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const token = useApiToken();

  useEffect(() => {
    if (!sweepId || !enabled) return;
    const abort = new AbortController();
    let finished = false;

    const dispatch = (type: string, data: Record<string, unknown>) => {
      const current = handlersRef.current;
      if (type === 'progress' && typeof data.done === 'number') {
        current.onProgress?.({ done: data.done, total: Number(data.total) });
      } else if (type === 'trial') {
        current.onTrial?.(data);
      } else if (type === 'status' || type === 'completed') {
        const status = typeof data.status === 'string' ? (data.status as SweepStatus) : undefined;
        finished = type === 'completed' || (status !== undefined && TERMINAL.has(status));
        current.onStatus?.(status, finished);
        if (finished) abort.abort();
      }
    };

    const onMessage = ({ event, data: text }: SseMessage) => {
      const data = parse(text);
      if (event !== 'message') return dispatch(event, data);
      // Unnamed events carry their kind in the payload ({type: 'progress', data: {...}}) on some servers.
      const type = typeof data.type === 'string' ? data.type : typeof data.done === 'number' ? 'progress' : '';
      const payload = data.data && typeof data.data === 'object' ? (data.data as Record<string, unknown>) : data;
      if (type) dispatch(type, payload);
    };

    // An end without `completed` (server restart, proxy timeout, 401): let the page re-read the sweep; its poll goes on.
    const endedEarly = () => {
      if (!finished && !abort.signal.aborted) handlersRef.current.onStatus?.(undefined, false);
    };
    streamSweepEvents(sweepId, onMessage, abort.signal).then(endedEarly, endedEarly);
    return () => abort.abort();
  }, [sweepId, enabled, token]);
}
