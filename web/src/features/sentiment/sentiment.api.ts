import type {
  RelabelSentimentInput,
  SentimentRelabel,
  SentimentReport,
  SentimentRetrainResult,
} from '@contracts';
import { http } from '../../api/http';

export const sentimentKeys = {
  all: ['sentiment'] as const,
  report: (brandId: string) => ['sentiment', 'report', brandId] as const,
};

export const getSentimentReport = (brandId: string, signal?: AbortSignal) =>
  http.get<SentimentReport>(`/api/brands/${encodeURIComponent(brandId)}/sentiment-report`, { signal });

export const relabelMention = (mentionId: string, input: RelabelSentimentInput) =>
  http.post<SentimentRelabel>(`/api/mentions/${encodeURIComponent(mentionId)}/sentiment-label`, input);

export const retrainSentimentModel = (brandId: string) =>
  http.post<SentimentRetrainResult>(`/api/brands/${encodeURIComponent(brandId)}/sentiment-model/retrain`);
