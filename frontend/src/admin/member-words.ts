// The words of a membership's role and status, for the members' table and the form that adds one.
import type { components } from '../api/schema';
import type { MessageKey } from '../i18n';

type Role = components['schemas']['MembershipRole'];
type Status = components['schemas']['MembershipStatus'];

export const ROLES: Record<Role, MessageKey> = {
  member: 'admin.members.role.member', founding_member: 'admin.members.role.founding_member',
  coordinator: 'admin.members.role.coordinator', partner: 'admin.members.role.partner',
};
export const STATUSES: Record<Status, MessageKey> = {
  active: 'admin.members.status.active', suspended: 'admin.members.status.suspended', ended: 'admin.members.status.ended',
};
