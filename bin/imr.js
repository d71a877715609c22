#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm ci` (prepare → build).
import { run } from '../dist/cli/main.js';

process.exitCode = await run(process.argv.slice(2));
