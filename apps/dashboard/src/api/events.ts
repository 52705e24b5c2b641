/**
 * Server-sent events of one sweep (`GET /api/sweeps/:id/events`): `progress` {done,total},
 * `trial` (results of a finished task), `status` / `completed` (the sweep's new status).
 */
import { useEffect, useRef } from 'react';
import { sweepEventsUrl } from './client';
import type { Progress, SweepStatus } from './types';

export interface SweepEventHandlers {
  onProgress?: (progress: Progress) => void;
  onTrial?: (data: unknown) => void;
  /** Called for every status change; `finished` is true once the sweep will not change any more. */
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

/** Opens the sweep's event stream while `enabled`; closes it when the sweep finishes or the component unmounts. */
export function useSweepEvents(sweepId: string | undefined, enabled: boolean, handlers: SweepEventHandlers): void {
  // Handlers change every render; keep the latest in a ref so the stream is not reopened for each.
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  useEffect(() => {
    if (!sweepId || !enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource(sweepEventsUrl(sweepId));

    const dispatch = (type: string, data: Record<string, unknown>) => {
      const current = handlersRef.current;
      if (type === 'progress' && typeof data.done === 'number') {
        current.onProgress?.({ done: data.done, total: Number(data.total) });
      } else if (type === 'trial') {
        current.onTrial?.(data);
      } else if (type === 'status' || type === 'completed') {
        const status = typeof data.status === 'string' ? (data.status as SweepStatus) : undefined;
        const finished = type === 'completed' || (status !== undefined && TERMINAL.has(status));
        current.onStatus?.(status, finished);
        if (finished) source.close();
      }
    };

    for (const type of ['progress', 'trial', 'status', 'completed']) {
      source.addEventListener(type, (event) => dispatch(type, parse((event as MessageEvent<string>).data)));
    }
    // Unnamed events carry their kind in the payload ({type: 'progress', ...}) on some servers.
    source.onmessage = (event: MessageEvent<string>) => {
      const data = parse(event.data);
      const type = typeof data.type === 'string' ? data.type : typeof data.done === 'number' ? 'progress' : '';
      const payload = data.data && typeof data.data === 'object' ? (data.data as Record<string, unknown>) : data;
      if (type) dispatch(type, payload);
    };
    // The server ends the stream after completion; EventSource would reconnect forever, so stop and re-check.
    source.onerror = () => {
      if (source.readyState !== EventSource.OPEN) {
        source.close();
        handlersRef.current.onStatus?.(undefined, false);
      }
    };
    return () => source.close();
  }, [sweepId, enabled]);
}
