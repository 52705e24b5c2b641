/** One action at a time for a bar of buttons that download or start something. */
import { useState } from 'react';

export interface Action {
  /** What is running (null when idle): the buttons are disabled meanwhile. */
  busy: string | null;
  /** The last action's failure, kept until the next action starts. */
  error: unknown;
  run(label: string, work: () => Promise<void>): Promise<void>;
  /** Relabels the running action, e.g. with how far it has got. */
  progress(label: string): void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, run, progress: setBusy };
}
