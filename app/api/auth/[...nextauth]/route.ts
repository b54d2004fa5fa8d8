import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptionsFor } from "@/lib/auth/options";
import { isHttpsRequest } from "@/lib/transport";

export const dynamic = "force-dynamic";

// options per request: the cookies' Secure flag follows how this request arrived (lib/transport.ts)
async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req, ctx, authOptionsFor(isHttpsRequest(req.headers)));
}
export { handler as GET, handler as POST };
