import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';

/** Shown instead of a page the signed-in member's role does not cover. */
export function NoAccess({ what }: { what: string }) {
  return (
    <Alert color="gray" icon={<IconLock size={18} />} title="Not available to your role">
      Your workspace role does not include {what}. Ask a workspace owner or admin if you need it.
    </Alert>
  );
}
