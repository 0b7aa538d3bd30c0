// "Ask for this service" on the cluster page hands the service to the members' area's request form.
const KEY = 'semap.askService';
/** The cluster this map was made for: its members' filter and the header's link. */
export const MAIN_CLUSTER = 'accelerator-of-social-enterprises';

export function askForService(code: string): void {
  sessionStorage.setItem(KEY, code);
}

/** The service a member asked for on the cluster page, once. */
export function takeAskedService(): string {
  const code = sessionStorage.getItem(KEY) ?? '';
  sessionStorage.removeItem(KEY);
  return code;
}
