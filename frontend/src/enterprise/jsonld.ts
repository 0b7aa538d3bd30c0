// schema.org description of an enterprise for search engines, as data (type application/ld+json):
// inserted through the DOM, it is not executable, so the CSP's script-src 'self' allows it.
import type { EnterpriseDetail } from '../api/client';

export function enterpriseJsonLd(e: EnterpriseDetail, pageUrl: string): Record<string, unknown> {
  const [longitude, latitude] = e.location.coordinates;
  const description = e.description.en ?? e.description.ro ?? Object.values(e.description)[0];
  return {
    '@context': 'https://schema.org',
    '@type': e.kind === 'public_authority' ? 'GovernmentOrganization'
      : e.kind === 'educational_institution' ? 'EducationalOrganization'
        : e.kind === 'ngo' ? 'NGO' : 'Organization',
    '@id': pageUrl,
    url: pageUrl,
    name: e.name,
    ...(description ? { description } : {}),
    ...(e.website ? { sameAs: [e.website] } : {}),
    ...(e.phone ? { telephone: e.phone } : {}),
    ...(e.legal_form ? { legalName: e.name } : {}),
    ...(e.founded_year ? { foundingDate: String(e.founded_year) } : {}),
    ...(e.registration_code ? { identifier: e.registration_code } : {}),
    numberOfEmployees: { '@type': 'QuantitativeValue', value: e.employees_total },
    address: {
      '@type': 'PostalAddress', addressCountry: e.country,
      ...(e.locality ? { addressLocality: e.locality } : {}),
      ...(e.region_code ? { addressRegion: e.region_code } : {}),
      ...(e.address ? { streetAddress: e.address } : {}),
    },
    geo: { '@type': 'GeoCoordinates', latitude, longitude },
    ...(e.offerings.length ? {
      makesOffer: e.offerings.map((o) => ({
        '@type': 'Offer', itemOffered: { '@type': 'Service', name: o.title, ...(o.description ? { description: o.description } : {}) },
        ...(o.price_from_eur != null ? { priceSpecification: { '@type': 'PriceSpecification', minPrice: Number(o.price_from_eur), priceCurrency: 'EUR' } } : {}),
      })),
    } : {}),
  };
}

const SCRIPT_ID = 'enterprise-jsonld';

/** Puts the JSON-LD in <head> (replacing an earlier one); returns a function that removes it. */
export function insertJsonLd(data: Record<string, unknown>): () => void {
  document.getElementById(SCRIPT_ID)?.remove();
  // The server put the first page's JSON-LD into the HTML (for crawlers): the app's own replaces it.
  document.getElementById('page-jsonld')?.remove();
  const script = document.createElement('script');
  script.id = SCRIPT_ID;
  script.type = 'application/ld+json';
  script.textContent = JSON.stringify(data);
  document.head.append(script);
  return () => script.remove();
}
