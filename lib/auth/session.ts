import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { authOptions } from "./options";
import { actorFromSession, sessionClaimsOf } from "@/lib/server/auth";
import type { Actor } from "./permissions";

/** The signed-in person for this request (null when signed out, or the session ended or was revoked). Cached per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const claims = sessionClaimsOf(await getServerSession(authOptions));
  return claims ? actorFromSession(claims) : null;
});

/** The page that asks for a new password when an admin set the current one. */
export const CHANGE_PASSWORD_PATH = "/change-password";

/**
 * The signed-in person, or a redirect to the login page that comes back here afterwards. A person whose password an
 * admin set is sent to choose their own first (pages only: the API keeps working for scripts and integrations).
 */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor || actor.mustChangePassword) {
    const h = await headers();
    const path = h.get("x-pathname") ?? "/";
    redirect(`${actor ? CHANGE_PASSWORD_PATH : "/login"}?callbackUrl=${encodeURIComponent(path)}`);
  }
  return actor;
}
