/** Throws an Error named 'AbortError' (as fetch and AbortSignal do) when the caller has asked to stop. */
export function throwIfAborted(signal: { readonly aborted: boolean } | undefined): void {
  if (signal?.aborted) {
    const error = new Error('the fit was aborted');
    error.name = 'AbortError';
    throw error;
  }
}
