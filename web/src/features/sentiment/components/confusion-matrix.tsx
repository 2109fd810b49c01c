// The confusion matrix of the team's labels (rows) against the model's (columns): counts, the share of each row,
// agreement shaded teal and disagreement red, and each class's recall at the end of its row.
import { Table, Text } from '@mantine/core';
import { classRecalls, matrixCells, matrixSignature, percent, sentimentNames } from '../sentiment-view';

function shade(color: 'teal' | 'red', share: number): string | undefined {
  if (share <= 0) return undefined;
  const strength = Math.round(12 + share * 48);
  return `color-mix(in srgb, var(--mantine-color-${color}-6) ${strength}%, transparent)`;
}

export function ConfusionMatrix({
  confusion,
  caption,
  testId = 'confusion-matrix',
}: {
  confusion: readonly (readonly number[])[];
  caption: string;
  testId?: string;
}) {
  const rows = matrixCells(confusion);
  const recalls = classRecalls(confusion);
  return (
    <Table
      withTableBorder
      withColumnBorders
      layout="fixed"
      data-testid={testId}
      data-cells={matrixSignature(confusion)}
      captionSide="bottom"
    >
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={150}>
            <Text size="xs" c="dimmed">
              Team said ↓ · model said →
            </Text>
          </Table.Th>
          {rows[0]!.map((cell) => (
            <Table.Th key={cell.model} ta="center">
              {sentimentNames[cell.model]}
            </Table.Th>
          ))}
          <Table.Th ta="center">Recall</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row[0]!.team}>
            <Table.Th scope="row">{sentimentNames[row[0]!.team]}</Table.Th>
            {row.map((cell) => (
              <Table.Td
                key={cell.model}
                ta="center"
                style={{ background: shade(cell.agrees ? 'teal' : 'red', cell.rowShare) }}
                aria-label={`Team ${cell.team}, model ${cell.model}: ${cell.count}`}
              >
                <Text fw={700} size="lg" component="span">
                  {cell.count}
                </Text>
                {cell.count > 0 && (
                  <Text size="xs" c="dimmed">
                    {percent(cell.rowShare)}
                  </Text>
                )}
              </Table.Td>
            ))}
            <Table.Td ta="center">
              <Text size="sm" fw={600}>
                {percent(recalls[row[0]!.team])}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
