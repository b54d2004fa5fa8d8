import "server-only";
import { pool } from "./db";

/** True when the database answers within the pool's connection timeout. */
export async function databaseIsUp(): Promise<boolean> {
  try {
    await pool().query("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
