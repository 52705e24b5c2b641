import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import type { SweepStatus } from '../sweeps/sweep.entity';
import type { TaskTrialsEvent } from './task-trials-event';

/** What a sweep tells its listeners while it runs. */
export type SweepEvent =
  | { type: 'progress'; data: { done: number; total: number } }
  | { type: 'trial'; data: TaskTrialsEvent }
  | { type: 'status'; data: { status: SweepStatus } }
  | { type: 'completed'; data: { status: SweepStatus; error: string | null } };

/**
 * One RxJS Subject per sweep that has not finished in this process. It is opened when the sweep is submitted and
 * completed right after the `completed` event, so a listener either sees the end or finds no stream (and reads the
 * final state from the database).
 */
@Injectable()
export class SweepEventsService {
  private readonly streams = new Map<string, Subject<SweepEvent>>();

  open(sweepId: string): void {
    if (!this.streams.has(sweepId)) this.streams.set(sweepId, new Subject<SweepEvent>());
  }

  emit(sweepId: string, event: SweepEvent): void {
    this.streams.get(sweepId)?.next(event);
  }

  /** Whether the sweep's stream has a listener now: an event nobody receives need not be built. */
  observed(sweepId: string): boolean {
    return this.streams.get(sweepId)?.observed ?? false;
  }

  /** Emits `completed` and closes the stream, in one synchronous step. */
  complete(sweepId: string, status: SweepStatus, error: string | null): void {
    const stream = this.streams.get(sweepId);
    if (!stream) return;
    this.streams.delete(sweepId);
    stream.next({ type: 'completed', data: { status, error } });
    stream.complete();
  }

  /**
   * Ends the stream without `completed`: the sweep stopped unfinished (shutdown) and resumes in the next process,
   * where a reconnecting listener finds it again.
   */
  close(sweepId: string): void {
    const stream = this.streams.get(sweepId);
    if (!stream) return;
    this.streams.delete(sweepId);
    stream.complete();
  }

  /** The live stream of a sweep, or undefined when it is not running in this process. */
  live(sweepId: string): Observable<SweepEvent> | undefined {
    return this.streams.get(sweepId)?.asObservable();
  }
}
