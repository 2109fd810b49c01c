import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  RelabelSentimentInput,
  SentimentRelabel,
  SentimentReport,
  SentimentRetrainResult,
} from '../../../../contracts';
import type { Container } from '../../container';
import { actorOf } from '../plugins/auth';

const Params = z.object({ id: z.uuid() });

export function sentimentRoutes(container: Container): FastifyPluginAsyncZod {
  const { sentiment } = container.services;
  return async (app) => {
    app.post(
      '/api/mentions/:id/sentiment-label',
      {
        config: { action: 'sentiment.relabel' },
        schema: {
          tags: ['sentiment'],
          summary: "Relabel a mention's sentiment (for one of its brands, or all of them)",
          params: Params,
          body: RelabelSentimentInput,
          response: { 200: SentimentRelabel },
        },
      },
      async (request) => sentiment.relabel(actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/brands/:id/sentiment-report',
      {
        config: { action: 'sentiment.read' },
        schema: {
          tags: ['sentiment'],
          summary: "The brand's sentiment accuracy: members' relabels against the model (confusion matrix)",
          params: Params,
          response: { 200: SentimentReport },
        },
      },
      async (request) => sentiment.report(actorOf(request), request.params.id),
    );
    app.post(
      '/api/brands/:id/sentiment-model/retrain',
      {
        config: { action: 'sentiment.retrain' },
        schema: {
          tags: ['sentiment'],
          summary:
            "Calibrate the sentiment model for the brand on its relabels; used for the brand's new mentions",
          params: Params,
          response: { 200: SentimentRetrainResult },
        },
      },
      async (request) => sentiment.retrain(actorOf(request), request.params.id),
    );
  };
}
