import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, listQuery, type Enterprise } from '../api/client';
import type { Around, Filters } from '../app/url-state';

export const PAGE_SIZE = 20;

export interface ListState {
  status: 'loading' | 'ready' | 'error';
  items: Enterprise[];
  total: number;
  totalExact: boolean;
  nextCursor: string | null;
  loadingMore: boolean;
}

const INITIAL: ListState = { status: 'loading', items: [], total: 0, totalExact: true, nextCursor: null, loadingMore: false };

/**
 * The first page of the list for the filters (within `bbox` when given: the map's view), with "load more"
 * and "retry"; stale answers are dropped.
 */
export function useEnterpriseList(filters: Filters, around: Around | null, bbox: string | null = null) {
  const [state, setState] = useState<ListState>(INITIAL);
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify({ ...listQuery(filters, around), ...(bbox ? { bbox } : {}) });
  const current = useRef<AbortController | null>(null);

  async function fetchPage(cursor: string | null, signal: AbortSignal) {
    return getJson('/api/v1/enterprises', {
      query: { ...JSON.parse(key), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }, signal,
    });
  }

  useEffect(() => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setState((s) => ({ ...s, status: 'loading', loadingMore: false }));
    fetchPage(null, controller.signal).then(
      (page) => setState({ status: 'ready', items: page.items, total: page.total, totalExact: page.total_exact,
        nextCursor: page.next_cursor ?? null, loadingMore: false }),
      () => !controller.signal.aborted && setState((s) => ({ ...s, status: 'error' })),
    );
    return () => controller.abort();
  }, [key, attempt]);

  function loadMore() {
    const controller = current.current;
    if (!state.nextCursor || !controller) return;
    setState((s) => ({ ...s, loadingMore: true }));
    fetchPage(state.nextCursor, controller.signal).then(
      (page) => setState((s) => ({ ...s, items: [...s.items, ...page.items], nextCursor: page.next_cursor ?? null, loadingMore: false })),
      () => !controller.signal.aborted && setState((s) => ({ ...s, loadingMore: false, status: 'error' })),
    );
  }

  return { ...state, loadMore, retry: () => setAttempt((n) => n + 1) };
}
