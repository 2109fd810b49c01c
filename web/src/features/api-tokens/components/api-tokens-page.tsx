import type { ApiToken } from '@contracts';
import { Badge, Button, Table } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal, useConfirm } from '../../../components/confirm-modal';
import { EmptyRows } from '../../../components/empty-state';
import { ActionsHeader, ListTable } from '../../../components/list-table';
import { NoAccess } from '../../../components/no-access';
import { PageHeader } from '../../../components/page-header';
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
  const confirm = useConfirm<ApiToken>();

  if (!canRead) return <NoAccess what="API tokens" />;
  const rows = tokens.data ? orderTokens(tokens.data.tokens) : [];

  const confirmRevoke = () => {
    const token = confirm.item;
    if (!token) return;
    revoke.mutate(token.id, {
      onSuccess: () => {
        confirm.close();
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

      <ListTable
        label="API tokens"
        what="API tokens"
        query={tokens}
        columns={canManage ? 7 : 6}
        minWidth={820}
        head={
          <>
            <Table.Th>Name</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Department</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Status</Table.Th>
            {canManage && <ActionsHeader width={100} />}
          </>
        }
        isEmpty={rows.length === 0}
        empty={
          <EmptyRows icon={<IconKey size={22} />} title="No API tokens">
            Create one when a script or another system needs to read or change data in this workspace.
          </EmptyRows>
        }
      >
        {rows.map((token) => {
          const revoked = token.revokedAt !== null;
          return (
            <Table.Tr key={token.id} {...(revoked ? { c: 'dimmed' } : {})}>
              <Table.Td fw={600}>{token.name}</Table.Td>
              <Table.Td>{roleLabels[token.role]}</Table.Td>
              <Table.Td>{departmentLabels[token.department]}</Table.Td>
              <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
              <Table.Td title={formatDateTime(token.lastUsedAt)}>{formatRelative(token.lastUsedAt)}</Table.Td>
              <Table.Td>
                {revoked ? (
                  <Badge variant="light" color="gray" radius="sm" title={formatDateTime(token.revokedAt)}>
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
                      onClick={() => confirm.ask(token)}
                    >
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </ListTable>

      <CreateApiTokenModal
        opened={create.opened}
        onClose={() => setCreate((s) => ({ ...s, opened: false }))}
        formKey={create.nonce}
      />

      <ConfirmModal
        opened={confirm.opened}
        onClose={confirm.close}
        title="Revoke API token"
        confirmLabel="Revoke token"
        onConfirm={confirmRevoke}
        pending={revoke.isPending}
      >
        Anything using “{confirm.item?.name}” stops working at once. This cannot be undone; you can create a
        new token instead.
      </ConfirmModal>
    </>
  );
}
