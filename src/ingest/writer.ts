import { setTimeout as sleep } from 'node:timers/promises';
import { IngestStore, type StatedMetadata, type StoredArticle } from '../db/ingest.js';
import type { Db } from '../db/open.js';
import { ReadModel, type ClaimRow, type FactRow, type SourceRow } from '../db/read-model.js';
import { readLexicon, type LexiconFiles } from '../lexicon.js';
import { compileLexicon, type Lexicon } from '../pipeline/index.js';
import { alignLexicon, groupNewSource, regroupFacts, removeSource, storeArticles } from './extract-into-store.js';
import { lexiconFingerprint } from './index.js';

export type NewSource = StatedMetadata & { text: string };

export type SourceWritten = { status: 'new' | 'unchanged'; source: SourceRow; claims: ClaimRow[]; facts: FactRow[] };

export type SourceDeleted = { id: string; claimsRemoved: number; factsRemoved: string[]; factsUpdated: FactRow[] };

/** Another process (an ingest run) held the write lock for longer than the writer waits. */
export class WriteLockBusy extends Error {
  override name = 'WriteLockBusy';
}

/**
 * Writes one source at a time through its own connection, with the same extraction as `npm run ingest`:
 * store the article, then place its claims among the stored facts (or regroup the whole corpus when
 * its facts are stale: after an ingest run was cut short, or the lexicon changed), all under one write lock. Another
 * process's ingest may hold the lock; the writer then waits between short attempts instead of in
 * SQLite's busy handler, which would block the event loop and every reader with it.
 */
export class SourceWriter {
  private readonly store: IngestStore;
  private readonly view: ReadModel;
  /**
   * The lexicon as last read, compiled at the first write: compiling loads the language model, which
   * start-up need not wait for (a thread that only reads the files is ready in a fraction of the time).
   */
  private files: LexiconFiles;
  private compiled: { digest: string; lexicon: Lexicon } | null = null;

  constructor(
    db: Db,
    private readonly lexiconDir: string,
    private readonly lockTimeoutMs = 10_000,
  ) {
    this.store = new IngestStore(db);
    this.view = new ReadModel(db);
    // Read now, so a missing or broken lexicon stops start-up rather than the first write.
    this.files = readLexicon(lexiconDir);
  }

  /** Stores an article unless the same text is stored already; either way answers with the stored source. */
  async add({ text, ...stated }: NewSource): Promise<SourceWritten> {
    return this.withWriteLock(() => {
      const { lexicon } = this.alignLexicon();
      // Read before storing, which marks facts for regrouping until they are placed.
      const current = !this.store.factsAreStale();
      const [stored] = storeArticles(this.store, [{ fileName: null, text, url: stated.url }], lexicon) as [StoredArticle];
      if (stored.status === 'new' && Object.values(stated).some((value) => value !== undefined)) {
        this.store.stateMetadata(stored.sourceId, stated);
      }
      if (current && stored.status === 'new') groupNewSource(this.store, stored.sourceId, lexicon);
      if (this.store.factsAreStale()) regroupFacts(this.store, lexicon);
      const { text: _text, boilerplate: _boilerplate, claims, ...source } = this.view.getSource(stored.sourceId)!;
      const factIds = [...new Set(claims.flatMap((claim) => claim.factIds))];
      return { status: stored.status, source, claims, facts: this.view.getFacts(factIds) };
    });
  }

  /** Removes a source and its claims, and describes again the facts it supported; null when no source has the id. */
  async remove(id: string): Promise<SourceDeleted | null> {
    return this.withWriteLock(() => {
      const { lexicon } = this.alignLexicon();
      if (this.store.factsAreStale()) regroupFacts(this.store, lexicon);
      const removed = removeSource(this.store, id);
      if (removed === null) return null;
      const { claimsRemoved, supported, kept } = removed;
      return {
        id,
        claimsRemoved,
        factsRemoved: supported.filter((factId) => !kept.includes(factId)),
        factsUpdated: this.view.getFacts(kept),
      };
    });
  }

  /** Claims are never stored from two lexicons: a changed lexicon re-extracts, as ingest does. */
  private alignLexicon(): { lexicon: Lexicon } {
    this.files = readLexicon(this.lexiconDir);
    const lexicon = this.compiledLexicon();
    alignLexicon(this.store, this.files, lexicon, lexiconFingerprint(this.files));
    return { lexicon };
  }

  private compiledLexicon(): Lexicon {
    const { digest } = this.files;
    if (this.compiled?.digest !== digest) this.compiled = { digest, lexicon: compileLexicon(this.files) };
    return this.compiled.lexicon;
  }

  private async withWriteLock<T>(write: () => T): Promise<T> {
    const deadline = Date.now() + this.lockTimeoutMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      try {
        return this.store.exclusively(write);
      } catch (error) {
        if (!String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw error;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new WriteLockBusy('another writer held the database for too long');
      await sleep(Math.min(pause, left));
    }
  }
}
