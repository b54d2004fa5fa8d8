import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { authOptions } from "./options";
import { actorFromSession } from "@/lib/server/auth";
import type { Actor } from "./permissions";

/** The signed-in person for this request (null when signed out or the session was revoked). Cached per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions)) as { uid?: string; sv?: number } | null;
  if (!session?.uid || typeof session.sv !== "number") return null;
  return actorFromSession(session.uid, session.sv);
});

/** The signed-in person, or a redirect to the login page that comes back here afterwards. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) {
    const h = await headers();
    const path = h.get("x-pathname") ?? "/";
    redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  }
  return actor;
}
