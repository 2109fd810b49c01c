// The HTTP test harness: a container on a fresh test database, the Fastify app (never listening unless asked),
// and helpers that sign members in with a given role and department.
import type { FastifyInstance } from 'fastify';
import type { Department, SessionInfo, WorkspaceRole } from '../../contracts';
import { loadConfig } from '../src/config';
import { type Container, createContainer } from '../src/container';
import { buildServer } from '../src/http/server';
import { newTestDatabase, type TestDatabase } from './database';

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  info: SessionInfo;
  /** Headers for a mutating request made with this session. */
  headers: { cookie: string; 'x-csrf-token': string };
}

export interface TestApp {
  container: Container;
  app: FastifyInstance;
  testDb: TestDatabase;
  workspaceId: string;
  ownerEmail: string;
  ownerPassword: string;
  /** Creates a member with this role and department in the workspace (or another) and signs them in. */
  signInAs(role: WorkspaceRole, department: Department, workspaceSlug?: string): Promise<SignedIn>;
  signIn(email: string, password: string): Promise<SignedIn>;
  close(): Promise<void>;
}

export const testPassword = 'correct horse battery staple';

export async function createTestApp(
  env: Record<string, string> = {},
  logger: unknown = false,
): Promise<TestApp> {
  const testDb = await newTestDatabase();
  const config = loadConfig({
    FIREBREAK_LOG_LEVEL: 'silent',
    FIREBREAK_PUBLIC_URL: 'http://firebreak.test',
    ...env,
  });
  const container = await createContainer(config, { database: testDb.database, migrate: false });
  await container.bus.start();
  const app = await buildServer(container, { logger: logger as false });
  const created = await container.services.workspaces.createWorkspace({
    name: 'Acme',
    ownerEmail: 'owner@acme.test',
    ownerPassword: testPassword,
  });
  let n = 0;

  async function signIn(email: string, password: string): Promise<SignedIn> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'fb_session');
    const info = res.json() as SessionInfo;
    const header = `fb_session=${cookie!.value}`;
    return {
      cookie: header,
      csrfToken: info.csrfToken,
      info,
      headers: { cookie: header, 'x-csrf-token': info.csrfToken },
    };
  }

  return {
    container,
    app,
    testDb,
    workspaceId: created.workspace.id,
    ownerEmail: 'owner@acme.test',
    ownerPassword: testPassword,
    signIn,
    async signInAs(role, department, workspaceSlug = created.workspace.slug) {
      const email = `${role}.${department}.${++n}@acme.test`;
      await container.services.workspaces.createUser({
        workspace: workspaceSlug,
        email,
        name: `${role} ${department}`,
        department,
        role,
        password: testPassword,
      });
      return signIn(email, testPassword);
    },
    async close() {
      await app.close();
      await container.close();
      await testDb.close();
    },
  };
}
