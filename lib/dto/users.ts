/** Accounts, sign-in tokens and personal API tokens as the API answers them. */
import { z } from "zod";
import { ROLES } from "@/lib/domain/codes";
import { id, ts } from "./common";

export const UserDto = z
  .object({
    id,
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    organisationId: id.nullable(),
    active: z.boolean(),
    version: z.number().int(),
    locale: z.enum(["vi", "en"]).nullable(),
    mustChangeCredentials: z.boolean().describe("an admin set the password: the browser pages ask for a new one first"),
    createdAt: ts,
    lastLoginAt: ts.nullable(),
  })
  .meta({ id: "User" });
export type UserDto = z.infer<typeof UserDto>;

export const TokenDto = z.object({
  token: z.string().describe("shown once; send as `Authorization: Bearer <token>`"),
  expiresAt: ts,
  user: UserDto.pick({ id: true, email: true, name: true, role: true, organisationId: true }),
});
export type TokenDto = z.infer<typeof TokenDto>;

export const PersonalTokenDto = z
  .object({
    id,
    name: z.string().nullable(),
    createdAt: ts,
    expiresAt: ts,
    lastUsedAt: ts.nullable(),
    revoked: z.boolean(),
  })
  .meta({ id: "PersonalToken" });
export type PersonalTokenDto = z.infer<typeof PersonalTokenDto>;

/** The answer to POST /me/tokens: the new token, shown once. */
export const NewPersonalTokenDto = z.object({ token: z.string(), expiresAt: z.string() });
export type NewPersonalTokenDto = z.infer<typeof NewPersonalTokenDto>;
