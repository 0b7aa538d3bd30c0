// "Ask for this service" on the cluster page hands the service to the members' area's request form.
const KEY = 'semap.askService';
/** The cluster this map was made for: its members' filter and the header's link. */
export const MAIN_CLUSTER = 'accelerator-of-social-enterprises';

const CALL_KEY = 'semap.askFundingCall';
/** Sent when a service is asked for on a page that already shows the request form (the members' area). */
export const ASK_EVENT = 'semap:ask-service';

/** `fundingCallId`: the funding call an "access to funding" request is about. */
export function askForService(code: string, fundingCallId?: number): void {
  sessionStorage.setItem(KEY, code);
  if (fundingCallId) sessionStorage.setItem(CALL_KEY, String(fundingCallId));
  else sessionStorage.removeItem(CALL_KEY);
  window.dispatchEvent(new Event(ASK_EVENT));
}

/** The funding call a member asked help with, once. */
export function takeAskedFundingCall(): number | null {
  const id = Number(sessionStorage.getItem(CALL_KEY));
  sessionStorage.removeItem(CALL_KEY);
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** The service a member asked for on the cluster page, once. */
export function takeAskedService(): string {
  const code = sessionStorage.getItem(KEY) ?? '';
  sessionStorage.removeItem(KEY);
  return code;
}
