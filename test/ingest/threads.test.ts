import t from 'tap';
import { withoutPreloads } from '../../src/ingest/threads.js';

t.test('a thread keeps its process flags but not the modules a runner or loader preloads', async (t) => {
  const rows: Array<[string[], string[]]> = [
    [[], []],
    [['--enable-source-maps'], ['--enable-source-maps']],
    [['--import=file:///runner/typescript.mjs', '--enable-source-maps'], ['--enable-source-maps']],
    [['--import', 'some-loader', '--max-old-space-size=4096'], ['--max-old-space-size=4096']],
    [['--require', './agent.cjs', '--loader=ts-node/esm', '--experimental-loader', 'x.mjs', '--trace-warnings'], ['--trace-warnings']],
    // Only whole flags: a flag that merely starts with the same letters stays.
    [['--imports-are-not-a-flag'], ['--imports-are-not-a-flag']],
  ];
  for (const [execArgv, kept] of rows) t.same(withoutPreloads(execArgv), kept, execArgv.join(' ') || '(none)');
});
