/**
 * Which process handles a schedule's tick. Every server arms every enabled schedule, so with several servers on one
 * database each tick would fire once per server; a claim in the shared database lets exactly one of them fire it.
 * On SQLite (one server per file) the only process always wins.
 */
export abstract class ScheduleTickClaims {
  /** True for exactly one caller per (schedule, tick). `tickAt`: the instant the cron expression named. */
  abstract claim(scheduleId: string, tickAt: Date): Promise<boolean>;

  /**
   * Whether a run of the schedule is queued or running in the shared database, started by any server: the tick
   * before this one may have been claimed by another process, whose run this process's memory does not know.
   */
  abstract runInDatabase(scheduleId: string): Promise<boolean>;
}

export class SingleProcessTickClaims extends ScheduleTickClaims {
  async claim(): Promise<boolean> {
    return true;
  }

  /** One process per file: its memory of its runs is the whole truth (a sweep left `running` by a killed process
   * must not block its schedule). */
  async runInDatabase(): Promise<boolean> {
    return false;
  }
}
