/**
 * A small CSV reader for the upload preview only: the first lines of the file, parsed in the
 * browser so the columns can be checked before uploading. The server parses the whole file and
 * its answer is what counts.
 */

export interface CsvPreview {
  header: string[];
  rows: string[][];
  /** Per column: true when every previewed value is a number. */
  numeric: boolean[];
}

/** Splits CSV text into rows of fields (RFC 4180 quotes, "" inside quotes, CRLF or LF). */
export function parseCsvLines(text: string, maxRows: number): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length < maxRows; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((value) => value !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (rows.length < maxRows && (field !== '' || row.length > 0)) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function previewCsv(text: string, maxRows = 8): CsvPreview {
  // The header line plus `maxRows` data rows.
  const [header = [], ...rows] = parseCsvLines(text.replace(/^\uFEFF/, ''), maxRows + 1);
  const numeric = header.map((_, column) =>
    rows.every((row) => row[column] !== undefined && row[column].trim() !== '' && Number.isFinite(Number(row[column]))),
  );
  return { header, rows, numeric };
}

/** The first 64 KiB of the file: enough for the header and a few rows without reading a large file whole. */
export async function readFileStart(file: File, bytes = 65536): Promise<string> {
  const text = await file.slice(0, bytes).text();
  if (file.size <= bytes) return text;
  return text.slice(0, Math.max(text.lastIndexOf('\n'), 0)); // drop the cut-off last line
}
