/**
 * The payload of a sweep's `trial` event: the trials one finished task (a curve on one fold) produced. Types only, so
 * that the dashboard, which reads these events, imports this file instead of a copy.
 */
export interface TaskTrialsEvent {
  curve: number;
  fold: number;
  trials: {
    key: string;
    penalty: string;
    l1Ratio: number;
    lambda: number;
    train: number | null;
    validation: number | null;
  }[];
}
