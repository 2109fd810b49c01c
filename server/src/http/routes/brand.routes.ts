import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Brand, CreateBrandInput, ListBrandsQuery, UpdateBrandInput } from '../../../../contracts';
import type { Container } from '../../container';
import { actorOf } from '../plugins/auth';

const Params = z.object({ id: z.uuid() });

export function brandRoutes(container: Container): FastifyPluginAsyncZod {
  const { brands } = container.services;
  return async (app) => {
    app.get(
      '/api/brands',
      {
        config: { action: 'brand.read' },
        schema: {
          tags: ['brands'],
          summary: 'Brands the workspace monitors',
          querystring: ListBrandsQuery,
          response: { 200: z.object({ brands: z.array(Brand) }) },
        },
      },
      async (request) => ({ brands: await brands.list(actorOf(request), request.query.includeArchived) }),
    );
    app.post(
      '/api/brands',
      {
        config: { action: 'brand.create' },
        schema: {
          tags: ['brands'],
          summary: 'Create a brand',
          body: CreateBrandInput,
          response: { 201: Brand },
        },
      },
      async (request, reply) => reply.status(201).send(await brands.create(actorOf(request), request.body)),
    );
    app.get(
      '/api/brands/:id',
      {
        config: { action: 'brand.read' },
        schema: { tags: ['brands'], summary: 'One brand', params: Params, response: { 200: Brand } },
      },
      async (request) => brands.get(actorOf(request), request.params.id),
    );
    app.patch(
      '/api/brands/:id',
      {
        config: { action: 'brand.update' },
        schema: {
          tags: ['brands'],
          summary: 'Edit a brand',
          params: Params,
          body: UpdateBrandInput,
          response: { 200: Brand },
        },
      },
      async (request) => brands.update(actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/brands/:id/archive',
      {
        config: { action: 'brand.archive' },
        schema: { tags: ['brands'], summary: 'Archive a brand', params: Params, response: { 200: Brand } },
      },
      async (request) => brands.archive(actorOf(request), request.params.id),
    );
    app.post(
      '/api/brands/:id/restore',
      {
        config: { action: 'brand.archive' },
        schema: {
          tags: ['brands'],
          summary: 'Restore an archived brand',
          params: Params,
          response: { 200: Brand },
        },
      },
      async (request) => brands.restore(actorOf(request), request.params.id),
    );
  };
}
