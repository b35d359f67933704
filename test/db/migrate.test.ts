import t from 'tap';
import { openDatabase } from '../../src/db/open.js';
import { migrate, readMigrations } from '../../src/db/migrate.js';

const tables = (db: ReturnType<typeof openDatabase>) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((row) => row.name);

t.test('applies every migration once, in order, and records the version', (t) => {
  const db = openDatabase(':memory:');
  const versions = readMigrations().map((migration) => migration.version);
  t.same(migrate(db), versions);
  t.equal(db.pragma('user_version', { simple: true }), versions.at(-1));
  t.ok(tables(db).includes('claims'));
  t.ok(tables(db).includes('claims_fts'));
  t.same(migrate(db), [], 'a second run applies nothing');
  db.close();
  t.end();
});

t.test('a failing migration rolls back entirely and keeps the previous version', (t) => {
  const db = openDatabase(':memory:');
  const migrations = [
    { version: 1, name: '001_ok.sql', sql: 'CREATE TABLE kept (id INTEGER);' },
    { version: 2, name: '002_broken.sql', sql: 'CREATE TABLE half (id INTEGER); INSERT INTO missing_table VALUES (1);' },
  ];
  t.throws(() => migrate(db, migrations), /002_broken\.sql failed and was rolled back/);
  t.equal(db.pragma('user_version', { simple: true }), 1);
  t.same(tables(db), ['kept'], 'the table created before the failing statement is gone');
  db.close();
  t.end();
});

t.test('migration files must be numbered without gaps', (t) => {
  const dir = t.testdir({ '001_a.sql': 'SELECT 1;', '003_c.sql': 'SELECT 1;', 'notes.txt': 'ignored' });
  t.throws(() => readMigrations(dir), /003_c\.sql should be numbered 2/);
  t.end();
});
