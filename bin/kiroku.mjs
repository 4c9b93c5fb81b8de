#!/usr/bin/env node
// `kiroku` from a checkout or an install: runs the TypeScript sources through tsx (a dependency).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/run.ts');
