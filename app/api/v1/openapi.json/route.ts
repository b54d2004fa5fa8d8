import { open, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { openApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-dynamic";

// Public, like any API description: it names the endpoints, never data.
export const GET = open(async () => json(openApiDocument()));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
