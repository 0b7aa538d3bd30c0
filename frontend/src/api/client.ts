// A thin typed client: paths and bodies come from schema.d.ts, generated from the API's OpenAPI
// document, so a renamed field breaks the build instead of the page.
import type { components, paths } from './schema';
import type { Around, Filters } from '../app/url-state';

export type Enterprise = components['schemas']['EnterpriseOut'];
export type EnterpriseDetail = components['schemas']['EnterpriseDetail'];
export type EnterprisePage = components['schemas']['EnterprisePage'];
export type Offering = components['schemas']['OfferingOut'];

type GetPath = { [P in keyof paths]: paths[P] extends { get: object } ? P : never }[keyof paths];
type Operation<P extends GetPath> = paths[P]['get'];
export type QueryOf<P extends GetPath> = Operation<P> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type PathParamsOf<P extends GetPath> = Operation<P> extends { parameters: { path: infer A } } ? A : never;
export type JsonOf<P extends GetPath> =
  Operation<P> extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
export type ListQuery = QueryOf<'/api/v1/enterprises'>;

/** A failed call: the problem+json `detail` when the API sent one; status 0 when no answer came. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Repeats a key for each value of a list (`country=RO&country=MD`), as FastAPI reads lists. */
export function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== '') params.append(key, String(item));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface GetOptions<P extends GetPath> {
  path?: PathParamsOf<P>;
  query?: QueryOf<P>;
  signal?: AbortSignal;
}

/** GET a JSON document of the API, typed from the OpenAPI document by its path template. */
export async function getJson<P extends GetPath>(template: P, options: GetOptions<P> = {}): Promise<JsonOf<P>> {
  const path = String(template).replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String((options.path as Record<string, unknown> | undefined)?.[name] ?? '')));
  let response: Response;
  try {
    response = await fetch(path + queryString((options.query ?? {}) as Record<string, unknown>), {
      headers: { Accept: 'application/json' }, signal: options.signal,
    });
  } catch (error) {
    throw new ApiError(0, String(error));
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => null) as { detail?: string } | null;
    throw new ApiError(response.status, problem?.detail ?? `HTTP ${response.status}`);
  }
  return response.json() as Promise<JsonOf<P>>;
}

/** The list endpoint's query for the SPA's filters (and a search circle). */
export function listQuery(filters: Filters, around: Around | null): ListQuery {
  const query: ListQuery = {};
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.country.length) query.country = filters.country as ListQuery['country'];
  if (filters.region.length) query.region = filters.region;
  if (filters.sector.length) query.sector = filters.sector;
  if (filters.impact.length) query.impact = filters.impact;
  if (filters.certification.length) query.certification = filters.certification;
  if (filters.kind.length) query.kind = filters.kind as ListQuery['kind'];
  if (filters.verified) query.verified = true;
  if (around) {
    query.lat = around.lat;
    query.lon = around.lng;
    query.radius_km = around.radiusKm;
    query.sort = 'distance';
  }
  return query;
}
