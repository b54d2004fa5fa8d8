import { unknownPath } from "@/lib/api/handler";

export const dynamic = "force-dynamic";

// Every /api/v1 path that no other route file serves: a JSON 404 in the API's error format, for every method.
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = unknownPath();
