/**
 * CLI start-up as a user feels it: CPU seconds (user + system of the process and its children, as
 * the shell's `time` reports them) and wall seconds of `imr --help`, `imr errors` and
 * `imr letter parse ONE.pdf` (the first published letter PDF; skipped when absent), against the
 * peer `pdftotext ONE.pdf -` and Node's own start (`node -e 0`), all measured in the same run, with
 * the cost of loading every command module, which the CLI paid at every start before it loaded
 * only the command that runs.
 * Runs are interleaved (each round runs every command once, in a rotated order) and the median
 * of IMR_BENCH_CLI_ROUNDS (default 7) rounds is reported. Target: one letter parses in < 0.15 CPU-s.
 * Where NODE_EXTRA_CA_CERTS is set, Node parses that certificate file at every start, before the
 * CLI runs: Node's start and the letter's parse are then measured without it as well.
 * IMR_BENCH_CLI_COMPARE=DIR adds the parse by the built CLI of the checkout in DIR to the same rounds.
 *
 * The CLI measured is the built one (`node dist/cli/main.js`, what bin/imr.js runs; build it with
 * `npx tsc -p tsconfig.build.json`); IMR_BENCH_CLI=tsx measures `node --import tsx src/cli/main.ts`
 * instead (the sources as they are, plus tsx's transpiling).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { listFiles, pdfDir, repoRoot } from '../src/shared/test-support/shared-data.js';

const ROUNDS = Number(process.env.IMR_BENCH_CLI_ROUNDS ?? 7);
const TARGET_CPU_S = 0.15;

interface Timing {
  cpu: number;
  wall: number;
}

/** Runs `argv` under bash's `time` (which counts the children's CPU too); output discarded. */
function timeCommand(argv: string[]): Timing {
  const r = spawnSync('bash', ['-c', 'TIMEFORMAT="%3U %3S %3R"; time "$@" >/dev/null 2>&1', 'bash', ...argv], { cwd: repoRoot, encoding: 'utf8' });
  const m = /(\d+\.\d+) (\d+\.\d+) (\d+\.\d+)\s*$/.exec(r.stderr);
  if (!m) throw new Error(`cannot time ${argv.join(' ')}: ${r.stderr}`);
  return { cpu: Number(m[1]) + Number(m[2]), wall: Number(m[3]) };
}

function succeeds(argv: string[]): boolean {
  const r = spawnSync(argv[0], argv.slice(1), { cwd: repoRoot, stdio: 'ignore' });
  return r.status === 0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The CLI command line to measure; the command that loads every command module, as the CLI did at
 * every start before it loaded them lazily (buildProgram without argv); a note when dist/ is stale.
 */
function cliCommand(): { argv: string[]; eager: string[]; label: string; note: string } {
  const built = path.join(repoRoot, 'dist/cli/main.js');
  const eager = (node: string[], main: string) => [...node, '--input-type=module', '-e', `const m = await import(${JSON.stringify(pathToFileURL(main).href)}); await m.buildProgram({ io: { out() {}, err() {} }, exitCode: 0 });`];
  if (process.env.IMR_BENCH_CLI !== 'tsx' && existsSync(built)) {
    const stale = statSync(built).mtimeMs < statSync(path.join(repoRoot, 'src/cli/main.ts')).mtimeMs;
    return { argv: ['node', built], eager: eager(['node'], built), label: 'node dist/cli/main.js', note: stale ? ' (older than src/cli/main.ts: run `npx tsc -p tsconfig.build.json`)' : '' };
  }
  const main = path.join(repoRoot, 'src/cli/main.ts');
  return { argv: ['node', '--import', 'tsx', main], eager: eager(['node', '--import', 'tsx'], main), label: 'node --import tsx src/cli/main.ts', note: existsSync(built) ? '' : ' (no dist/: build for the figures users get)' };
}

export default async function (): Promise<void> {
  if (spawnSync('bash', ['-c', 'true']).status !== 0) {
    console.log('  skipped: bash is not available to time the commands');
    return;
  }
  const cli = cliCommand();
  const pdf = listFiles(pdfDir, '.pdf')[0];
  const letter = pdf ? path.join(pdfDir, pdf) : null;
  const havePdftotext = letter !== null && succeeds(['pdftotext', '-v']);
  const commands: Array<{ label: string; argv: string[] }> = [
    { label: 'node -e 0 (Node alone)', argv: ['node', '-e', '0'] },
    { label: 'imr --help', argv: [...cli.argv, '--help'] },
    { label: 'imr errors', argv: [...cli.argv, 'errors'] },
    { label: 'every command module loaded (as before)', argv: cli.eager },
  ];
  if (letter) commands.push({ label: `imr letter parse ${pdf}`, argv: [...cli.argv, 'letter', 'parse', letter] });
  const peerIndex = havePdftotext ? commands.push({ label: `pdftotext ${pdf} - (peer)`, argv: ['pdftotext', letter!, '-'] }) - 1 : -1;
  // NODE_EXTRA_CA_CERTS makes Node read and parse that certificate file at every start, before any
  // script runs (a system bundle of 150 certificates costs more than Node's start without it):
  // where it is set, Node's start and the letter's parse are measured without it too.
  const extraCerts = process.env.NODE_EXTRA_CA_CERTS ? ['env', '-u', 'NODE_EXTRA_CA_CERTS'] : null;
  const unsetNode = extraCerts ? commands.push({ label: 'node -e 0, NODE_EXTRA_CA_CERTS unset', argv: [...extraCerts, 'node', '-e', '0'] }) - 1 : -1;
  const unsetParse = extraCerts && letter ? commands.push({ label: 'imr letter parse, NODE_EXTRA_CA_CERTS unset', argv: [...extraCerts, ...cli.argv, 'letter', 'parse', letter] }) - 1 : -1;
  // IMR_BENCH_CLI_COMPARE=DIR: the same parse by the built CLI of the checkout in DIR (e.g. the code before a change), in the same rounds.
  const otherRoot = process.env.IMR_BENCH_CLI_COMPARE?.trim();
  const otherMain = otherRoot ? path.join(path.resolve(otherRoot), 'dist/cli/main.js') : null;
  if (otherMain && !existsSync(otherMain)) throw new Error(`IMR_BENCH_CLI_COMPARE: no ${otherMain} (build that checkout first)`);
  const otherParse = otherMain && letter ? commands.push({ label: `imr letter parse, ${path.basename(path.resolve(otherRoot!))}`, argv: ['node', otherMain, 'letter', 'parse', letter] }) - 1 : -1;
  for (const c of commands) if (!succeeds(c.argv)) throw new Error(`${c.argv.join(' ')} failed`);

  const runs = commands.map(() => [] as Timing[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < commands.length; k++) {
      const i = (k + round) % commands.length;
      runs[i].push(timeCommand(commands[i].argv));
    }
  }
  const figures = runs.map((rs) => ({ cpu: median(rs.map((r) => r.cpu)), wall: median(rs.map((r) => r.wall)) }));
  const peer = peerIndex >= 0 ? figures[peerIndex] : null;
  // Node's own start is a floor no command can go below: each command's CPU is also shown as a multiple of it.
  const nodeAlone = figures[0];

  console.log(`  ${cli.label}${cli.note}; median of ${ROUNDS} interleaved rounds; load average ${loadavg()[0].toFixed(1)}`);
  commands.forEach((c, i) => {
    const f = figures[i];
    // The rows without NODE_EXTRA_CA_CERTS are compared with Node's start without it.
    const base = i === unsetParse ? figures[unsetNode] : nodeAlone;
    const toPeer = peer && f !== peer ? `   ${(f.cpu / Math.max(peer.cpu, 0.001)).toFixed(0)}x the peer's CPU, ${(f.wall / Math.max(peer.wall, 0.001)).toFixed(0)}x its wall` : '';
    const ratio = f !== base && f !== peer && i !== unsetNode ? `${toPeer}; ${(f.cpu / Math.max(base.cpu, 0.001)).toFixed(1)}x Node alone's CPU` : toPeer;
    console.log(`  ${c.label.padEnd(44)} CPU ${f.cpu.toFixed(3)} s   wall ${f.wall.toFixed(3)} s${ratio}`);
  });
  if (!letter) console.log(`  letter parse skipped: no PDF in ${pdfDir}`);
  else if (!havePdftotext) console.log('  peer skipped: pdftotext (poppler-utils) is not installed');
  if (extraCerts) console.log('  NODE_EXTRA_CA_CERTS is set: every Node start above reads and parses that certificate file first; the rows marked "unset" are without it');
  if (otherParse >= 0) console.log(`  this checkout's parse: ${(figures[4].cpu / Math.max(figures[otherParse].cpu, 0.001)).toFixed(2)}x the CPU of ${commands[otherParse].label.replace('imr letter parse, ', '')}'s`);
  if (letter) {
    const parse = figures[4];
    console.log(`  target: one letter parses in < ${TARGET_CPU_S} CPU-s: ${parse.cpu < TARGET_CPU_S ? 'met' : 'NOT met'} (${parse.cpu.toFixed(3)} CPU-s)`);
  }
}
