import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, type EnterpriseDetail } from '../api/client';

export type EnterpriseState =
  | { status: 'loading' }
  | { status: 'ready'; enterprise: EnterpriseDetail }
  | { status: 'not-found' }
  | { status: 'error'; error: ApiError };

/** One enterprise with its offerings, by slug; a 404 is its own state, not an error. */
export function useEnterprise(slug: string): EnterpriseState & { retry(): void } {
  const [state, setState] = useState<EnterpriseState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    getJson('/api/v1/enterprises/{key}', { path: { key: slug }, signal: controller.signal }).then(
      (enterprise) => setState({ status: 'ready', enterprise }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 404) setState({ status: 'not-found' });
        else setState({ status: 'error', error: error instanceof ApiError ? error : new ApiError(0, String(error)) });
      },
    );
    return () => controller.abort();
  }, [slug, attempt]);
  return { ...state, retry: () => setAttempt((n) => n + 1) };
}
