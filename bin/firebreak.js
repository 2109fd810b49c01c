#!/usr/bin/env node
// The package bin: run the TypeScript CLI through tsx's loader, so there is no separate build step for the server.
import { register } from 'tsx/esm/api';

register();
await import('../server/src/cli/main.ts');
