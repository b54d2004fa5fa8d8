/** Evidence files as the API answers them. */
import { z } from "zod";
import { ts } from "./common";

export const AttachmentDto = z
  .object({
    id: z.string(),
    name: z.string(),
    size: z.number().int(),
    contentType: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: ts,
    createdBy: z.string(),
  })
  .meta({ id: "Attachment" });
export type AttachmentDto = z.infer<typeof AttachmentDto>;
