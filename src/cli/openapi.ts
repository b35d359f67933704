import { writeFileSync } from 'node:fs';
import { openApiYaml } from '../openapi.js';

const path = process.argv[2] ?? 'openapi.yaml';
writeFileSync(path, await openApiYaml());
console.log(`openapi: wrote ${path}`);
