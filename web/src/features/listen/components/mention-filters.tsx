import { platforms, type SentimentLabel } from '@contracts';
import { Button, Group, MultiSelect, NumberInput, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { platformLabels } from '../../../lib/labels';
import { hasAnyFilter, type MentionFilters } from '../listen.filters';

const sentimentOptions = [
  { value: 'negative', label: 'Negative' },
  { value: 'neutral', label: 'Neutral' },
  { value: 'positive', label: 'Positive' },
];

/** A text field that commits its value after a pause in typing (or on Enter), not on every key. */
function useCommitted(value: string | undefined, commit: (value: string) => void, delayMs = 400) {
  const [draft, setDraft] = useState(value ?? '');
  const commitRef = useRef(commit);
  commitRef.current = commit;
  useEffect(() => setDraft(value ?? ''), [value]);
  useEffect(() => {
    if (draft.trim() === (value ?? '')) return;
    const timer = setTimeout(() => commitRef.current(draft.trim()), delayMs);
    return () => clearTimeout(timer);
  }, [draft, value, delayMs]);
  return {
    value: draft,
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => setDraft(event.currentTarget.value),
    onKeyDown: (event: React.KeyboardEvent<HTMLInputElement>) => {
      if (event.key === 'Enter') commit(draft.trim());
    },
  };
}

export function MentionFiltersBar({
  filters,
  onChange,
}: {
  filters: MentionFilters;
  onChange: (next: MentionFilters) => void;
}) {
  const set = <K extends keyof MentionFilters>(key: K, value: MentionFilters[K] | undefined) => {
    const next = { ...filters };
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
    onChange(next);
  };
  const search = useCommitted(filters.q, (q) => set('q', q || undefined));
  const lang = useCommitted(filters.lang, (l) => set('lang', l ? l.toLowerCase() : undefined));

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label="Search"
        placeholder='refund "flight cancelled" -giveaway'
        leftSection={<IconSearch size={16} />}
        w={260}
        {...search}
      />
      <MultiSelect
        label="Platforms"
        placeholder={filters.platforms.length ? undefined : 'All platforms'}
        data={platforms.map((p) => ({ value: p, label: platformLabels[p] }))}
        value={filters.platforms}
        onChange={(values) => onChange({ ...filters, platforms: values.sort() })}
        clearable
        w={240}
      />
      <Select
        label="Sentiment"
        placeholder="Any"
        data={sentimentOptions}
        value={filters.sentiment ?? null}
        onChange={(value) => set('sentiment', (value as SentimentLabel | null) ?? undefined)}
        clearable
        w={140}
      />
      <TextInput label="Language" placeholder="e.g. en" w={100} maxLength={20} {...lang} />
      <NumberInput
        label="Minimum reach"
        placeholder="0"
        min={0}
        step={1000}
        thousandSeparator=","
        w={150}
        value={filters.minReach ?? ''}
        onChange={(value) => set('minReach', typeof value === 'number' && value > 0 ? value : undefined)}
      />
      {hasAnyFilter(filters) && (
        <Button
          variant="subtle"
          color="gray"
          onClick={() =>
            onChange({ platforms: [], ...(filters.brandId ? { brandId: filters.brandId } : {}) })
          }
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}
