// Calls that need the ETag: a GET that returns it and a PATCH or POST that sends it as If-Match.
import { ApiError, failure } from '../api/client';

export interface Tagged<T> {
  data: T;
  etag: string | null;
}

/** A JSON call with a bearer token; `ifMatch` for changes to existing rows. */
export async function call<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, token: string,
  options: { body?: unknown; ifMatch?: string | null } = {}): Promise<Tagged<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}` };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifMatch) headers['If-Match'] = options.ifMatch;
  let response: Response;
  try {
    response = await fetch(url, {
      method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch (error) {
    throw new ApiError(0, String(error));
  }
  if (!response.ok) throw await failure(response);
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  return { data: data as T, etag: response.headers.get('ETag') };
}

/**
 * The ETag to send when changing a row shown from a list: the header of the row's own GET (ETags are
 * opaque; the SPA never builds them). A row that changed since the list was read (`unchanged` says no)
 * is a 412, as the write itself would have been, so the caller's conflict handling applies.
 */
export async function currentEtag<T>(url: string, token: string, unchanged: (row: T) => boolean): Promise<string | null> {
  const { data, etag } = await call<T>('GET', url, token);
  if (!unchanged(data)) throw new ApiError(412, 'The row changed since you read it.');
  return etag;
}
