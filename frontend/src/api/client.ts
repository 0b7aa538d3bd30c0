// A thin typed client: paths and bodies come from schema.d.ts, generated from the API's OpenAPI
// document, so a renamed field breaks the build instead of the page.
import type { components, paths } from './schema';
import type { Around, Filters } from '../app/url-state';

export type Enterprise = components['schemas']['EnterpriseOut'];
export type EnterpriseDetail = components['schemas']['EnterpriseDetail'];
export type EnterprisePage = components['schemas']['EnterprisePage'];
export type Offering = components['schemas']['OfferingOut'];

/** The methods the client sends; each path of the OpenAPI document is typed per method. */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type PathOf<M extends Method> = { [P in keyof paths]: paths[P] extends { [K in M]: object } ? P : never }[keyof paths];
/** The OpenAPI operation of a method on a path. */
type Op<M extends Method, P extends PathOf<M>> = paths[P] extends { [K in M]: infer O } ? O : never;
type Params<O> = O extends { parameters: infer X } ? X : never;
type PathParams<O> = Params<O> extends { path: infer A } ? A : never;
type QueryParams<O> = Params<O> extends { query?: infer Q } ? NonNullable<Q> : never;
type Json<R> = R extends { content: { 'application/json': infer J } } ? J : never;
/** The JSON of the operation's success (200, 201 or 202); `void` for a 204. */
type Answer<O> = O extends { responses: infer R }
  ? R extends { 200: infer A } ? Json<A> : R extends { 201: infer A } ? Json<A> : R extends { 202: infer A } ? Json<A> : void
  : never;
type Body<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
/** An operation without a request body (e.g. approve) takes `undefined`. */
type BodyArg<O> = [Body<O>] extends [never] ? undefined : Body<O>;
/** `ifMatch` is required where the operation requires the If-Match header (a 428 otherwise). */
type IfMatchArg<O> = Params<O> extends { header: { 'if-match': unknown } } ? { ifMatch: string | null } : { ifMatch?: string | null };

type GetPath = PathOf<'get'>;
export type QueryOf<P extends GetPath> = QueryParams<Op<'get', P>>;
export type JsonOf<P extends GetPath> = Answer<Op<'get', P>>;
export type BodyOf<P extends PathOf<'post'>> = Body<Op<'post', P>>;
export type BodyFor<M extends 'put' | 'patch', P extends PathOf<M>> = Body<Op<M, P>>;

/** What a call sends besides its body: path parameters, query, bearer token, If-Match. */
export type Options<M extends Method, P extends PathOf<M>> = {
  path?: PathParams<Op<M, P>>;
  query?: QueryParams<Op<M, P>>;
  signal?: AbortSignal;
  /** A bearer token (staff or member). */
  token?: string;
} & IfMatchArg<Op<M, P>>;

/** A document and the `ETag` header it came with: the version to send back as If-Match. ETags are opaque:
 * the SPA never builds one from an id and a version. */
export interface Tagged<T> {
  data: T;
  etag: string | null;
}

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

function fillPath(template: string, params: Record<string, unknown> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params?.[name] ?? '')));
}

/** Headers of a call: JSON, a bearer token, If-Match. */
function headersFor(token: string | undefined, json: boolean, ifMatch: string | null | undefined): Record<string, string> {
  return {
    Accept: 'application/json',
    ...(json ? { 'Content-Type': 'application/json' } : {}),
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
    ...(ifMatch ? { 'If-Match': ifMatch } : {}),
  };
}

/**
 * The one way the SPA calls its API: a method on a path template of the OpenAPI document, typed by it.
 * A non-2xx answer throws an ApiError (status 0 when no answer came); the answer's ETag comes back with it.
 */
export async function send<M extends Method, P extends PathOf<M>>(method: M, template: P, body: unknown,
  options: Options<M, P>): Promise<Tagged<Answer<Op<M, P>>>> {
  const url = fillPath(String(template), options.path as Record<string, unknown> | undefined)
    + queryString((options.query ?? {}) as Record<string, unknown>);
  let response: Response;
  try {
    response = await fetch(url, {
      method: method.toUpperCase(), headers: headersFor(options.token, body !== undefined, options.ifMatch),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}), signal: options.signal,
    });
  } catch (error) {
    throw new ApiError(0, String(error));
  }
  if (!response.ok) throw await failure(response);
  const data = response.status === 204 ? undefined : await response.json();
  return { data: data as Answer<Op<M, P>>, etag: response.headers.get('ETag') };
}

/**
 * A file the API gives only to a token (an export, the import template): fetched, then saved through an
 * object URL, since a link cannot carry the Authorization header.
 */
export async function saveFile(url: string, name: string, token: string): Promise<void> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new ApiError(response.status, `HTTP ${response.status}`);
  const href = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}

/** GET a JSON document of the API. */
export async function getJson<P extends GetPath>(template: P, options: Options<'get', P> = {} as Options<'get', P>): Promise<JsonOf<P>> {
  return (await send('get', template, undefined, options)).data;
}

/** GET a document with its ETag, for changing it afterwards. */
export function getTagged<P extends GetPath>(template: P, options: Options<'get', P> = {} as Options<'get', P>): Promise<Tagged<JsonOf<P>>> {
  return send('get', template, undefined, options);
}

/** POST a JSON body (or none); `ifMatch` where the operation changes an existing row. */
export async function postJson<P extends PathOf<'post'>>(template: P, body: BodyArg<Op<'post', P>>,
  options: Options<'post', P> = {} as Options<'post', P>): Promise<Answer<Op<'post', P>>> {
  return (await send('post', template, body, options)).data;
}

/** PUT a whole document (e.g. a year's impact report); the answer's ETag comes back with it. */
export function putJson<P extends PathOf<'put'>>(template: P, body: BodyArg<Op<'put', P>>,
  options: Options<'put', P>): Promise<Tagged<Answer<Op<'put', P>>>> {
  return send('put', template, body, options);
}

/** PATCH a row with If-Match; the answer's ETag is the version to send next. */
export function patchJson<P extends PathOf<'patch'>>(template: P, body: BodyArg<Op<'patch', P>>,
  options: Options<'patch', P>): Promise<Tagged<Answer<Op<'patch', P>>>> {
  return send('patch', template, body, options);
}

/** DELETE a resource (e.g. revoke a token), with If-Match where the operation takes one. */
export async function deleteJson<P extends PathOf<'delete'>>(template: P,
  options: Options<'delete', P> = {} as Options<'delete', P>): Promise<void> {
  await send('delete', template, undefined, options);
}

/**
 * The ETag to send when changing a row shown from a list: the header of the row's own GET. A row that
 * changed since the list was read (`unchanged` says no) is a 412, as the write itself would have been,
 * so the caller's conflict handling applies.
 */
export async function currentEtag<P extends GetPath>(template: P, options: Options<'get', P>,
  unchanged: (row: JsonOf<P>) => boolean): Promise<string | null> {
  const { data, etag } = await getTagged(template, options);
  if (!unchanged(data)) throw new ApiError(412, 'The row changed since you read it.');
  return etag;
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
