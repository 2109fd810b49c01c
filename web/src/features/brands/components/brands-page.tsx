import type { Brand } from '@contracts';
import { Badge, Button, Group, Switch, Table } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArrowBackUp, IconPencil, IconPlus, IconTag } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyRows } from '../../../components/empty-state';
import { ActionsHeader, ListTable, RowAction } from '../../../components/list-table';
import { NoAccess } from '../../../components/no-access';
import { PageHeader } from '../../../components/page-header';
import { sortByText } from '../../../lib/collections';
import { useCan } from '../../auth/hooks/use-session';
import { useArchiveBrand, useBrands, useRestoreBrand } from '../hooks/use-brands';
import { BrandFormModal } from './brand-form-modal';
import { BrandHandleBadges, KeywordBadges } from './brand-handles';

/** The brand modal; `brand` stays set while it closes, so the title does not flicker. */
interface ModalState {
  opened: boolean;
  brand: Brand | null;
  /** Bumped on each opening, so the form starts fresh. */
  nonce: number;
}

export default function BrandsPage() {
  useDocumentTitle('Brands · Firebreak');
  const canRead = useCan('brand.read');
  const canCreate = useCan('brand.create');
  const canUpdate = useCan('brand.update');
  const canArchive = useCan('brand.archive');
  const [showArchived, setShowArchived] = useState(false);
  const [modal, setModal] = useState<ModalState>({ opened: false, brand: null, nonce: 0 });
  const brands = useBrands(showArchived);
  const archive = useArchiveBrand();
  const restore = useRestoreBrand();

  if (!canRead) return <NoAccess what="brands" />;

  const rows = brands.data ? sortByText(brands.data.brands, (brand) => brand.name) : [];
  const hasActions = canUpdate || canArchive;

  const onArchive = (brand: Brand) =>
    archive.mutate(brand.id, {
      onSuccess: () =>
        notifications.show({
          color: 'gray',
          title: `${brand.name} archived`,
          message: 'It is no longer monitored. Show archived brands to restore it.',
        }),
    });
  const onRestore = (brand: Brand) =>
    restore.mutate(brand.id, {
      onSuccess: () =>
        notifications.show({ color: 'teal', title: `${brand.name} restored`, message: 'Monitored again.' }),
    });

  return (
    <>
      <PageHeader
        title="Brands"
        description="What this workspace protects. Listening looks for each brand's keywords and handles on every platform."
        actions={
          <>
            <Switch
              label="Show archived"
              checked={showArchived}
              onChange={(event) => setShowArchived(event.currentTarget.checked)}
            />
            {canCreate && (
              <Button
                leftSection={<IconPlus size={16} />}
                onClick={() => setModal((m) => ({ opened: true, brand: null, nonce: m.nonce + 1 }))}
              >
                New brand
              </Button>
            )}
          </>
        }
      />

      <ListTable
        label="Brands"
        what="brands"
        query={brands}
        columns={hasActions ? 5 : 4}
        minWidth={760}
        head={
          <>
            <Table.Th w="22%">Name</Table.Th>
            <Table.Th>Handles</Table.Th>
            <Table.Th>Keywords</Table.Th>
            <Table.Th w={110}>Status</Table.Th>
            {hasActions && <ActionsHeader width={96} />}
          </>
        }
        isEmpty={rows.length === 0}
        empty={
          <EmptyRows icon={<IconTag size={22} />} title={showArchived ? 'No brands' : 'No active brands'}>
            {canCreate
              ? 'Add the brands your team protects. Their keywords and handles are what listening will look for.'
              : 'No brands have been added to this workspace yet.'}
          </EmptyRows>
        }
      >
        {rows.map((brand) => {
          const archived = brand.archivedAt !== null;
          return (
            <Table.Tr key={brand.id} {...(archived ? { c: 'dimmed' } : {})}>
              <Table.Td fw={600}>{brand.name}</Table.Td>
              <Table.Td>
                <BrandHandleBadges handles={brand.handles} />
              </Table.Td>
              <Table.Td>
                <KeywordBadges keywords={brand.keywords} />
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={archived ? 'gray' : 'teal'} radius="sm">
                  {archived ? 'Archived' : 'Active'}
                </Badge>
              </Table.Td>
              {hasActions && (
                // Named, so the buttons' labels ("Archive Acme") do not also name this cell "Acme".
                <Table.Td aria-label="Actions">
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {canUpdate && !archived && (
                      <RowAction
                        tooltip="Edit"
                        label={`Edit ${brand.name}`}
                        icon={<IconPencil size={17} />}
                        onClick={() => setModal((m) => ({ opened: true, brand, nonce: m.nonce + 1 }))}
                      />
                    )}
                    {canArchive &&
                      (archived ? (
                        <RowAction
                          tooltip="Restore"
                          label={`Restore ${brand.name}`}
                          icon={<IconArrowBackUp size={17} />}
                          loading={restore.isPending && restore.variables === brand.id}
                          onClick={() => onRestore(brand)}
                        />
                      ) : (
                        <RowAction
                          tooltip="Archive"
                          label={`Archive ${brand.name}`}
                          icon={<IconArchive size={17} />}
                          loading={archive.isPending && archive.variables === brand.id}
                          onClick={() => onArchive(brand)}
                        />
                      ))}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </ListTable>

      <BrandFormModal
        opened={modal.opened}
        onClose={() => setModal((m) => ({ ...m, opened: false }))}
        brand={modal.brand}
        formKey={modal.nonce}
      />
    </>
  );
}
