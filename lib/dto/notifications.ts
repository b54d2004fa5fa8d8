/** In-app notifications as the API answers them. */
import { z } from "zod";
import { id, ts } from "./common";
import { MAIL_PREFERENCES } from "@/lib/validation/notifications";

export const NotificationDto = z
  .object({
    id,
    kind: z
      .string()
      .describe(
        "REPORT_REJECTED, REPORT_APPROVED, REPORTS_SUBMITTED, REPORT_DUE_SOON, REPORT_OVERDUE, OVERDUE_DIGEST, RESTRUCTURED, PASSWORD_RESET",
      ),
    title: z.string().describe("in the recipient's language (the one saved on the account)"),
    body: z.string(),
    link: z.string().describe("a path of the web app that opens the exact screen"),
    createdAt: ts,
    readAt: ts.nullable().describe("null while unread"),
  })
  .meta({ id: "Notification" });
export type NotificationDto = z.infer<typeof NotificationDto>;

export const MailPreferenceDto = z.object({ mailPreference: z.enum(MAIL_PREFERENCES) });
export type MailPreferenceDto = z.infer<typeof MailPreferenceDto>;
