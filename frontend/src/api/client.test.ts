import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS } from '../app/url-state';
import { listQuery, queryString } from './client';

describe('API query', () => {
  it('repeats list parameters as FastAPI reads them and skips empty ones', () => {
    expect(queryString({ country: ['RO', 'MD'], q: 'brutărie', verified: true, region: [], cursor: null, x: undefined }))
      .toBe('?country=RO&country=MD&q=brut%C4%83rie&verified=true');
    expect(queryString({})).toBe('');
  });

  it('maps the filters and the search circle to the list endpoint', () => {
    expect(listQuery({ ...EMPTY_FILTERS, q: ' pâine ', country: ['MD'], verified: true }, null))
      .toEqual({ q: 'pâine', country: ['MD'], verified: true });
    expect(listQuery(EMPTY_FILTERS, { lat: 46.77, lng: 23.6, radiusKm: 10 }))
      .toEqual({ lat: 46.77, lon: 23.6, radius_km: 10, sort: 'distance' });
  });
});
