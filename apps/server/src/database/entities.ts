import { ApiTokenEntity } from '../auth/api-token.entity';
import { DatasetChunkEntity } from '../datasets/dataset-chunk.entity';
import { DatasetEntity } from '../datasets/dataset.entity';
import { ScheduleFiringEntity } from '../schedules/schedule-firing.entity';
import { ScheduleEntity } from '../schedules/schedule.entity';
import { SweepReportEntity } from '../sweeps/sweep-report.entity';
import { SweepPenaltyEntity } from '../sweeps/sweep-penalty.entity';
import { SweepTagEntity } from '../sweeps/sweep-tag.entity';
import { SweepEntity } from '../sweeps/sweep.entity';
import { TaskEntity } from '../sweeps/task.entity';
import { FoldResultEntity } from '../trials/fold-result.entity';
import { TrialNetworkEntity } from '../trials/trial-network.entity';
import { TrialEntity } from '../trials/trial.entity';

/** Every entity of the schema; the migrations in migrations/ create exactly these tables. */
export const ENTITIES = [
  DatasetEntity,
  DatasetChunkEntity,
  SweepEntity,
  SweepTagEntity,
  SweepPenaltyEntity,
  SweepReportEntity,
  TaskEntity,
  TrialEntity,
  TrialNetworkEntity,
  FoldResultEntity,
  ScheduleEntity,
  ScheduleFiringEntity,
  ApiTokenEntity,
];
