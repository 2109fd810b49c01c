import { ActionIcon, Paper, Skeleton, Table, Tooltip, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { QueryError } from './query-error';

/** What `ListTable` needs of a TanStack query: whether it is loading, failed, or loaded. */
interface ListQuery {
  isPending: boolean;
  isSuccess: boolean;
  isError: boolean;
  error: unknown;
  data: unknown;
  refetch: () => unknown;
}

/**
 * The frame every settings list shares: a failed first load as an error with "Try again", otherwise a bordered table
 * with its header, skeleton rows while loading, the rows, and an empty state once loaded with none.
 */
export function ListTable({
  label,
  what,
  query,
  columns,
  minWidth,
  head,
  isEmpty,
  empty,
  verticalSpacing,
  children,
}: {
  /** The table's accessible name. */
  label: string;
  /** What failed to load, in "Could not load …". */
  what: string;
  query: ListQuery;
  /** How many columns a row has (the skeleton rows span them). */
  columns: number;
  minWidth: number;
  /** The header cells. */
  head: ReactNode;
  isEmpty: boolean;
  /** Shown below the header once loaded with no rows (usually `EmptyRows`). */
  empty: ReactNode;
  verticalSpacing?: 'xs' | 'sm' | 'md';
  children: ReactNode;
}) {
  if (query.isError && !query.data) {
    return <QueryError error={query.error} what={what} onRetry={() => void query.refetch()} />;
  }
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={minWidth}>
        <Table aria-label={label} {...(verticalSpacing ? { verticalSpacing } : {})}>
          <Table.Thead>
            <Table.Tr>{head}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.isPending &&
              [0, 1].map((i) => (
                <Table.Tr key={i}>
                  <Table.Td colSpan={columns}>
                    <Skeleton h={20} />
                  </Table.Td>
                </Table.Tr>
              ))}
            {children}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {query.isSuccess && isEmpty && empty}
    </Paper>
  );
}

/** The header cell above a row's action buttons (named for screen readers only). */
export function ActionsHeader({ width }: { width: number }) {
  return (
    <Table.Th w={width}>
      <VisuallyHidden>Actions</VisuallyHidden>
    </Table.Th>
  );
}

/** One icon button of a row's actions, with its tooltip; `label` names the action and the row for screen readers. */
export function RowAction({
  tooltip,
  label,
  icon,
  onClick,
  loading,
  color = 'gray',
}: {
  tooltip: string;
  label: string;
  icon: ReactNode;
  onClick: () => void;
  loading?: boolean;
  color?: string;
}) {
  return (
    <Tooltip label={tooltip} withArrow>
      <ActionIcon
        variant="subtle"
        color={color}
        aria-label={label}
        loading={loading ?? false}
        onClick={onClick}
      >
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}
