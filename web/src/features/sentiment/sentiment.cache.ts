// How relabels and retrains (ours, or another member's through live events) reach the cache: the brands'
// accuracy reports and the open mention details are refetched; a retrained brand model is put in place at once.
import type {
  EventMap,
  MentionDetail,
  SentimentRelabel,
  SentimentReport,
  SentimentRetrainResult,
} from '@contracts';
import type { QueryClient } from '@tanstack/react-query';
import { mentionKeys } from '../listen/listen.api';
import { sentimentKeys } from './sentiment.api';
import { withRelabel } from './sentiment-view';

const mentionDetailsKey = ['mentions', 'detail'] as const;

/** Our own relabel: the mention's detail shows it at once; the reports of its brands are fetched again. */
export function applyRelabel(queryClient: QueryClient, relabel: SentimentRelabel): void {
  queryClient.setQueryData<MentionDetail>(mentionKeys.detail(relabel.mentionId), (detail) =>
    detail
      ? {
          ...detail,
          sentimentDetail: {
            ...detail.sentimentDetail,
            relabels: withRelabel(detail.sentimentDetail.relabels, relabel),
          },
        }
      : detail,
  );
  for (const brandId of relabel.brandIds) {
    void queryClient.invalidateQueries({ queryKey: sentimentKeys.report(brandId) });
  }
}

/** A retrained brand model: in the brand's report now; mention details may be decided by it from now on. */
export function applyRetrain(queryClient: QueryClient, result: SentimentRetrainResult): void {
  queryClient.setQueryData<SentimentReport>(sentimentKeys.report(result.brandId), (report) =>
    report ? { ...report, brandModel: result.brandModel } : report,
  );
  void queryClient.invalidateQueries({ queryKey: mentionDetailsKey });
}

export const sentimentLiveEventHandlers: {
  [N in 'sentiment.relabelled' | 'sentiment.retrained']: (
    payload: EventMap[N],
    queryClient: QueryClient,
  ) => void;
} = {
  'sentiment.relabelled': (relabel, queryClient) => {
    // Another member's relabel: refetch rather than guess whose label the detail should show.
    void queryClient.invalidateQueries({ queryKey: mentionKeys.detail(relabel.mentionId) });
    for (const brandId of relabel.brandIds) {
      void queryClient.invalidateQueries({ queryKey: sentimentKeys.report(brandId) });
    }
  },
  'sentiment.retrained': (result, queryClient) => applyRetrain(queryClient, result),
};
