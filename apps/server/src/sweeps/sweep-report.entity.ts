import { Column, Entity, PrimaryColumn } from 'typeorm';
import { References } from '../database/references';
import { SweepEntity } from './sweep.entity';

/**
 * A succeeded sweep's report (its JSON text, 10 KB to megabytes), in a table of its own: kept in the sweep row it
 * made every row pages long on SQLite, so a list filter or a comparison that reads a column stored after it (model,
 * tags, best) walked the report's overflow pages (docs/benchmarks.md, "Tracking reads at scale"). Written once, when
 * the sweep succeeds; read only by `GET /api/sweeps/:id/report` and the model export (store.findReport).
 */
@Entity('sweep_report')
export class SweepReportEntity {
  @PrimaryColumn('varchar')
  sweepId!: string;

  @Column('text')
  report!: string;

  @References(() => SweepEntity, 'sweepId', 'CASCADE')
  sweep?: SweepEntity;
}
