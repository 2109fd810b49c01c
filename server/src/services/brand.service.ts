import type { Brand, UpdateBrandInput } from '../../../contracts';
import { CreateBrandInput } from '../../../contracts';
import type { Actor } from '../domain/actor';
import { changedFields } from '../domain/audit';
import { QuerySyntaxError, parseQuery } from '../domain/query/query-parser';
import { ConflictError, InvalidError, NotFoundError } from '../errors';
import type { BrandRepository, BrandRow } from '../repositories/brand.repository';
import type { Clock } from '../repositories/clock.repository';
import type { Transact } from '../repositories/transaction.repository';
import { isUniqueViolation } from '../db/errors';
import { authorize } from './authorize';
import { presentBrand } from './presenters';

export class BrandService {
  constructor(private readonly deps: { brands: BrandRepository; transact: Transact; clock: Clock }) {}

  async list(actor: Actor, includeArchived = false): Promise<Brand[]> {
    authorize(actor, 'brand.read');
    return (await this.deps.brands.list(actor.workspaceId, includeArchived)).map(presentBrand);
  }

  async get(actor: Actor, id: string): Promise<Brand> {
    authorize(actor, 'brand.read');
    const row = await this.deps.brands.find(actor.workspaceId, id);
    if (!row) throw new NotFoundError('Brand');
    return presentBrand(row);
  }

  async create(actor: Actor, raw: CreateBrandInput): Promise<Brand> {
    authorize(actor, 'brand.create');
    const input = CreateBrandInput.parse(raw);
    validateBrandQuery(input.query);
    return this.uniqueName(input.name, () =>
      this.deps.transact(async (uow) => {
        const row = await uow.brands.insert({
          workspaceId: actor.workspaceId,
          name: input.name,
          handles: input.handles,
          keywords: input.keywords,
          query: input.query,
        });
        const brand = presentBrand(row);
        await uow.audit.append(actor, {
          action: 'brand.created',
          targetType: 'brand',
          targetId: row.id,
          summary: { name: brand.name, handles: brand.handles, keywords: brand.keywords, query: brand.query },
        });
        await uow.events.append(actor.workspaceId, 'brand.created', brand);
        return brand;
      }),
    );
  }

  async update(actor: Actor, id: string, patch: UpdateBrandInput): Promise<Brand> {
    authorize(actor, 'brand.update');
    validateBrandQuery(patch.query);
    return this.uniqueName(patch.name, () =>
      this.change(actor, id, 'brand.updated', () => ({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.handles !== undefined ? { handles: patch.handles } : {}),
        ...(patch.keywords !== undefined ? { keywords: patch.keywords } : {}),
        ...(patch.query !== undefined ? { query: patch.query } : {}),
      })),
    );
  }

  async archive(actor: Actor, id: string): Promise<Brand> {
    authorize(actor, 'brand.archive');
    return this.change(actor, id, 'brand.archived', (before) => ({
      archivedAt: before.archivedAt ?? this.deps.clock.now(),
    }));
  }

  async restore(actor: Actor, id: string): Promise<Brand> {
    authorize(actor, 'brand.archive');
    return this.change(actor, id, 'brand.restored', () => ({ archivedAt: null }));
  }

  private async change(
    actor: Actor,
    id: string,
    action: string,
    makePatch: (
      before: BrandRow,
    ) => Partial<Pick<BrandRow, 'name' | 'handles' | 'keywords' | 'query' | 'archivedAt'>>,
  ): Promise<Brand> {
    return this.deps.transact(async (uow) => {
      const beforeRow = await uow.brands.find(actor.workspaceId, id);
      if (!beforeRow) throw new NotFoundError('Brand');
      const before = presentBrand(beforeRow);
      const patch = makePatch(beforeRow);
      const row = (await uow.brands.update(actor.workspaceId, id, patch))!;
      const after = presentBrand(row);
      await uow.audit.append(actor, {
        action,
        targetType: 'brand',
        targetId: id,
        summary: { name: after.name, changes: changedFields(before, pickKeys(after, Object.keys(patch))) },
      });
      await uow.events.append(actor.workspaceId, 'brand.updated', after);
      return after;
    });
  }

  private async uniqueName<T>(name: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(`A brand named "${name}" already exists in this workspace.`);
      }
      throw error;
    }
  }
}

function pickKeys<T extends object>(value: T, keys: string[]): Partial<T> {
  return Object.fromEntries(keys.map((k) => [k, (value as Record<string, unknown>)[k]])) as Partial<T>;
}

/** Refuses a brand query that does not parse: 400 with the position and reason of the error. */
function validateBrandQuery(query: string | null | undefined): void {
  if (query === null || query === undefined) return;
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      throw new InvalidError(`query: ${error.message} (at character ${error.position + 1})`, {
        position: error.position,
      });
    }
    throw error;
  }
}
