/** `npm run client`: writes clients/typescript/schema.ts from the committed openapi.yaml (see ./schema.ts). */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { clientSchema, SCHEMA_PATH } from './schema.js';

writeFileSync(SCHEMA_PATH, await clientSchema());
console.log(`client: wrote ${relative(process.cwd(), SCHEMA_PATH)}`);
