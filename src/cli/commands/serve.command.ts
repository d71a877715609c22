import type { Command } from 'commander';
import { ImrError } from '../../errors/imr-error.js';
import { startServer } from '../../server/listen.js';
import { action, type CliContext } from '../context.js';

/** `imr serve`: the review service's HTTP API and web workbench. */
export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('Run the review service (REST API, /docs, web workbench); migrates the database and loads demo data on first start, then imports ../shared/seeds and ../shared/letters/dwc-2016-2017 into the corpus in the background once (env IMR_DEMO_CORPUS=0 to skip)')
    .option('--port <n>', 'port (default env PORT or 3000)')
    .option('--host <host>', 'interface to listen on (default env HOST or 127.0.0.1, this machine only; 0.0.0.0 for every interface, then cookies are Secure unless IMR_SECURE_COOKIES=0)')
    .option('--data-dir <dir>', 'SQLite folder (default env IMR_DATA_DIR or ./data); DATABASE_URL=postgres://… selects PostgreSQL')
    .option('--no-demo', 'do not load demo data (nor the demo corpus) on first start')
    .action(
      action(ctx, async (opts: { port?: string; host?: string; dataDir?: string; demo: boolean }) => {
        const port = opts.port === undefined ? undefined : Number(opts.port);
        if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new ImrError('IMR_ERR_USAGE', `--port ${opts.port} is not a port number; give 0–65535.`);
        // Demo passwords go to stderr only when it is a terminal, never to stdout (often a log); else to a 0600 file (see listen.ts).
        const secrets = process.stderr.isTTY ? (l: string) => ctx.io.err(l + '\n') : null;
        const server = await startServer({ port, host: opts.host, dataDir: opts.dataDir, demo: opts.demo, print: (l) => ctx.io.out(l + '\n'), secrets });
        await new Promise<void>((resolve) => {
          const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); void server.close().then(resolve); };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      }),
    );
}
