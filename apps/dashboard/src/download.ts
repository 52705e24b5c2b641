/** Hands text to the browser as a file download. */
export function downloadText(filename: string, text: string, type: string): void {
  downloadBlob(filename, new Blob([text], { type }));
}

/** Hands bytes to the browser as a file download. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name stem from a sweep's name: other characters become `_`, at most 60 of them, `sweep` if none is left. */
export function fileStem(sweepName: string): string {
  return sweepName.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'sweep';
}
