// The cluster's catalogue of support services (GET /api/v1/services), for naming a request's service
// in the reader's language wherever the API gives its code.
import { useEffect, useState } from 'preact/hooks';
import type { components } from '../api/schema';
import type { Language } from '../i18n/types';
import { getJson } from '../api/client';

export type Service = components['schemas']['SupportServiceOut'];

/** The services open for new requests; `includeRetired` (staff) also those old requests still name. */
export function useServices(token: string, includeRetired = false): Service[] {
  const [services, setServices] = useState<Service[]>([]);
  useEffect(() => {
    getJson('/api/v1/services', { query: includeRetired ? { include_retired: true } : {}, token })
      .then(setServices, () => setServices([]));
  }, [token, includeRetired]);
  return services;
}

export function serviceName(service: Service | undefined, lang: Language, fallback: string): string {
  return service?.names[lang] ?? service?.names.en ?? service?.code ?? fallback;
}
