import type { SentimentLabel } from '@contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getSentimentReport, relabelMention, retrainSentimentModel, sentimentKeys } from '../sentiment.api';
import { applyRelabel, applyRetrain } from '../sentiment.cache';

/** A brand's accuracy report; kept current by live events, and refetched when the window regains focus. */
export function useSentimentReport(brandId: string | null) {
  return useQuery({
    queryKey: sentimentKeys.report(brandId ?? ''),
    queryFn: ({ signal }) => getSentimentReport(brandId!, signal),
    enabled: brandId !== null,
    staleTime: 10_000,
    refetchOnWindowFocus: true,
  });
}

/** Relabels a mention's sentiment for all its brands (or one, with `brandId`). */
export function useRelabelMention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      mentionId,
      label,
      brandId,
    }: {
      mentionId: string;
      label: SentimentLabel;
      brandId?: string;
    }) => relabelMention(mentionId, brandId === undefined ? { label } : { label, brandId }),
    onSuccess: (relabel) => applyRelabel(queryClient, relabel),
  });
}

/** Retrains the brand's model on its relabels; a refusal (too few relabels) is shown in the page. */
export function useRetrainSentimentModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (brandId: string) => retrainSentimentModel(brandId),
    meta: { inlineErrors: true },
    onSuccess: (result) => applyRetrain(queryClient, result),
  });
}
