import { z } from 'zod';

// Imported first by main.tsx, before any schema is built: zod's compiled parsers need `new Function`,
// which the server's Content-Security-Policy (script-src 'self', no 'unsafe-eval') forbids, and even
// zod's probe for it is reported as a policy violation. The plain parsers give the same results.
z.config({ jitless: true });
