// The admin console's error states (console/ConsoleError.tsx with the staff token): a tab imports these,
// never AdminPage, so that the page and its tabs import no circle.
import type { ApiError } from '../api/client';
import { ConsoleError } from '../console/ConsoleError';
import { setAdminToken } from './session';

const signOut = () => setAdminToken(null);

/** What a tab shows when the API refuses the token: 401 (unknown, revoked, expired) or 403 (not allowed). */
export function AuthProblem({ error }: { error: ApiError }) {
  return <ConsoleError error={error} signOut={signOut} />;
}

/** The error state of a tab: the token's problem, or a generic failure with a retry. */
export function LoadError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ConsoleError error={error} retry={retry} signOut={signOut} />;
}
