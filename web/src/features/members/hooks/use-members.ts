import type { InviteMemberInput, UpdateMemberInput } from '@contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { inviteMember, listMembers, memberKeys, updateMember } from '../members.api';
import { upsertMemberInCache } from '../members.cache';

export function useMembers(enabled = true) {
  return useQuery({
    queryKey: memberKeys.list(),
    queryFn: ({ signal }) => listMembers(signal),
    enabled,
  });
}

export function useInviteMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteMemberInput) => inviteMember(input),
    meta: { inlineErrors: true },
    onSuccess: ({ member }) => upsertMemberInCache(queryClient, member),
  });
}

export function useUpdateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateMemberInput }) => updateMember(id, input),
    onSuccess: (member) => upsertMemberInCache(queryClient, member),
  });
}
