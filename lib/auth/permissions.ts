/**
 * The permission matrix of spec/domain.md, as one typed constant that the code (lib/server) and the tests read.
 * "own" means: the acting officer's organisation and its agencies.
 */
import type { Role } from "@/lib/domain/codes";

export type Rule = "any" | "own" | "none";

export const ACTIONS = [
  "initiative.read",
  "initiative.write",
  "report.readApproved",
  "report.write",
  "report.readUnapproved",
  "report.review",
  "audit.read",
  "user.manage",
  "organisation.manage",
  "settings.manage",
] as const;
export type Action = (typeof ACTIONS)[number];

export const PERMISSIONS: Record<Role, Record<Action, Rule>> = {
  OFFICER: {
    "initiative.read": "any",
    "initiative.write": "own",
    "report.readApproved": "any",
    "report.write": "own",
    "report.readUnapproved": "own",
    "report.review": "none",
    "audit.read": "own",
    "user.manage": "none",
    "organisation.manage": "none",
    "settings.manage": "none",
  },
  LEADERSHIP: {
    "initiative.read": "any",
    "initiative.write": "none",
    "report.readApproved": "any",
    "report.write": "none",
    "report.readUnapproved": "none",
    "report.review": "any",
    "audit.read": "any",
    "user.manage": "none",
    "organisation.manage": "none",
    "settings.manage": "none",
  },
  ADMIN: {
    "initiative.read": "any",
    "initiative.write": "any",
    "report.readApproved": "any",
    "report.write": "any",
    "report.readUnapproved": "any",
    "report.review": "any",
    "audit.read": "any",
    "user.manage": "any",
    "organisation.manage": "any",
    "settings.manage": "any",
  },
};

/** Who is acting: resolved from a session or a bearer token by lib/auth, re-checked against the database. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
  /** the officer's organisation and its agencies; empty for others */
  scope: string[];
  /** how this request signed in: the browser session or the API token in use (absent in tests and scripts) */
  credential?: { kind: "session" | "token"; id: string };
  /** an admin chose the password (new account, reset): the browser pages ask for a new one first */
  mustChangePassword?: boolean;
}

/** The rule for an action, for a role. */
export function ruleFor(role: Role, action: Action): Rule {
  return PERMISSIONS[role][action];
}

/** May the actor do `action` on a record of `organisationId` (or on anything, when omitted and the rule is "any")? */
export function can(actor: Pick<Actor, "role" | "scope">, action: Action, organisationId?: string | null): boolean {
  const rule = ruleFor(actor.role, action);
  if (rule === "any") return true;
  if (rule === "none") return false;
  if (organisationId === undefined) return actor.scope.length > 0;
  return organisationId !== null && actor.scope.includes(organisationId);
}
