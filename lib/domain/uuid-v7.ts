import { randomBytes } from "node:crypto";

/**
 * A version 7 UUID (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made one after another sort
 * after each other (a counter in the random bits keeps that order within one millisecond), so a bulk insert of
 * new rows appends at the right edge of the primary key and of every index led by the id (the link tables', the
 * audit trail's entity index) instead of touching a random leaf page of each for every row: at a million
 * initiatives, an import's 50,000 new ones write a third less WAL (BENCHMARKS.md, "merger and import at 1M").
 */
let lastMs = 0;
let counter = 0;

export function uuidV7(now: number = Date.now()): string {
  if (now <= lastMs) {
    // same (or an earlier) millisecond: stay on the last one and count up in the 12 bits after the version
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
  } else {
    lastMs = now;
    counter = 0;
  }
  const b = randomBytes(16);
  const ms = lastMs;
  b[0] = Math.floor(ms / 2 ** 40) & 0xff;
  b[1] = Math.floor(ms / 2 ** 32) & 0xff;
  b[2] = (ms >>> 24) & 0xff;
  b[3] = (ms >>> 16) & 0xff;
  b[4] = (ms >>> 8) & 0xff;
  b[5] = ms & 0xff;
  b[6] = 0x70 | ((counter >>> 8) & 0x0f);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
