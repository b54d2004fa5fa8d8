import { z } from "zod";
import { ROLES } from "@/lib/domain/codes";
import { optional, pageQuery, rule, uuid, version } from "./common";
import { COMMON_PASSWORDS } from "@/lib/auth/common-passwords";

const email = z.string().trim().toLowerCase().pipe(z.email("not a valid email").max(254));

/** At least 12 characters and not one of the commonly used passwords. */
export const password = z
  .string()
  .min(12, "at least 12 characters")
  .max(200, "at most 200 characters")
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), rule("password_too_common", "this password is too common"));

export const loginInput = z.strictObject({ email: z.string().min(1).max(254), password: z.string().min(1).max(200) });

export const userCreateInput = z
  .strictObject({
    email,
    name: z.string().trim().min(1, "required").max(200),
    role: z.enum(ROLES),
    organisationId: optional(uuid),
    password,
    /** ask for a new password at the first browser sign-in; by default yes (an admin chose this one) */
    mustChangeCredentials: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === "OFFICER" && !v.organisationId) ctx.addIssue({ code: "custom", path: ["organisationId"], ...rule("officer_needs_organisation", "an officer needs an organisation") });
  });
export type UserCreateInput = z.infer<typeof userCreateInput>;

export const userUpdateInput = z.strictObject({
  version,
  name: z.string().trim().min(1, "required").max(200).optional(),
  role: z.enum(ROLES).optional(),
  organisationId: uuid.nullish(),
  active: z.boolean().optional(),
  password: password.optional(),
  /** by default a password set here (for someone else) must be changed at the next browser sign-in */
  mustChangeCredentials: z.boolean().optional(),
  locale: z.enum(["vi", "en"]).optional(),
});
export type UserUpdateInput = z.infer<typeof userUpdateInput>;

export const userListQuery = z.strictObject({
  ...pageQuery,
  q: z.string().max(200).optional(),
  role: z.enum(ROLES).optional(),
  organisationId: uuid.optional(),
  active: z.enum(["true", "false"]).optional(),
  sort: z.enum(["email", "-email", "name", "-name", "createdAt", "-createdAt", "lastLoginAt", "-lastLoginAt"]).optional(),
});
export type UserListQuery = z.infer<typeof userListQuery>;

/** Changing one's own password: the current one, and a new one that follows the password rule. */
export const passwordChangeInput = z
  .strictObject({
    currentPassword: z.string({ error: "required" }).min(1, "required").max(200),
    newPassword: password,
  })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], ...rule("password_unchanged", "must differ from the current password") });
export type PasswordChangeInput = z.infer<typeof passwordChangeInput>;

/** POST /me/tokens: a personal token's name. */
export const tokenNameInput = z.strictObject({ name: z.string().trim().min(1, "required").max(100) });
