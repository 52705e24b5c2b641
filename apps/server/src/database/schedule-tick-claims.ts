/**
 * Which process handles a schedule's tick. Every server arms every enabled schedule, so with several servers on one
 * database each tick would fire once per server; a claim in the shared database lets exactly one of them fire it.
 * On SQLite (one server per file) the only process always wins.
 */
export abstract class ScheduleTickClaims {
  /** True for exactly one caller per (schedule, tick). `tickAt`: the instant the cron expression named. */
  abstract claim(scheduleId: string, tickAt: Date): Promise<boolean>;
}

export class SingleProcessTickClaims extends ScheduleTickClaims {
  async claim(): Promise<boolean> {
    return true;
  }
}
