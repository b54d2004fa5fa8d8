import { z } from "zod";
import { pageQuery, queryBool } from "./common";
import { password } from "./users";

export const notificationListQuery = z.strictObject({ ...pageQuery, unread: queryBool.describe("true: unread ones only") });

export const MAIL_PREFERENCES = ["IMMEDIATE", "DIGEST", "OFF"] as const;
export type MailPreference = (typeof MAIL_PREFERENCES)[number];
export const mailPreferenceInput = z.strictObject({ mailPreference: z.enum(MAIL_PREFERENCES) });

export const forgotPasswordInput = z.strictObject({ email: z.string().trim().toLowerCase().pipe(z.email("not a valid email").max(254)) });

export const resetPasswordInput = z.strictObject({ token: z.string().min(1).max(200), newPassword: password });
