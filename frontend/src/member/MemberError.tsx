// The members' area's error state (console/ConsoleError.tsx with the member session): sections import
// this, never MemberPage, so that the page and its sections import no circle.
import { ConsoleError } from '../console/ConsoleError';
import { setMemberSession } from './session';

/** The error of a members' call: the token's problem (with a way to change it) or a generic failure. */
export function MemberError({ error, retry }: { error: unknown; retry?: () => void }) {
  return <ConsoleError error={error} retry={retry} signOut={() => setMemberSession(null)}
    refusals={{ 403: 'member.forbidden', 404: 'member.notFound' }} />;
}
