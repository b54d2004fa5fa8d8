/**
 * Test data for integration tests of lib/server: every test makes its own organisations and people (random codes),
 * so none depends on another's leftovers; every test file also has a database of its own (test/setup-file.ts).
 */
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import type { Actor } from "@/lib/auth/permissions";
import type { OrganisationKind, Role } from "@/lib/domain/codes";

export const uid = (n = 8) => randomBytes(n).toString("hex").toUpperCase().slice(0, n);

export async function makeOrganisation(kind: OrganisationKind = "MINISTRY", parentId: string | null = null) {
  const code = `T_${uid(10)}`;
  return prisma.organisation.create({ data: { code, nameVi: `Bộ Thử nghiệm ${code}`, nameEn: `Test Ministry ${code}`, kind, parentId } });
}

/** A user in the database and the Actor lib/server receives for them. */
export async function makeActor(role: Role, organisationId: string | null = null): Promise<Actor> {
  const email = `${role.toLowerCase()}.${uid(10).toLowerCase()}@example.gov.vn`;
  const u = await prisma.user.create({ data: { email, name: `Test ${role}`, role, organisationId, passwordHash: "x" } });
  const children = organisationId ? await prisma.organisation.findMany({ where: { parentId: organisationId }, select: { id: true } }) : [];
  return {
    id: u.id,
    email,
    name: u.name,
    role,
    organisationId,
    scope: role === "OFFICER" && organisationId ? [organisationId, ...children.map((c) => c.id)] : [],
  };
}

let quietCalls = 0;

/**
 * A past quarter no other call in this test file got: 2001-Q1, 2001-Q2, … up to 2014-Q4, then round again (never
 * 2000-Q1, which has no quarter before it). Every test file has a database of its own (test/setup-file.ts), so only
 * the file's own tests could collide: a file that also picks fixed quarters picks them outside the first few years.
 */
export function quietPeriod(): string {
  const i = quietCalls++ % 56;
  return `${2001 + Math.floor(i / 4)}-Q${1 + (i % 4)}`;
}

/** The AppError a call fails with (any other error is rethrown; success fails the test). */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected the call to fail");
}

/** A valid body for createInitiative: every field set (a fresh title each call), `fields` overriding. */
export function initiativeBody(organisationId: string, fields: Record<string, unknown> = {}) {
  return {
    organisationId,
    title: `Cổng dịch vụ công ${uid(4)}`,
    description: "Xây dựng Chính phủ số",
    buildingBlocks: ["ONE_PORTAL", "SHARED_DATA"],
    principles: ["DIGITAL_BY_DEFAULT"],
    enablers: [],
    status: "IN_PROGRESS",
    currentStage: 1,
    targetStage: 3,
    startDate: "2025-01-01",
    endDate: "2026-12-31",
    budgetPlanned: 1_000_000_000,
    budgetSpent: 250_000_000,
    progress: 40,
    ...fields,
  };
}
