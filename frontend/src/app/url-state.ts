// The whole view lives in the URL (path + query string), so a link, a reload and the back button
// all show the same thing. This module only converts; src/app/store.ts owns the history.
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../i18n/types';
import clientRoutes from './client-routes.json';

export type Route =
  | { name: 'map' }
  | { name: 'enterprise'; slug: string }
  /** A cluster's public page: /cluster/{slug}. */
  | { name: 'cluster'; slug: string }
  /** The one-time links of the e-mails: /claims/confirm?token=… and /freshness/confirm?token=… */
  | { name: 'claim-confirm'; token: string }
  | { name: 'freshness-confirm'; token: string }
  /** A buyer's saved need: /saved-needs/confirm?token=… from its confirmation e-mail. */
  | { name: 'saved-need-confirm'; token: string }
  | { name: 'saved-need-stop'; token: string }
  | { name: 'embed-code' }
  /** "Add your enterprise": a proposal reviewed before publication. */
  | { name: 'add-enterprise' }
  /** What personal data the site keeps, why, how long, and how to have it removed. */
  | { name: 'privacy' }
  /** The open-data downloads. */
  | { name: 'open-data' }
  /** The buyer-match wizard; with an id, a stored match (/match/{uuid}). */
  | { name: 'match'; id: string | null }
  /** The staff console (admin or editor token): /admin (moderation), /admin/stats, /admin/members, /admin/requests, /admin/imports, /admin/tokens, /admin/audit. */
  | { name: 'admin'; tab: AdminTab }
  /** The members area (member token bound to one organisation). */
  | { name: 'member' }
  /** The tender radar: open public tenders (/tenders) and one tender (/tenders/{id}). */
  | { name: 'tenders' }
  | { name: 'tender'; id: number }
  | { name: 'not-found'; path: string };

export const ADMIN_TABS = ['moderation', 'claims', 'duplicates', 'enterprises', 'stats', 'members', 'requests', 'embeds', 'imports', 'tokens',
  'audit', 'outbox', 'funding'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

export interface Filters {
  q: string;
  country: string[];
  region: string[];
  sector: string[];
  impact: string[];
  certification: string[];
  kind: string[];
  /** Members of these clusters only (slugs). */
  cluster: string[];
  verified: boolean;
  claimed: boolean;
}

export interface MapView {
  lng: number;
  lat: number;
  zoom: number;
}

/** A circle to search within ("near me" or a point picked on the map). */
export interface Around {
  lng: number;
  lat: number;
  radiusKm: number;
}

export interface AppState {
  route: Route;
  lang: Language;
  filters: Filters;
  /** null until the map has moved: the map then frames RO, MD and UA. */
  view: MapView | null;
  /** The enterprise whose panel is open on the map (a slug). */
  selected: string | null;
  around: Around | null;
  choropleth: boolean;
  /** The result list lists every match (`list=all`) rather than only what the map shows. */
  listAll: boolean;
}

export const EMPTY_FILTERS: Filters = {
  q: '', country: [], region: [], sector: [], impact: [], certification: [], kind: [], cluster: [], verified: false, claimed: false,
};

const LIST_KEYS = ['country', 'region', 'sector', 'impact', 'certification', 'kind', 'cluster'] as const;
type ListKey = (typeof LIST_KEYS)[number];
// Codes only: anything else in a hand-edited URL is dropped rather than sent to the API.
const CODE = /^[A-Za-z0-9_.-]{1,40}$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function activeFilterCount(filters: Filters): number {
  return LIST_KEYS.reduce((n, key) => n + filters[key].length, 0) + (filters.verified ? 1 : 0) + (filters.claimed ? 1 : 0);
}

const TOKEN = /^[A-Za-z0-9_-]{1,100}$/;

/** The paths the server answers with the app (200); anything else is its not-found screen (404). */
const CLIENT_ROUTES = clientRoutes.routes.map((r) => ({ name: r.name, pattern: new RegExp(r.pattern) }));

function parseRoute(pathname: string, token: string | null): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  const route = routeOf(path, token);
  // A screen only where the server's list has one, so that the two never disagree.
  const listed = CLIENT_ROUTES.some((r) => r.name === route.name && r.pattern.test(path));
  return listed ? route : { name: 'not-found', path };
}

/** The e-mails' one-time links: pages that post their token when a button is pressed. */
const TOKEN_PAGES: Record<string, 'claim-confirm' | 'freshness-confirm' | 'saved-need-confirm' | 'saved-need-stop'> = {
  '/claims/confirm': 'claim-confirm', '/freshness/confirm': 'freshness-confirm',
  '/saved-needs/confirm': 'saved-need-confirm', '/saved-needs/stop': 'saved-need-stop',
};

function routeOf(path: string, token: string | null): Route {
  if (path === '/') return { name: 'map' };
  if (path === '/embed-code') return { name: 'embed-code' };
  if (path === '/open-data') return { name: 'open-data' };
  if (path === '/add-enterprise') return { name: 'add-enterprise' };
  if (path === '/privacy') return { name: 'privacy' };
  if (path === '/match') return { name: 'match', id: null };
  if (path === '/admin') return { name: 'admin', tab: 'moderation' };
  if (path === '/member') return { name: 'member' };
  if (path === '/tenders') return { name: 'tenders' };
  const tender = /^\/tenders\/([1-9][0-9]{0,17})$/.exec(path);
  if (tender?.[1]) return { name: 'tender', id: Number(tender[1]) };
  const admin = /^\/admin\/([a-z]+)$/.exec(path);
  const tab = ADMIN_TABS.find((name) => name !== 'moderation' && name === admin?.[1]);
  if (tab) return { name: 'admin', tab };
  const stored = /^\/match\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(path);
  if (stored?.[1]) return { name: 'match', id: stored[1].toLowerCase() };
  const name = TOKEN_PAGES[path];
  if (name) {
    // A missing or mangled token is still this page: it says the link is unknown.
    return { name, token: token && TOKEN.test(token) ? token : '' };
  }
  const cluster = /^\/cluster\/([^/]+)$/.exec(path);
  if (cluster?.[1] && SLUG.test(cluster[1])) return { name: 'cluster', slug: cluster[1] };
  // /enterprises/{slug} is the profile URL the linked data (schema.org, Murmurations) publishes: the same page.
  const match = /^\/(?:e|enterprises)\/([^/]+)$/.exec(path);
  if (match?.[1]) {
    const slug = decodeURIComponent(match[1]);
    if (SLUG.test(slug)) return { name: 'enterprise', slug };
  }
  return { name: 'not-found', path };
}

function parseList(raw: string | null): string[] {
  if (!raw) return [];
  return [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => CODE.test(s)))];
}

function parseNumbers(raw: string | null, count: number): number[] | null {
  if (!raw) return null;
  const parts = raw.split('/').map(Number);
  return parts.length === count && parts.every(Number.isFinite) ? parts : null;
}

function parseView(raw: string | null): MapView | null {
  const parts = parseNumbers(raw, 3);
  if (!parts) return null;
  const [zoom, lat, lng] = parts as [number, number, number];
  if (zoom < 0 || zoom > 22 || Math.abs(lat) > 85 || Math.abs(lng) > 180) return null;
  return { zoom, lat, lng };
}

function parseAround(raw: string | null): Around | null {
  const parts = parseNumbers(raw, 3);
  if (!parts) return null;
  const [lat, lng, radiusKm] = parts as [number, number, number];
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180 || radiusKm <= 0 || radiusKm > 2000) return null;
  return { lat, lng, radiusKm };
}

/** The state a URL describes; `fallbackLanguage` is used when the URL names none. */
export function parseUrl(url: string, fallbackLanguage: Language = DEFAULT_LANGUAGE): AppState {
  const { pathname, searchParams: p } = new URL(url, 'http://x');
  const lang = p.get('lang');
  const filters: Filters = { ...EMPTY_FILTERS, q: (p.get('q') ?? '').slice(0, 200), verified: p.get('verified') === '1', claimed: p.get('claimed') === '1' };
  for (const key of LIST_KEYS) filters[key] = parseList(p.get(key));
  const selected = p.get('sel');
  return {
    route: parseRoute(pathname, p.get('token')),
    lang: isLanguage(lang) ? lang : fallbackLanguage,
    filters,
    view: parseView(p.get('map')),
    selected: selected && SLUG.test(selected) ? selected : null,
    around: parseAround(p.get('around')),
    choropleth: p.get('layer') === 'regions',
    listAll: p.get('list') === 'all',
  };
}

const round = (value: number, digits: number) => String(Number(value.toFixed(digits)));

function routePath(route: Route): string {
  if (route.name === 'enterprise') return `/e/${encodeURIComponent(route.slug)}`;
  if (route.name === 'cluster') return `/cluster/${encodeURIComponent(route.slug)}`;
  if (route.name === 'claim-confirm') return '/claims/confirm';
  if (route.name === 'freshness-confirm') return '/freshness/confirm';
  if (route.name === 'saved-need-confirm') return '/saved-needs/confirm';
  if (route.name === 'saved-need-stop') return '/saved-needs/stop';
  if (route.name === 'embed-code') return '/embed-code';
  if (route.name === 'open-data') return '/open-data';
  if (route.name === 'add-enterprise') return '/add-enterprise';
  if (route.name === 'privacy') return '/privacy';
  if (route.name === 'member') return '/member';
  if (route.name === 'tenders') return '/tenders';
  if (route.name === 'tender') return `/tenders/${route.id}`;
  if (route.name === 'match') return route.id ? `/match/${route.id}` : '/match';
  if (route.name === 'admin') return route.tab === 'moderation' ? '/admin' : `/admin/${route.tab}`;
  return route.name === 'not-found' ? route.path : '/';
}

/** The URL (path and query) of a state; the inverse of parseUrl for every state it can return. */
export function toUrl(state: AppState): string {
  const p = new URLSearchParams();
  if ('token' in state.route && state.route.token) {
    p.set('token', state.route.token);
  }
  p.set('lang', state.lang);
  const { filters } = state;
  if (filters.q.trim()) p.set('q', filters.q.trim());
  for (const key of LIST_KEYS satisfies readonly ListKey[]) {
    if (filters[key].length) p.set(key, filters[key].join(','));
  }
  if (filters.verified) p.set('verified', '1');
  if (filters.claimed) p.set('claimed', '1');
  if (state.around) {
    const { lat, lng, radiusKm } = state.around;
    p.set('around', `${round(lat, 5)}/${round(lng, 5)}/${round(radiusKm, 1)}`);
  }
  if (state.choropleth) p.set('layer', 'regions');
  if (state.listAll) p.set('list', 'all');
  if (state.selected) p.set('sel', state.selected);
  if (state.view) p.set('map', `${round(state.view.zoom, 2)}/${round(state.view.lat, 5)}/${round(state.view.lng, 5)}`);
  // Commas and slashes are legal in a query and keep the link readable.
  return `${routePath(state.route)}?${p.toString().replace(/%2C/g, ',').replace(/%2F/g, '/')}`;
}
