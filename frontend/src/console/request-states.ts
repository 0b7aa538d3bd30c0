// A service request's states, named once for every screen that shows them: the members' list, the staff
// board and the statistics dashboard say the same word for the same state, in each language.
import { currentEtag } from '../api/client';
import type { components } from '../api/schema';
import type { MessageKey } from '../i18n';

type Request = components['schemas']['ServiceRequestOut'];
export type RequestStatus = components['schemas']['RequestStatus'];
export type Priority = components['schemas']['Priority'];

export const STATUS_LABELS: Record<RequestStatus, MessageKey> = {
  submitted: 'sr.status.submitted', triaged: 'sr.status.triaged', in_progress: 'sr.status.in_progress',
  resolved: 'sr.status.resolved', closed: 'sr.status.closed', rejected: 'sr.status.rejected', cancelled: 'sr.status.cancelled',
};

/** The label of a state the API names, or the name itself for one this build does not know yet. */
export function statusLabel(status: string): MessageKey | null {
  return Object.hasOwn(STATUS_LABELS, status) ? STATUS_LABELS[status as RequestStatus] : null;
}

/** The ETag of a request shown from a list, from its own GET (412 when it changed since). */
export const requestEtag = (request: Request, token: string) =>
  currentEtag('/api/v1/service-requests/{request_id}', { path: { request_id: request.id }, token }, (now) => now.version === request.version);
