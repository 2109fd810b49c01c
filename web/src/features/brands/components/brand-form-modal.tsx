import { CreateBrandInput, type Brand, type Platform } from '@contracts';
import {
  ActionIcon,
  Alert,
  Button,
  Code,
  Group,
  Input,
  Modal,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconAlertCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../../api/http';
import { issuePathSegments } from '../../../lib/issue-path';
import { options, platformLabels } from '../../../lib/labels';
import { handlesFromRows, newHandleRow, rowsFromHandles, type HandleRow } from '../handle-rows';
import { useCreateBrand, useUpdateBrand } from '../hooks/use-brands';

const platformOptions = options(platformLabels);

interface FormErrors {
  name?: string;
  query?: string;
  keywords?: string;
  handles?: string;
  /** Per handle row, by row key. */
  rows?: Record<number, string>;
  form?: string;
}

/** Puts zod-style issues (from the shared schema, or from the server's answer) on the right fields. */
function errorsFromIssues(
  issues: readonly { path: string | readonly PropertyKey[]; message: string }[],
  rowKeys: Partial<Record<Platform, number[]>>,
): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const [field, platform, index] = issuePathSegments(issue.path);
    if (field === 'name') errors.name ??= issue.message;
    else if (field === 'keywords') errors.keywords ??= issue.message;
    else if (field === 'query') errors.query ??= issue.message;
    else if (field === 'handles') {
      const key =
        platform && index !== undefined ? rowKeys[platform as Platform]?.[Number(index)] : undefined;
      if (key !== undefined) (errors.rows ??= {})[key] ??= issue.message;
      else errors.handles ??= issue.message;
    } else errors.form ??= issue.message;
  }
  return errors;
}

export interface BrandFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** The brand to edit; without it the modal creates a new brand. */
  brand?: Brand | null;
  /** Changes on every opening, so the form starts from the brand's current values. */
  formKey?: number;
}

export function BrandFormModal({ opened, onClose, brand, formKey = 0 }: BrandFormModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={600}>{brand ? `Edit ${brand.name}` : 'New brand'}</Text>}
      size="lg"
    >
      <BrandForm key={formKey} brand={brand ?? null} onDone={onClose} />
    </Modal>
  );
}

function BrandForm({ brand, onDone }: { brand: Brand | null; onDone: () => void }) {
  const [name, setName] = useState(brand?.name ?? '');
  const [keywords, setKeywords] = useState<string[]>(brand?.keywords ?? []);
  const [query, setQuery] = useState(brand?.query ?? '');
  const [rows, setRows] = useState<HandleRow[]>(() => {
    const existing = brand ? rowsFromHandles(brand.handles) : [];
    return existing.length > 0 ? existing : [newHandleRow()];
  });
  const [errors, setErrors] = useState<FormErrors>({});
  const create = useCreateBrand();
  const update = useUpdateBrand();
  const pending = create.isPending || update.isPending;

  const setRow = (key: number, change: Partial<HandleRow>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { handles, rowKeys } = handlesFromRows(rows);
    const input = { name: name.trim(), keywords, handles, query: query.trim() || null };
    const parsed = CreateBrandInput.safeParse(input);
    if (!parsed.success) {
      setErrors(errorsFromIssues(parsed.error.issues, rowKeys));
      return;
    }
    setErrors({});
    const onError = (error: Error) => {
      if (isApiError(error) && error.issues.length > 0) setErrors(errorsFromIssues(error.issues, rowKeys));
      else if (isApiError(error, 'conflict')) setErrors({ name: error.message });
      else setErrors({ form: error.message });
    };
    if (brand) update.mutate({ id: brand.id, input: parsed.data }, { onSuccess: onDone, onError });
    else create.mutate(parsed.data, { onSuccess: onDone, onError });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {errors.form && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
            {errors.form}
          </Alert>
        )}
        <TextInput
          label="Name"
          placeholder="Acme Coffee"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />
        <TagsInput
          label="Keywords"
          description="Words and phrases people use for this brand or its products. Press Enter after each."
          placeholder={keywords.length === 0 ? 'acme, acme coffee, #acmecoffee' : ''}
          value={keywords}
          onChange={setKeywords}
          error={errors.keywords}
          splitChars={[',']}
          // Free text, no suggestions: keep the (empty) dropdown closed so only the input carries the label.
          dropdownOpened={false}
          clearable
        />
        <Input.Wrapper
          label="Handles"
          description="The brand's own accounts on each platform, such as @acmecoffee on X."
          error={errors.handles}
        >
          <Stack gap="xs" mt={6}>
            {rows.map((row, index) => {
              const suffix = index === 0 ? '' : ` ${index + 1}`;
              const rowError = errors.rows?.[row.key];
              return (
                <Group key={row.key} gap="xs" align="flex-start" wrap="nowrap">
                  <Select<Platform>
                    aria-label={`Platform${suffix}`}
                    data={platformOptions}
                    value={row.platform}
                    onChange={(platform) => platform && setRow(row.key, { platform })}
                    allowDeselect={false}
                    w={150}
                    comboboxProps={{ withinPortal: true }}
                  />
                  <TextInput
                    aria-label={`Handle${suffix}`}
                    placeholder="@acmecoffee"
                    value={row.handle}
                    onChange={(event) => setRow(row.key, { handle: event.currentTarget.value })}
                    error={rowError}
                    style={{ flex: 1 }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size={36}
                    aria-label={`Remove row ${index + 1}`}
                    onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              );
            })}
            <Group>
              <Button
                variant="subtle"
                size="compact-sm"
                leftSection={<IconPlus size={14} />}
                onClick={() =>
                  setRows((current) => [...current, newHandleRow(current.at(-1)?.platform ?? 'x')])
                }
              >
                Add handle
              </Button>
            </Group>
          </Stack>
        </Input.Wrapper>
        <Textarea
          label="Query"
          description={
            <>
              Optional. A boolean listening expression with phrases, AND, OR, NOT, #hashtags and @handles.
              Leave it empty to listen for the keywords and handles above.
            </>
          }
          placeholder={'("acme coffee" OR #acmecoffee OR @acmecoffee) NOT careers'}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          error={errors.query}
          autosize
          minRows={2}
          maxRows={8}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
        />
        {brand && !brand.query && brand.effectiveQuery && (
          <Text size="xs" c="dimmed">
            Listening now with: <Code>{brand.effectiveQuery}</Code>
          </Text>
        )}
        <Group justify="flex-end" gap="sm" mt="sm">
          <Button variant="default" onClick={onDone} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            {brand ? 'Save changes' : 'Create brand'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
