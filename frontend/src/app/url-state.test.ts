import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, parseUrl, toUrl, type AppState } from './url-state';

const full: AppState = {
  route: { name: 'enterprise', slug: 'brutaria-bunatatii-iasi' },
  lang: 'uk',
  filters: {
    q: 'brutărie', country: ['RO', 'MD'], region: ['RO-IS'], sector: ['C'], impact: ['work_integration'],
    certification: ['ro_social_insertion_mark'], kind: ['social_enterprise'], cluster: [], verified: true, claimed: true,
  },
  view: { lng: 27.6203, lat: 47.1805, zoom: 9.5 },
  selected: 'atelierul-de-croitorie',
  around: { lng: 23.6, lat: 46.77, radiusKm: 25 },
  choropleth: true,
  listAll: true,
};

describe('URL state', () => {
  it('round-trips every field through the URL', () => {
    expect(parseUrl(toUrl(full))).toEqual(full);
  });

  it('round-trips the bare map view', () => {
    const bare: AppState = { route: { name: 'map' }, lang: 'ro', filters: EMPTY_FILTERS, view: null, selected: null, around: null, choropleth: false, listAll: false };
    expect(toUrl(bare)).toBe('/?lang=ro');
    expect(parseUrl(toUrl(bare))).toEqual(bare);
  });

  it('writes a readable link', () => {
    expect(toUrl({ ...full, route: { name: 'map' } })).toBe(
      '/?lang=uk&q=brut%C4%83rie&country=RO,MD&region=RO-IS&sector=C&impact=work_integration'
      + '&certification=ro_social_insertion_mark&kind=social_enterprise&verified=1&claimed=1&around=46.77/23.6/25'
      + '&layer=regions&list=all&sel=atelierul-de-croitorie&map=9.5/47.1805/27.6203',
    );
  });

  it('uses the remembered language only when the URL names none', () => {
    expect(parseUrl('/', 'ru').lang).toBe('ru');
    expect(parseUrl('/?lang=en', 'ru').lang).toBe('en');
    expect(parseUrl('/?lang=xx', 'ru').lang).toBe('ru');
  });

  it('drops what is not a valid value instead of sending it to the API', () => {
    const state = parseUrl('/?country=RO,<script>,,RO&map=99/1/2&around=1/2/0&sel=Not%20A%20Slug');
    expect(state.filters.country).toEqual(['RO']);
    expect(state.view).toBeNull();
    expect(state.around).toBeNull();
    expect(state.selected).toBeNull();
  });

  it('routes /e/{slug} to the enterprise page and anything else to not-found', () => {
    expect(parseUrl('/e/brutaria-bunatatii-iasi').route).toEqual({ name: 'enterprise', slug: 'brutaria-bunatatii-iasi' });
    expect(parseUrl('/enterprises/brutaria-bunatatii-iasi').route).toEqual({ name: 'enterprise', slug: 'brutaria-bunatatii-iasi' });
    expect(toUrl(parseUrl('/enterprises/brutaria?lang=en'))).toBe('/e/brutaria?lang=en');
    expect(parseUrl('/nowhere').route).toEqual({ name: 'not-found', path: '/nowhere' });
    expect(toUrl(parseUrl('/nowhere?lang=en'))).toBe('/nowhere?lang=en');
  });

  it('routes the e-mails\' one-time links and the embed-code page, keeping the token', () => {
    expect(parseUrl('/claims/confirm?token=abc_DEF-123').route).toEqual({ name: 'claim-confirm', token: 'abc_DEF-123' });
    expect(parseUrl('/freshness/confirm?token=x').route).toEqual({ name: 'freshness-confirm', token: 'x' });
    expect(parseUrl('/saved-needs/confirm?token=abc_DEF-123').route).toEqual({ name: 'saved-need-confirm', token: 'abc_DEF-123' });
    expect(parseUrl('/saved-needs/stop?token=x').route).toEqual({ name: 'saved-need-stop', token: 'x' });
    expect(parseUrl('/claims/confirm?token=<bad>').route).toEqual({ name: 'claim-confirm', token: '' });
    expect(toUrl(parseUrl('/claims/confirm?token=abc&lang=en'))).toBe('/claims/confirm?token=abc&lang=en');
    expect(parseUrl('/embed-code').route).toEqual({ name: 'embed-code' });
    expect(parseUrl('/match').route).toEqual({ name: 'match', id: null });
    const id = '6f1c8f8e-2b1a-4b7e-9c0e-3d8a4c1b2a10';
    expect(parseUrl(`/match/${id}`).route).toEqual({ name: 'match', id });
    expect(toUrl(parseUrl(`/match/${id}?lang=en`))).toBe(`/match/${id}?lang=en`);
    expect(parseUrl('/match/not-a-uuid').route.name).toBe('not-found');
  });

  it('routes the admin console and its tabs', () => {
    expect(parseUrl('/admin').route).toEqual({ name: 'admin', tab: 'moderation' });
    expect(toUrl(parseUrl('/admin?lang=en'))).toBe('/admin?lang=en');
    expect(parseUrl('/admin/stats').route).toEqual({ name: 'admin', tab: 'stats' });
    expect(toUrl(parseUrl('/admin/stats?lang=en'))).toBe('/admin/stats?lang=en');
    expect(parseUrl('/admin/requests').route).toEqual({ name: 'admin', tab: 'requests' });
    expect(toUrl(parseUrl('/admin/imports?lang=ro'))).toBe('/admin/imports?lang=ro');
    expect(parseUrl('/member').route).toEqual({ name: 'member' });
    expect(toUrl(parseUrl('/member?lang=en'))).toBe('/member?lang=en');
    expect(parseUrl('/admin/tokens').route).toEqual({ name: 'admin', tab: 'tokens' });
    expect(toUrl(parseUrl('/admin/audit?lang=uk'))).toBe('/admin/audit?lang=uk');
    expect(parseUrl('/admin/moderation').route.name).toBe('not-found');
    expect(parseUrl('/admin/nothing').route.name).toBe('not-found');
  });
});

describe('client routes', () => {
  it('gives every example of client-routes.json its screen, and nothing else a screen', async () => {
    const { default: list } = await import('./client-routes.json');
    for (const route of list.routes) {
      for (const example of route.examples) expect(parseUrl(example).route.name, example).toBe(route.name);
    }
    for (const dead of ['/nothing', '/cluster/x/y', '/cluster/Bad_Slug', '/admin/nothing', '/e/', '/match/123']) {
      expect(parseUrl(dead).route.name, dead).toBe('not-found');
    }
  });

  it('round-trips a cluster page', () => {
    const state = parseUrl('/cluster/accelerator-of-social-enterprises?lang=en');
    expect(state.route).toEqual({ name: 'cluster', slug: 'accelerator-of-social-enterprises' });
    expect(toUrl(state)).toBe('/cluster/accelerator-of-social-enterprises?lang=en');
  });
});

describe('the self-service pages', () => {
  it('route /add-enterprise and /privacy and write them back', () => {
    for (const path of ['/add-enterprise', '/privacy']) {
      const state = parseUrl(`${path}?lang=en`);
      expect(state.route.name).toBe(path.slice(1));
      expect(toUrl(state)).toBe(`${path}?lang=en`);
    }
  });

  it('keeps the list to the map\'s view unless the link says list=all', () => {
    expect(parseUrl('/?lang=ro').listAll).toBe(false);
    expect(parseUrl('/?lang=ro&list=all').listAll).toBe(true);
  });
});
