import { z } from "zod";

/*
 * zod 4 compiles a fast parser per object schema with `new Function`, after probing whether eval is allowed. In the
 * browser that probe is itself a Content-Security-Policy violation (script-src without 'unsafe-eval': a console
 * error and a report on every page that loads a form). Jitless, it never probes or compiles. The setting is read when
 * a schema is created, so this module must be evaluated before any schema: lib/validation/common.ts and lib/env.ts
 * import it first.
 */
z.config({ jitless: true });
