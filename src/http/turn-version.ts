/**
 * The read model's data version, read at most once per event-loop turn. Under load one turn parses
 * dozens of requests, and the read (SQLite's data_version, a lookup in the WAL index under a read lock)
 * was the largest cost of answering from the response cache: about 3 µs of 18 per request.
 *
 * The price is that a commit by another connection or process shows from the next turn, never in the
 * middle of one: requests handled in one turn all see the version read at its start (a response built
 * from newer rows is filed under the older version, which the next turn drops). This server's own
 * writes call `forget` before they answer, so no later read in the same turn stays behind them.
 */
export class TurnVersion {
  private version: string | null = null;
  private readonly forgetNow = () => {
    this.version = null;
  };

  constructor(private readonly read: () => string) {}

  current(): string {
    if (this.version === null) {
      this.version = this.read();
      setImmediate(this.forgetNow);
    }
    return this.version;
  }

  forget(): void {
    this.version = null;
  }
}
