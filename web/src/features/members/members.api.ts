import type { InvitedMember, InviteMemberInput, Member, UpdateMemberInput } from '@contracts';
import { http } from '../../api/http';

export interface MemberList {
  members: Member[];
}

export const memberKeys = {
  all: ['members'] as const,
  list: () => ['members', 'list'] as const,
};

export const listMembers = (signal?: AbortSignal) => http.get<MemberList>('/api/members', { signal });

export const inviteMember = (input: InviteMemberInput) => http.post<InvitedMember>('/api/members', input);

export const updateMember = (id: string, input: UpdateMemberInput) =>
  http.patch<Member>(`/api/members/${encodeURIComponent(id)}`, input);
