import type { ApiToken } from '@contracts';
import {
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyRows } from '../../../components/empty-state';
import { NoAccess } from '../../../components/no-access';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { departmentLabels, roleLabels } from '../../../lib/labels';
import { useCan } from '../../auth/hooks/use-session';
import { useApiTokens, useRevokeApiToken } from '../hooks/use-api-tokens';
import { CreateApiTokenModal } from './create-api-token-modal';

/** Active tokens first (newest first), then revoked ones. */
function orderTokens(tokens: readonly ApiToken[]): ApiToken[] {
  return [...tokens].sort((a, b) => {
    if ((a.revokedAt === null) !== (b.revokedAt === null)) return a.revokedAt === null ? -1 : 1;
    return b.createdAt.localeCompare(a.createdAt);
  });
}

export default function ApiTokensPage() {
  useDocumentTitle('API tokens · Firebreak');
  const canRead = useCan('api_token.read');
  const canManage = useCan('api_token.manage');
  const tokens = useApiTokens(canRead);
  const revoke = useRevokeApiToken();
  const [create, setCreate] = useState({ opened: false, nonce: 0 });
  // The token stays set while the confirmation closes, so its text does not flicker.
  const [confirm, setConfirm] = useState<{ opened: boolean; token: ApiToken | null }>({
    opened: false,
    token: null,
  });
  const closeConfirm = () => setConfirm((c) => ({ ...c, opened: false }));

  if (!canRead) return <NoAccess what="API tokens" />;
  const rows = tokens.data ? orderTokens(tokens.data.tokens) : [];

  const confirmRevoke = () => {
    const token = confirm.token;
    if (!token) return;
    revoke.mutate(token.id, {
      onSuccess: () => {
        closeConfirm();
        notifications.show({
          color: 'gray',
          title: `“${token.name}” revoked`,
          message: 'It no longer works.',
        });
      },
    });
  };

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let scripts and other systems use the Firebreak API with a role and department of their own."
        actions={
          canManage && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setCreate((s) => ({ opened: true, nonce: s.nonce + 1 }))}
            >
              New API token
            </Button>
          )
        }
      />

      {tokens.isError && !tokens.data ? (
        <QueryError error={tokens.error} what="API tokens" onRetry={() => void tokens.refetch()} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={820}>
            <Table aria-label="API tokens">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Department</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>Status</Table.Th>
                  {canManage && (
                    <Table.Th w={100}>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.isPending &&
                  [0, 1].map((i) => (
                    <Table.Tr key={i}>
                      <Table.Td colSpan={canManage ? 7 : 6}>
                        <Skeleton h={20} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                {rows.map((token) => {
                  const revoked = token.revokedAt !== null;
                  return (
                    <Table.Tr key={token.id} {...(revoked ? { c: 'dimmed' } : {})}>
                      <Table.Td fw={600}>{token.name}</Table.Td>
                      <Table.Td>{roleLabels[token.role]}</Table.Td>
                      <Table.Td>{departmentLabels[token.department]}</Table.Td>
                      <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                      <Table.Td title={formatDateTime(token.lastUsedAt)}>
                        {formatRelative(token.lastUsedAt)}
                      </Table.Td>
                      <Table.Td>
                        {revoked ? (
                          <Badge
                            variant="light"
                            color="gray"
                            radius="sm"
                            title={formatDateTime(token.revokedAt)}
                          >
                            Revoked
                          </Badge>
                        ) : (
                          <Badge variant="light" color="teal" radius="sm">
                            Active
                          </Badge>
                        )}
                      </Table.Td>
                      {canManage && (
                        <Table.Td aria-label="Actions">
                          {!revoked && (
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              color="red"
                              aria-label={`Revoke ${token.name}`}
                              onClick={() => setConfirm({ opened: true, token })}
                            >
                              Revoke
                            </Button>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {tokens.isSuccess && rows.length === 0 && (
            <EmptyRows icon={<IconKey size={22} />} title="No API tokens">
              Create one when a script or another system needs to read or change data in this workspace.
            </EmptyRows>
          )}
        </Paper>
      )}

      <CreateApiTokenModal
        opened={create.opened}
        onClose={() => setCreate((s) => ({ ...s, opened: false }))}
        formKey={create.nonce}
      />

      <Modal opened={confirm.opened} onClose={closeConfirm} title={<Text fw={600}>Revoke API token</Text>}>
        <Stack gap="md">
          <Text size="sm">
            Anything using “{confirm.token?.name}” stops working at once. This cannot be undone; you can
            create a new token instead.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={closeConfirm} disabled={revoke.isPending}>
              Cancel
            </Button>
            <Button color="red" loading={revoke.isPending} onClick={confirmRevoke}>
              Revoke token
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
