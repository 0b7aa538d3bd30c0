// The cluster's catalogue of support services (GET /api/v1/services), for naming a request's service
// in the reader's language wherever the API gives its code.
import { useEffect, useState } from 'preact/hooks';
import type { components } from '../api/schema';
import type { Language } from '../i18n/types';
import { call } from './http';

export type Service = components['schemas']['SupportServiceOut'];

/** The services open for new requests; `includeRetired` (staff) also those old requests still name. */
export function useServices(token: string, includeRetired = false): Service[] {
  const [services, setServices] = useState<Service[]>([]);
  useEffect(() => {
    call<Service[] | { items: Service[] }>('GET', `/api/v1/services${includeRetired ? '?include_retired=true' : ''}`, token)
      .then(({ data }) => setServices(Array.isArray(data) ? data : data.items), () => setServices([]));
  }, [token, includeRetired]);
  return services;
}

export function serviceName(service: Service | undefined, lang: Language, fallback: string): string {
  return service?.names[lang] ?? service?.names.en ?? service?.code ?? fallback;
}
