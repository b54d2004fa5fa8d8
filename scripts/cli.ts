/**
 * Command-line administration.
 *   npm run cli -- create-admin --email you@example.gov.vn [--name "Your Name"] [--password ...]
 * Without --password it reads one from the terminal (or from the ADMIN_PASSWORD variable). Uses DATABASE_URL, or
 * the embedded PostgreSQL of `npm run demo` (.data/postgres).
 */
import { createInterface } from "node:readline/promises";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { hashPassword } from "../lib/auth/password";
import { password as passwordRule } from "../lib/validation/users";
import { openDatabase } from "./lib/database";
import { applyMigrations } from "./lib/migrate";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const command = process.argv[2];
  if (command !== "create-admin") {
    console.error("usage: npm run cli -- create-admin --email EMAIL [--name NAME] [--password PASSWORD]");
    process.exit(2);
  }
  const email = arg("email")?.trim().toLowerCase();
  if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new Error("--email is required and must be an email address");
  const name = arg("name") ?? "Administrator";
  let password = arg("password") ?? process.env.ADMIN_PASSWORD;
  if (!password) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    password = await rl.question("Password (12+ characters): ");
    rl.close();
  }
  const check = passwordRule.safeParse(password);
  if (!check.success) throw new Error(`password: ${check.error.issues.map((i) => i.message).join("; ")}`);

  const db = await openDatabase();
  try {
    await applyMigrations(db.url);
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
    const passwordHash = await hashPassword(password);
    const user = await prisma.$transaction(async (tx) => {
      const u = await tx.user.upsert({
        where: { email },
        create: { email, name, role: "ADMIN", passwordHash },
        update: { role: "ADMIN", active: true, passwordHash, organisationId: null, sessionVersion: { increment: 1 }, version: { increment: 1 } },
      });
      await tx.auditEntry.create({
        data: { action: "create_admin_cli", entityType: "User", entityId: u.id, changes: { email: { from: null, to: email }, role: { from: null, to: "ADMIN" } } },
      });
      return u;
    });
    console.log(`ADMIN ${user.email} is ready.`);
    await prisma.$disconnect();
  } finally {
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
