// Entry of the parsing worker when the loader runs from TypeScript source (tsx, vitest): a worker thread does not
// inherit the parent's loader hooks, so it registers tsx itself before loading the worker module.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
