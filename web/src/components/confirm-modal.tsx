import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';

/**
 * Which row a confirmation is about. The row stays set while the modal closes, so its text does not flicker during
 * the closing animation.
 */
export function useConfirm<T>() {
  const [state, setState] = useState<{ opened: boolean; item: T | null }>({ opened: false, item: null });
  return {
    opened: state.opened,
    item: state.item,
    ask: (item: T) => setState({ opened: true, item }),
    close: () => setState((s) => ({ ...s, opened: false })),
  };
}

/** A destructive action's confirmation: what will happen, Cancel, and the red button that does it. */
export function ConfirmModal({
  opened,
  onClose,
  title,
  children,
  confirmLabel,
  onConfirm,
  pending,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** What the action does and what stays, in a sentence or two. */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  pending: boolean;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{title}</Text>}>
      <Stack gap="md">
        <Text size="sm">{children}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button color="red" loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
