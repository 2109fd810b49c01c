import { ActionIcon, Alert, CopyButton, Stack, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconEyeExclamation } from '@tabler/icons-react';

/**
 * A one-time value (invite link, token secret): a read-only field with a copy button and a plain warning
 * that it cannot be shown again.
 */
export function SecretReveal({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <Stack gap="sm">
      <Alert color="yellow" icon={<IconEyeExclamation size={18} />} title="Shown only once">
        {hint}
      </Alert>
      <TextInput
        label={label}
        value={value}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
        rightSectionWidth={42}
        rightSection={
          <CopyButton value={value} timeout={2000}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
                <ActionIcon
                  variant={copied ? 'filled' : 'subtle'}
                  color={copied ? 'teal' : 'gray'}
                  onClick={copy}
                  // Not "Copy invite link": the field alone should answer to its label.
                  aria-label={copied ? 'Copied' : 'Copy to clipboard'}
                >
                  {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        }
      />
    </Stack>
  );
}
