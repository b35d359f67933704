import { buildApp } from './app.js';
import { openApiYamlText } from './plugins/docs.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';

/** The OpenAPI document exactly as the server serves it, as YAML. Needs no data: an empty database will do. */
export async function openApiYaml(): Promise<string> {
  const db = openDatabase(':memory:');
  migrate(db);
  const app = await buildApp({ db, closeDatabase: true });
  await app.ready();
  const yaml = openApiYamlText(app.swagger());
  await app.close();
  return yaml;
}
