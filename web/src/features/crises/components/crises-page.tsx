import { crisisTypeLabels } from '@contracts';
import { Anchor, Button, Table } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconFlame } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyRows } from '../../../components/empty-state';
import { ListTable } from '../../../components/list-table';
import { PageHeader } from '../../../components/page-header';
import { useCan } from '../../auth/hooks/use-session';
import { useMembers } from '../../members/hooks/use-members';
import { useCrises } from '../hooks/use-crises';
import { declareFromSearch } from '../declare-link';
import { DeclareCrisisModal } from './declare-crisis-modal';
import { SeverityBadge, StatusBadge } from './severity-badge';

export default function CrisesPage() {
  useDocumentTitle('Crises · Firebreak');
  const canDeclare = useCan('crisis.declare');
  const crises = useCrises();
  const members = useMembers();
  const [declaring, setDeclaring] = useState(false);
  // A declaration link (from a signal) opens the form filled in; closing it drops the link's parameters.
  const [params, setParams] = useSearchParams();
  const from = canDeclare ? declareFromSearch(params) : null;
  const closeDeclare = () => {
    setDeclaring(false);
    if (from) setParams({}, { replace: true });
  };
  const nameOf = (id: string | null) => members.data?.members.find((m) => m.id === id)?.name ?? '—';
  const rows = crises.data?.crises ?? [];

  return (
    <>
      <PageHeader
        title="Crises"
        description="One record per crisis from first spike to review: roles, discussion, timeline, decisions, facts and tasks."
        actions={
          canDeclare && (
            <Button color="red" leftSection={<IconFlame size={16} />} onClick={() => setDeclaring(true)}>
              Declare a crisis
            </Button>
          )
        }
      />
      <ListTable
        label="Crises"
        what="crises"
        query={crises}
        columns={6}
        minWidth={760}
        head={
          <>
            <Table.Th>Crisis</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Severity</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Lead</Table.Th>
            <Table.Th>Declared</Table.Th>
          </>
        }
        isEmpty={rows.length === 0}
        empty={
          <EmptyRows icon={<IconFlame size={22} />} title="No crises">
            Nothing declared yet. Declare one when a situation needs a coordinated answer.
          </EmptyRows>
        }
      >
        {rows.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td fw={600}>
              <Anchor component={Link} to={`/crises/${c.id}`}>
                {c.title}
              </Anchor>
            </Table.Td>
            <Table.Td>{crisisTypeLabels[c.type]}</Table.Td>
            <Table.Td>
              <SeverityBadge severity={c.severity} />
            </Table.Td>
            <Table.Td>
              <StatusBadge status={c.status} />
            </Table.Td>
            <Table.Td>{nameOf(c.leadId)}</Table.Td>
            <Table.Td>{new Date(c.declaredAt).toLocaleString()}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <DeclareCrisisModal
        key={params.toString()}
        opened={declaring || from !== null}
        onClose={closeDeclare}
        {...(from ? { from } : {})}
      />
    </>
  );
}
