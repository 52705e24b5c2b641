/**
 * What `regsweep sweep` does (sweep.command.ts registers it): a session of the server's sweep services
 * (openSweepSession: without Nest on a current SQLite file, else the Nest application context), the CSV file
 * registered if the config names one, the sweep run to the end, its report printed.
 */
import { chooseRoute } from '@regsweep/engine';
import { InvalidInputError } from '@regsweep/errors';
import { threadsBeforePlan, validateSweepConfig, type ConcurrencyChoice, type SweepConfig } from '@regsweep/sweep';
import { Presets, SingleBar } from 'cli-progress';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { openSweepSession, wholeNumber, type SweepEventsService, type SweepSession } from '../app-context';
import { estimateCsvShape } from '../csv-shape';
import { databaseLocation } from '../database-option';
import { queueLocation } from '../queue-option';
import { formatReport } from '../report-table';
import type { SweepFlags } from './sweep.command';

export async function runSweep(configPath: string, flags: SweepFlags): Promise<void> {
  const raw = readConfigFile(configPath);
  if (flags.concurrency !== undefined) raw.concurrency = wholeNumber('concurrency', flags.concurrency);
  const config = validateSweepConfig(raw);

  const file = csvPath(config.dataset, configPath);
  const shape = file ? estimateCsvShape(file) : undefined;
  // The threads start while the session does, and warm the engine up when the data looks large (builtins are small).
  const queueUrl = queueLocation(flags);
  const server = await openSweepSession(databaseLocation(flags), {
    queueUrl,
    warmWorkers: !queueUrl, // with a queue, the workers fit
    warmEngine: shape !== undefined && chooseRoute({ rows: shape.rows, features: shape.columns - 1 }).warmUpEngine,
    // A tiny sweep runs on this thread (nothing else runs here); the run's own choice starts threads if it picks any.
    inlineSmallSweeps: !queueUrl,
    // None for tiny data (builtins are tiny), one for a small sweep; the run starts more if chooseConcurrency picks more.
    warmThreads: threadsBeforePlan(
      shape?.rows ?? 0,
      (shape?.columns ?? 1) - 1,
      config.concurrency,
      Infinity,
      !queueUrl,
    ),
  });
  try {
    const submitted = await server.sweeps.submit(await withRegisteredCsv(server, config, file));
    const stopOnInterrupt = () => void server.runner.cancel(submitted.id);
    process.once('SIGINT', stopOnInterrupt);
    const bar = followProgress(server.events, submitted.id);
    await submitted.finished;
    bar.stop();
    process.removeListener('SIGINT', stopOnInterrupt);

    const sweeps = server.sweeps;
    const sweep = await sweeps.get(submitted.id);
    if (sweep.status !== 'succeeded') {
      throw new Error(`sweep ${sweep.id} ${sweep.status}${sweep.error ? `: ${sweep.error}` : ''}`);
    }
    const report = await sweeps.report(submitted.id);
    if (flags.json) {
      process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    } else {
      const seconds = (sweep.finishedAt!.getTime() - sweep.startedAt!.getTime()) / 1000;
      const title =
        `Sweep "${sweep.name}" (${sweep.id}): ${sweep.progress.total} tasks in ${seconds.toFixed(1)} s, metric ${report.metric}` +
        threadsLine(sweep.concurrency);
      process.stdout.write(formatReport(report, title));
    }
  } finally {
    await server.close();
  }
}

/** "\nThreads: 1 (estimated … multiply-adds < …: …)": what the run chose and why (chooseConcurrency). */
function threadsLine(choice: ConcurrencyChoice | null): string {
  return choice ? `\nThreads: ${choice.threads} (${choice.reason})` : '';
}

function readConfigFile(path: string): Record<string, unknown> {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new InvalidInputError([{ path: 'config', message: `file not found: ${path}` }]);
  }
  let parsed: unknown;
  try {
    parsed = parseConfigText(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InvalidInputError([{ path: 'config', message: `not valid YAML or JSON: ${(error as Error).message}` }]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidInputError([{ path: 'config', message: 'a sweep config must be a mapping of fields' }]);
  }
  return parsed as Record<string, unknown>;
}

/**
 * YAML 1.2 reads JSON too, but builds a node object per value, far slower and larger than JSON.parse for a long
 * foldIds list (docs/benchmarks.md). So JSON first, YAML for anything else (the yaml package, ~70 modules, loaded
 * only then).
 */
function parseConfigText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('yaml') as typeof import('yaml')).parse(text);
  }
}

/**
 * `dataset` may name a CSV file (CLI only, `file` from csvPath): it is registered in the database like an upload
 * and the sweep refers to it by id.
 */
async function withRegisteredCsv(
  server: SweepSession,
  config: SweepConfig,
  file: string | undefined,
): Promise<SweepConfig> {
  if (!file) return config;
  const dataset = await server.datasets.registerCsvFile(file, config.target);
  return { ...config, dataset: dataset.id };
}

/** The CSV file `dataset` names, if it names one: a relative path from the working directory, then the config's folder. */
function csvPath(reference: string, configPath: string): string | undefined {
  const candidates = isAbsolute(reference)
    ? [reference]
    : [resolve(reference), resolve(dirname(configPath), reference)];
  const found = candidates.find((path) => existsSync(path) && statSync(path).isFile());
  if (found) return found;
  if (reference.toLowerCase().endsWith('.csv')) {
    throw new InvalidInputError([{ path: 'dataset', message: `file not found: ${reference}` }]);
  }
  return undefined; // a dataset name or id
}

/** A progress bar on stderr fed by the sweep's progress events (cli-progress draws nothing when stderr is not a TTY). */
function followProgress(events: SweepEventsService, sweepId: string): { stop(): void } {
  const bar = new SingleBar(
    { stream: process.stderr, format: 'sweep |{bar}| {value}/{total} tasks | {duration_formatted}', hideCursor: true },
    Presets.shades_classic,
  );
  let started = false;
  const subscription = events.live(sweepId)?.subscribe((event) => {
    if (event.type !== 'progress') return;
    if (!started) {
      bar.start(event.data.total, event.data.done);
      started = true;
    } else {
      bar.setTotal(event.data.total);
      bar.update(event.data.done);
    }
  });
  return {
    stop: () => {
      subscription?.unsubscribe();
      if (started) bar.stop();
    },
  };
}
