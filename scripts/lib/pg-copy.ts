/**
 * COPY ... TO STDOUT / FROM STDIN over a plain `pg.Client`, without the pg-copy-streams package (not a dependency):
 * a small "submittable" query object speaking the copy sub-protocol that node-postgres already routes to it
 * (copyData / copyInResponse / commandComplete / readyForQuery). Backpressure both ways: the socket is paused while
 * the sink is full, and the source is not read further while the socket is.
 */
import type pg from "pg";

/** The parts of pg's internal Connection a submittable query uses. */
interface Connection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(msg: string): void;
  stream: NodeJS.ReadWriteStream & { writableNeedDrain?: boolean; destroyed?: boolean };
}

type Callback = (err: Error | null, rowCount?: number) => void;

abstract class CopyQuery {
  callback?: Callback;
  protected rowCount = 0;
  protected failed: Error | null = null;
  private done = false;
  constructor(readonly text: string) {}

  submit(connection: Connection) {
    connection.query(this.text);
  }
  protected finish(err: Error | null) {
    if (this.done) return;
    this.done = true;
    this.callback?.(err, this.rowCount);
  }
  handleCommandComplete(msg: { text?: string }) {
    const m = /^COPY (\d+)/.exec(msg.text ?? "");
    if (m) this.rowCount = Number(m[1]);
  }
  handleReadyForQuery() {
    this.finish(this.failed);
  }
  handleError(err: Error) {
    this.failed ??= err;
    this.finish(err);
  }
  // a COPY answers none of these: they would mean the statement was not a COPY
  handleRowDescription() {
    this.failed ??= new Error("expected a COPY statement");
  }
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyInResponse(connection: Connection) {
    connection.sendCopyFail("this statement is not COPY FROM STDIN");
  }
  handleCopyData(_msg: { chunk: Buffer }, _connection: Connection) {}
}

class CopyOut extends CopyQuery {
  private paused = false;
  private connection: Connection | null = null;
  submit(connection: Connection) {
    this.connection = connection;
    super.submit(connection);
  }
  protected finish(err: Error | null) {
    // the sink may still be full when the statement ends (its drain may never come, e.g. once it is ended):
    // the connection must not stay paused for the next query
    if (this.paused) {
      this.paused = false;
      this.connection?.stream.resume();
    }
    super.finish(err);
  }
  constructor(
    text: string,
    private readonly sink: (chunk: Buffer) => boolean | void,
    private readonly onDrain: (resume: () => void) => void,
  ) {
    super(text);
  }
  handleCopyData(msg: { chunk: Buffer }, connection: Connection) {
    if (this.failed) return;
    try {
      // msg.chunk is a view into the parser's read buffer, which the next socket read overwrites: copy it
      if (this.sink(Buffer.from(msg.chunk)) === false && !this.paused) {
        this.paused = true;
        connection.stream.pause();
        this.onDrain(() => {
          if (!this.paused) return;
          this.paused = false;
          connection.stream.resume();
        });
      }
    } catch (err) {
      // the server keeps sending: remember the error and report it when the statement ends
      this.failed = err as Error;
    }
  }
}

class CopyIn extends CopyQuery {
  private aborted = false;
  constructor(
    text: string,
    private readonly source: AsyncIterable<Buffer>,
  ) {
    super(text);
  }
  handleError(err: Error) {
    this.aborted = true;
    super.handleError(err);
  }
  handleCopyInResponse(connection: Connection) {
    void this.pump(connection);
  }
  private async pump(connection: Connection) {
    try {
      for await (const chunk of this.source) {
        if (this.aborted) return;
        if (chunk.length) connection.sendCopyFromChunk(chunk);
        if (connection.stream.writableNeedDrain) await new Promise((r) => connection.stream.once("drain", r));
      }
      if (!this.aborted) connection.endCopyFrom();
    } catch (err) {
      // the server rolls the COPY back and answers with an error, which ends the query
      this.failed ??= err as Error;
      if (!this.aborted) connection.sendCopyFail(`client error: ${(err as Error).message}`.slice(0, 200));
    }
  }
}

function run(client: pg.Client | pg.PoolClient, q: CopyQuery): Promise<number> {
  return new Promise((resolve, reject) => {
    q.callback = (err, n) => (err ? reject(err) : resolve(n ?? 0));
    (client as unknown as { query(q: unknown): void }).query(q);
  });
}

/**
 * Runs `COPY ... TO STDOUT` and hands every chunk to `sink` (a `false` return pauses the socket until `onDrain`'s
 * callback is called). Resolves with the number of rows copied.
 */
export function copyOut(
  client: pg.Client | pg.PoolClient,
  sql: string,
  sink: (chunk: Buffer) => boolean | void,
  onDrain: (resume: () => void) => void = (resume) => resume(),
): Promise<number> {
  return run(client, new CopyOut(sql, sink, onDrain));
}

/** Runs `COPY ... FROM STDIN` with the bytes of `source`. Resolves with the number of rows the server stored. */
export function copyIn(client: pg.Client | pg.PoolClient, sql: string, source: AsyncIterable<Buffer>): Promise<number> {
  return run(client, new CopyIn(sql, source));
}
