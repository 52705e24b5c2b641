/**
 * Hash routing (#/sweeps/ID): the server only has to serve index.html at `/`, and every page
 * has a URL that can be bookmarked.
 */
import { useEffect, useState } from 'react';

export type Route =
  /** `query`: the list's filters, the part of `#/sweeps?…` after the `?` (sweep-filters.ts). */
  | { page: 'sweeps'; query: string }
  | { page: 'new-sweep' }
  | { page: 'sweep'; id: string }
  | { page: 'datasets' }
  | { page: 'dataset'; name: string }
  | { page: 'compare'; ids: string[] }
  | { page: 'schedules' }
  | { page: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const [path, search = ''] = (hash.replace(/^#/, '') || '/').split(/\?(.*)/s);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 1 && parts[0] === 'compare') {
    const ids = (new URLSearchParams(search).get('sweeps') ?? '').split(',').filter(Boolean);
    return { page: 'compare', ids };
  }
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'sweeps')) return { page: 'sweeps', query: search };
  if (parts[0] === 'sweeps' && parts[1] === 'new' && parts.length === 2) return { page: 'new-sweep' };
  if (parts[0] === 'sweeps' && parts.length === 2) return { page: 'sweep', id: parts[1] };
  if (parts[0] === 'datasets' && parts.length === 1) return { page: 'datasets' };
  if (parts[0] === 'datasets' && parts.length === 2) return { page: 'dataset', name: parts[1] };
  if (parts[0] === 'schedules' && parts.length === 1) return { page: 'schedules' };
  return { page: 'not-found', path };
}

export const href = {
  sweeps: (query = '') => (query ? `#/sweeps?${query}` : '#/sweeps'),
  newSweep: () => '#/sweeps/new',
  sweep: (id: string) => `#/sweeps/${encodeURIComponent(id)}`,
  datasets: () => '#/datasets',
  dataset: (name: string) => `#/datasets/${encodeURIComponent(name)}`,
  compare: (ids: readonly string[]) => `#/compare?sweeps=${ids.map(encodeURIComponent).join(',')}`,
  schedules: () => '#/schedules',
};

export function navigate(to: string): void {
  window.location.hash = to.replace(/^#/, '');
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
