import { Injectable, Logger, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
import type { DesignMatrix, Model } from '@regsweep/engine';
import {
  BUILTIN_DATASETS,
  builtinCsvText,
  InvalidInputError,
  multinomialClassesOf,
  findBuiltinDataset,
  parseCsvDataset,
  readCsvFile,
  type DatasetTask,
  type ParsedDataset,
} from '@regsweep/datasets';
import { basename, extname } from 'node:path';
import { ClockService } from '../common/clock.service';
import { Page } from '../common/page';
import { DatasetEntity } from './dataset.entity';
import { DatasetRepository, type DatasetValues } from './dataset.repository';
import { refuseShadowingName, UUID } from './dataset-name';
import { parseCsvOffThread } from './parse-csv-off-thread';
import { swapTarget } from './swap-target';
import { toDatasetJson, type DatasetJson } from './dataset-json';

export { swapTarget, toDatasetJson, type DatasetJson };

/** Upload limits (SPEC: refuse what would not fit comfortably in memory). */
export const MAX_DATASET_ROWS = 1_000_000;
export const MAX_DATASET_COLUMNS = 10_000;

@Injectable()
export class DatasetsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DatasetsService.name);
  /**
   * The values registerCsvFile just parsed (in SharedArrayBuffers), which loadForSweep hands out instead of loading
   * a second copy from SQLite: a CLI run registers its CSV file, then sweeps it. One entry, replaced by the next.
   */
  private registered?: { datasetId: string; values: DatasetValues };

  constructor(
    private readonly datasets: DatasetRepository,
    private readonly clock: ClockService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.registerBuiltins();
  }

  /**
   * Stores each built-in dataset the database does not know yet (idempotent: a second start adds nothing). A
   * multiclass built-in stored before class labels were kept (the ClassLabels migration left them null) gets them
   * here: its y already holds the label indices, in the order the parser gives them.
   */
  async registerBuiltins(): Promise<void> {
    for (const builtin of BUILTIN_DATASETS) {
      const stored = await this.datasets.findBuiltin(builtin.name);
      if (stored && (stored.classes !== null || builtin.task !== 'multiclass')) continue;
      const parsed = parseCsvDataset(builtinCsvText(builtin.name), { target: builtin.target });
      if (stored) {
        if (parsed.classes) await this.datasets.setClasses(stored.id, parsed.classes);
        continue;
      }
      const added = await this.datasets.createBuiltinIfMissing(
        this.newDataset(builtin.name, parsed, builtin.source, true),
      );
      if (added) this.logger.log(`registered built-in dataset ${builtin.name} (${parsed.rows} rows)`);
    }
  }

  async list(page: number, pageSize: number): Promise<Page<DatasetJson>> {
    const { items, total } = await this.datasets.list(page, pageSize);
    return { items: items.map(toDatasetJson), total, page, pageSize };
  }

  async get(id: string): Promise<DatasetJson> {
    return toDatasetJson(await this.getEntity(id));
  }

  async getEntity(id: string): Promise<DatasetEntity> {
    const dataset = await this.datasets.findById(id);
    if (!dataset) throw new NotFoundException(`dataset ${id} not found`);
    return dataset;
  }

  /**
   * A CSV upload: parsed (every problem → 400 with its row and column) and stored as the next version of `name`.
   * With `model: 'logistic'` a target that is not 0/1 is refused up front; with `model: 'multinomial'` a numeric
   * target must hold integer class codes (two or more), stored as the dataset's labels while y keeps the codes.
   */
  async upload(
    file: Buffer,
    name: string,
    target: string | undefined,
    fileName?: string,
    model?: Model | 'multinomial',
  ): Promise<DatasetJson> {
    refuseShadowingName(name);
    const parseModel = model === 'multinomial' ? undefined : model;
    const options = { target, model: parseModel, maxRows: MAX_DATASET_ROWS, maxColumns: MAX_DATASET_COLUMNS };
    const parsed = await parseCsvOffThread(file, options);
    const classes = model === 'multinomial' ? multinomialClassesOf(parsed) : parsed.classes;
    const stored = await this.datasets.create({
      ...this.newDataset(name, parsed, fileName ?? null, false),
      classes: classes ? [...classes] : null,
    });
    return toDatasetJson(stored);
  }

  /**
   * A CSV file named in a CLI sweep config, registered like an upload under its file name. When the latest version
   * of that name holds exactly the same values, it is reused instead of adding an identical version per run.
   */
  async registerCsvFile(path: string, target: string | undefined): Promise<DatasetEntity> {
    // Streamed, into shared memory: the values as float64 are the only full-size copy, from here to the workers.
    const parsed = readCsvFile(path, {
      target,
      maxRows: MAX_DATASET_ROWS,
      maxColumns: MAX_DATASET_COLUMNS,
      shared: true,
    });
    const values = { x: parsed.x.values, y: parsed.y };
    // A file named like a built-in (diabetes.csv) keeps its extension, so `dataset: diabetes` stays the built-in.
    const stem = basename(path, extname(path));
    const name = findBuiltinDataset(stem) || UUID.test(stem) ? basename(path) : stem;
    const latest = await this.datasets.findLatestByName(name);
    const same =
      latest &&
      latest.target === parsed.target &&
      sameNames(latest.features, parsed.names) &&
      sameNames(latest.classes ?? [], parsed.classes ?? []) &&
      // awaited: the PostgreSQL repository answers with a promise (the SQLite one synchronously)
      (await this.datasets.hasValues(latest, values));
    // Only the file name is stored: the read API must not show the server's folders.
    const dataset = same ? latest : await this.datasets.create(this.newDataset(name, parsed, basename(path), false));
    this.registered = { datasetId: dataset.id, values };
    return dataset;
  }

  /** A dataset id, or a name (its latest version); null when there is none. */
  async findByReference(reference: string): Promise<DatasetEntity | null> {
    return UUID.test(reference) ? this.datasets.findById(reference) : this.datasets.findLatestByName(reference);
  }

  /** A sweep config's `dataset`: a dataset id, or a name (its latest version). */
  async resolve(reference: string): Promise<DatasetEntity> {
    const dataset = await this.findByReference(reference);
    if (!dataset) {
      throw new InvalidInputError([{ path: 'dataset', message: `no dataset named or with id "${reference}"` }]);
    }
    return dataset;
  }

  /**
   * The values of a stored dataset for a sweep, with `target` as the response. Another column than the declared
   * target can be chosen: it becomes y, and the declared target becomes the last feature.
   */
  async loadForSweep(dataset: DatasetEntity, target?: string): Promise<ParsedDataset> {
    const values =
      this.registered?.datasetId === dataset.id ? this.registered.values : await this.datasets.loadValues(dataset);
    const rows = dataset.rows;
    const x: DesignMatrix = { rows, cols: dataset.features.length, values: values.x, names: dataset.features };
    const declared: ParsedDataset = {
      names: dataset.features,
      target: dataset.target,
      x,
      y: values.y,
      rows,
      task: dataset.task as DatasetTask,
      // A numeric target's stored class codes are not label indices: y keeps the codes (multinomialDatasetOf).
      ...(dataset.classes && dataset.task === 'multiclass' ? { classes: dataset.classes } : {}),
    };
    if (target === undefined || target === dataset.target) return declared;
    return swapTarget(declared, target);
  }

  private newDataset(name: string, parsed: ParsedDataset, source: string | null, builtin: boolean) {
    return {
      name,
      target: parsed.target,
      task: parsed.task,
      rows: parsed.rows,
      features: [...parsed.names],
      classes: parsed.classes ? [...parsed.classes] : null,
      builtin,
      source,
      createdAt: this.clock.now(),
      x: parsed.x.values,
      y: parsed.y,
    };
  }
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, j) => name === b[j]);
}
