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

/** One field's error of a problem+json 422: `pointer` is a JSON pointer into the request body (`/buyer_email`). */
export interface FieldError {
  pointer: string;
  detail: string;
  /** Pydantic's error type (`missing`, `string_too_long`…) and its limits, for wording it (forms/field-errors.ts). */
  type?: string;
  ctx?: Record<string, string | number>;
}

/** A failed call: the problem+json `detail` when the API sent one; status 0 when no answer came. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Per-field errors of a 422 (problem+json `errors[]`). */
    readonly errors: FieldError[] = [],
    /** Seconds from a 429's Retry-After header. */
    readonly retryAfter: number | null = null,
    /** The whole problem document, for answers that carry more (e.g. town candidates). */
    readonly problem: Record<string, unknown> | null = null,
  ) {
    super(message);
  }
}

function fieldError(e: Record<string, unknown>): FieldError {
  const error: FieldError = { pointer: typeof e.pointer === 'string' ? e.pointer : '', detail: String(e.detail ?? e.message ?? e.msg ?? '') };
  if (typeof e.type === 'string') error.type = e.type;
  if (e.ctx && typeof e.ctx === 'object') error.ctx = e.ctx as Record<string, string | number>;
  return error;
}

/** The ApiError of a failed response, from its problem+json body when there is one. */
export async function failure(response: Response): Promise<ApiError> {
  const problem = await response.json().catch(() => null) as Record<string, unknown> | null;
  const raw = Array.isArray(problem?.errors) ? problem.errors as Record<string, unknown>[] : [];
  const errors = raw.map(fieldError);
  const retry = Number(response.headers.get('Retry-After'));
  return new ApiError(response.status, typeof problem?.detail === 'string' ? problem.detail : `HTTP ${response.status}`,
    errors, Number.isFinite(retry) && retry > 0 ? retry : null, problem);
}

type PostPath = { [P in keyof paths]: paths[P] extends { post: object } ? P : never }[keyof paths];
type PostOperation<P extends PostPath> = paths[P]['post'];
export type BodyOf<P extends PostPath> =
  PostOperation<P> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type PostPathParams<P extends PostPath> = PostOperation<P> extends { parameters: { path: infer A } } ? A : never;
type Ok<R> = R extends { content: { 'application/json': infer J } } ? J : never;
export type PostJsonOf<P extends PostPath> = PostOperation<P> extends { responses: infer R }
  ? R extends { 200: infer A } ? Ok<A> : R extends { 201: infer A } ? Ok<A> : R extends { 202: infer A } ? Ok<A> : never
  : never;

function fillPath(template: string, params: Record<string, unknown> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params?.[name] ?? '')));
}

/** An endpoint without a request body (e.g. approve) takes `undefined`. */
type BodyArg<P extends PostPath> = [BodyOf<P>] extends [never] ? undefined : BodyOf<P>;

/** Headers of a call, with `Authorization: Bearer` when a staff or member token is given. */
function headersFor(token: string | undefined, json: boolean): Record<string, string> {
  return {
    Accept: 'application/json',
    ...(json ? { 'Content-Type': 'application/json' } : {}),
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  };
}

/** POST a JSON body to the API, typed by its path template; a non-2xx answer throws an ApiError. */
export async function postJson<P extends PostPath>(template: P, body: BodyArg<P>,
  options: { path?: PostPathParams<P>; signal?: AbortSignal; token?: string } = {}): Promise<PostJsonOf<P>> {
  let response: Response;
  try {
    response = await fetch(fillPath(String(template), options.path as Record<string, unknown> | undefined), {
      method: 'POST', headers: headersFor(options.token, body !== undefined),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}), signal: options.signal,
    });
  } catch (error) {
    throw new ApiError(0, String(error));
  }
  if (!response.ok) throw await failure(response);
  return response.json() as Promise<PostJsonOf<P>>;
}

type DeletePath = { [P in keyof paths]: paths[P] extends { delete: object } ? P : never }[keyof paths];
type DeletePathParams<P extends DeletePath> = paths[P]['delete'] extends { parameters: { path: infer A } } ? A : never;

/** DELETE a resource (e.g. revoke a token); a non-2xx answer throws an ApiError. */
export async function deleteJson<P extends DeletePath>(template: P,
  options: { path?: DeletePathParams<P>; token?: string } = {}): Promise<void> {
  let response: Response;
  try {
    response = await fetch(fillPath(String(template), options.path as Record<string, unknown> | undefined), {
      method: 'DELETE', headers: headersFor(options.token, false),
    });
  } catch (error) {
    throw new ApiError(0, String(error));
  }
  if (!response.ok) throw await failure(response);
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
  /** A bearer token (staff or member). */
  token?: string;
}

/** GET a JSON document of the API, typed from the OpenAPI document by its path template. */
export async function getJson<P extends GetPath>(template: P, options: GetOptions<P> = {}): Promise<JsonOf<P>> {
  const path = fillPath(String(template), options.path as Record<string, unknown> | undefined);
  let response: Response;
  try {
    response = await fetch(path + queryString((options.query ?? {}) as Record<string, unknown>), {
      headers: headersFor(options.token, false), signal: options.signal,
    });
  } catch (error) {
    throw new ApiError(0, String(error));
  }
  if (!response.ok) throw await failure(response);
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
  if (filters.cluster.length) query.cluster = filters.cluster;
  if (filters.verified) query.verified = true;
  if (filters.claimed) query.claimed = true;
  if (around) {
    query.lat = around.lat;
    query.lon = around.lng;
    query.radius_km = around.radiusKm;
    query.sort = 'distance';
  }
  return query;
}
