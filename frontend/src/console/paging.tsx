// Paging shared by the console's lists. The API pages forwards only (an opaque `next_cursor`), so the
// cursors already followed are kept in a stack: "previous" pops one and reads that page again.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';

export interface Page<T> {
  items: T[];
  next: string | null;
}

/** Reads one page: `cursor` is null for the first. */
export type FetchPage<T> = (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>;

export type PageLoad<T> = { status: 'loading' } | { status: 'ready'; page: Page<T> } | { status: 'error'; error: unknown };

export interface PagedList<T> {
  load: PageLoad<T>;
  /** The page shown, from 1. */
  number: number;
  hasPrevious: boolean;
  hasNext: boolean;
  previous(): void;
  next(): void;
  /** Reads the page shown again (after a change to one of its rows, or a failure). */
  reload(): void;
  /** Changes the rows shown without asking the API (e.g. a decided submission leaves the queue). */
  update(change: (items: T[]) => T[]): void;
}

interface Stack {
  key: string;
  cursors: (string | null)[];
}

/**
 * One paged list. `key` names what is listed (the token and the filters, as text): a new key starts again
 * at the first page. `fetchPage` may be a new function on each render; the latest one is used.
 */
export function usePagedList<T>(key: string, fetchPage: FetchPage<T>): PagedList<T> {
  const [stack, setStack] = useState<Stack>({ key, cursors: [null] });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(fetchPage);
  latest.current = fetchPage;
  // Derived rather than reset in an effect, so new filters never fetch a page of the old ones first.
  const cursors = stack.key === key ? stack.cursors : [null];
  const cursor = cursors[cursors.length - 1] ?? null;
  // What was loaded is shown only for the request that loaded it: from the very render that changes the
  // filters or the page, the list says "loading" instead of showing the old rows under the new status.
  const request = JSON.stringify([key, cursor, attempt]);
  const [loaded, setLoaded] = useState<{ request: string; load: PageLoad<T> } | null>(null);
  const load: PageLoad<T> = loaded?.request === request ? loaded.load : { status: 'loading' };

  useEffect(() => {
    const controller = new AbortController();
    const settle = (result: PageLoad<T>) => { if (!controller.signal.aborted) setLoaded({ request, load: result }); };
    latest.current(cursor, controller.signal)
      .then((page) => settle({ status: 'ready', page }), (error: unknown) => settle({ status: 'error', error }));
    return () => controller.abort();
  }, [request]);

  const next = load.status === 'ready' ? load.page.next : null;
  return {
    load,
    number: cursors.length,
    hasPrevious: cursors.length > 1,
    hasNext: next !== null,
    previous: () => { if (cursors.length > 1) setStack({ key, cursors: cursors.slice(0, -1) }); },
    next: () => { if (next !== null) setStack({ key, cursors: [...cursors, next] }); },
    reload: () => setAttempt((n) => n + 1),
    update: (change) => setLoaded((current) => current?.load.status === 'ready'
      ? { request: current.request, load: { status: 'ready', page: { ...current.load.page, items: change(current.load.page.items) } } }
      : current),
  };
}

/** "Page 2: 25 rows" for the list's live status line; empty while loading or after a failure. */
export function usePageStatus<T>(list: PagedList<T>): string {
  const { t } = useI18n();
  return list.load.status === 'ready' ? t('admin.page.status', { page: list.number, count: list.load.page.items.length }) : '';
}

/**
 * Previous and next, absent from a list of one page. They stay in the page while a page loads and are
 * marked aria-disabled rather than disabled, so that a keyboard user's focus stays on the button pressed.
 */
export function PageButtons<T>({ list, label }: { list: PagedList<T>; label: string }) {
  const { t } = useI18n();
  const ready = list.load.status === 'ready';
  const shownBefore = useRef(false);
  const shown = list.number > 1 || list.hasNext || (!ready && shownBefore.current);
  shownBefore.current = shown;
  if (!shown) return null;
  const canPrevious = ready && list.hasPrevious;
  const canNext = ready && list.hasNext;
  return (
    <nav class="button-row console-pager" aria-label={label}>
      <button type="button" class="button" aria-disabled={!canPrevious} onClick={() => canPrevious && list.previous()}>
        {t('admin.page.previous')}
      </button>
      <button type="button" class="button" aria-disabled={!canNext} onClick={() => canNext && list.next()}>
        {t('admin.page.next')}
      </button>
    </nav>
  );
}
