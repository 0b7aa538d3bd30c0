// The staff token of the admin console, for this tab only (app/tab-store.ts), sent as `Authorization: Bearer`.
import { tabStore } from '../app/tab-store';

const store = tabStore<string>('semap.adminToken', (raw) => raw, (token) => token);

export const adminToken = store.get;
export const setAdminToken = store.set;
export const useAdminToken = store.use;
