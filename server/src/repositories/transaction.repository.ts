import type { Db } from '../db/database';
import { AuditRepository } from './audit.repository';
import { BrandRepository } from './brand.repository';
import { EventRepository } from './event.repository';
import { IdentityRepository } from './identity.repository';

/** Repositories bound to one transaction: a mutation, its audit-log row and its live event commit together. */
export interface UnitOfWork {
  identity: IdentityRepository;
  brands: BrandRepository;
  audit: AuditRepository;
  events: EventRepository;
}

export type Transact = <T>(work: (uow: UnitOfWork) => Promise<T>) => Promise<T>;

export function unitOfWork(db: Db): UnitOfWork {
  return {
    identity: new IdentityRepository(db),
    brands: new BrandRepository(db),
    audit: new AuditRepository(db),
    events: new EventRepository(db),
  };
}

/** Keep the work inside short: on PGlite every other query waits for the transaction to end. */
export function createTransact(db: Db): Transact {
  return (work) => db.transaction((tx) => work(unitOfWork(tx as unknown as Db)));
}
