import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { makeSplitPlan } from '@regsweep/engine';
import {
  datasetChecksum,
  inputFromCsv,
  inputFromRecords,
  modelFromSweep,
  predictAnswer,
  toOnnx,
  type ExportedModel,
  type OnnxPrecision,
  type PredictAnswer,
} from '@regsweep/models';
import { regsweepVersion } from '../common/regsweep-version';
import { DatasetsService } from '../datasets/datasets.service';
import { SweepStore } from '../store/sweep-store';

/** Rows one predict request may carry (a CSV; a JSON body is bounded by body-shape.ts's 10,000 items first). */
export const MAX_PREDICT_ROWS = 100_000;
/** Exported models kept in memory: a finished sweep's model never changes, and rebuilding it loads the dataset. */
const CACHED_MODELS = 16;

/** The best model of a finished sweep, exported (JSON, ONNX) and used to predict. */
@Injectable()
export class ModelsService {
  private readonly models = new Map<string, ExportedModel>();

  constructor(
    private readonly store: SweepStore,
    private readonly datasets: DatasetsService,
  ) {}

  /**
   * The model of a succeeded sweep: its report's best model, with the column statistics of its fit rows (the
   * sweep's split, recomputed from its config: the plan is a function of the config and the data).
   */
  async model(sweepId: string): Promise<ExportedModel> {
    const cached = this.models.get(sweepId);
    if (cached) return cached;
    const sweep = await this.store.findSweep(sweepId);
    if (!sweep) throw new NotFoundException(`sweep ${sweepId} not found`);
    const report = await this.store.findReport(sweepId); // findSweep leaves the (large) report out
    if (sweep.status !== 'succeeded' || !report) {
      throw new ConflictException(`sweep ${sweepId} has no model yet (status ${sweep.status})`);
    }
    if (!report.best) throw new ConflictException(`sweep ${sweepId} has no best model (see its report's warnings)`);
    const dataset = await this.datasets.getEntity(sweep.datasetId);
    const data = await this.datasets.loadForSweep(dataset, sweep.config.target);
    const { testRows } = makeSplitPlan(data.rows, sweep.config.split, sweep.config.testFraction);
    const model = modelFromSweep({
      config: sweep.config,
      report,
      data,
      target: data.target,
      testRows,
      provenance: {
        sweepId,
        sweepName: sweep.name,
        datasetId: dataset.id,
        datasetName: dataset.name,
        datasetVersion: dataset.version,
        datasetChecksum: sweep.datasetChecksum ?? datasetChecksum(data, data.target),
        regsweepVersion: sweep.regsweepVersion,
        exportedBy: regsweepVersion(),
      },
    });
    if (this.models.size >= CACHED_MODELS) this.models.delete(this.models.keys().next().value as string);
    this.models.set(sweepId, model);
    return model;
  }

  async onnx(sweepId: string, precision: OnnxPrecision = 'float64'): Promise<Buffer> {
    return Buffer.from(toOnnx(await this.model(sweepId), precision));
  }

  /**
   * Predictions for JSON rows or a CSV: probabilities of class 1 for a binary classifier, each row's class
   * probabilities (with the classes and each row's most probable one) for a multinomial model.
   */
  async predict(sweepId: string, input: { rows?: unknown; csv?: Buffer }): Promise<PredictAnswer> {
    const model = await this.model(sweepId);
    const x = input.csv
      ? inputFromCsv(model, input.csv, MAX_PREDICT_ROWS)
      : inputFromRecords(model, input.rows, MAX_PREDICT_ROWS);
    return predictAnswer(model, x);
  }
}
