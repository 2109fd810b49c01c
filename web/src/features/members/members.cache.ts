import type { Member } from '@contracts';
import type { QueryClient } from '@tanstack/react-query';
import { upsertById } from '../../lib/collections';
import { memberKeys, type MemberList } from './members.api';

export function upsertMemberInCache(queryClient: QueryClient, member: Member): void {
  for (const [queryKey, data] of queryClient.getQueriesData<MemberList>({ queryKey: memberKeys.all })) {
    if (!data) continue;
    const members = upsertById(data.members, member);
    if (members !== data.members) queryClient.setQueryData<MemberList>(queryKey, { ...data, members });
  }
}
