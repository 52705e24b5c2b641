/**
 * The rows to predict, as a design matrix in the model's feature order: from JSON rows ({feature: value}) or a CSV
 * with a header. Columns are matched by name; columns the model does not use (the target, an id) are ignored. The
 * checks and messages are the uploads' (csv.ts): a missing column, an empty or non-numeric cell, NaN or Infinity.
 */
import type { DesignMatrix } from '@regsweep/engine';
import { InvalidInputError, type InputProblem } from '@regsweep/errors';
import { cellPath, checkHeader, parseCell, raggedRow, tooManyRows } from '@regsweep/datasets';
import { fieldText, forEachRecord } from '@regsweep/datasets/csv-records';
import type { ExportedModel } from './model';

/** At most this many problems are listed; the rest would only repeat them. */
const MAX_PROBLEMS = 20;

/** `rows`: the `rows` field of a predict request body, checked. */
export function inputFromRecords(model: ExportedModel, rows: unknown, maxRows: number): DesignMatrix {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new InvalidInputError([{ path: 'rows', message: 'must be a non-empty list of {feature: value} objects' }]);
  }
  if (rows.length > maxRows) {
    throw new InvalidInputError([{ path: 'rows', message: `too many rows: ${rows.length}, at most ${maxRows}` }]);
  }
  const n = rows.length;
  const p = model.features.length;
  const values = new Float64Array(n * p);
  const problems: InputProblem[] = [];
  rows.forEach((row, i) => {
    if (problems.length >= MAX_PROBLEMS) return;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      problems.push({ path: `rows[${i}]`, message: 'must be an object {feature: value}' });
      return;
    }
    model.features.forEach((name, j) => {
      const value = Object.hasOwn(row, name) ? (row as Record<string, unknown>)[name] : undefined;
      if (typeof value === 'number' && Number.isFinite(value)) values[j * n + i] = value;
      else if (problems.length < MAX_PROBLEMS) {
        problems.push({
          path: `rows[${i}].${name}`,
          message: value === undefined || value === null ? 'missing value' : 'must be a finite number',
        });
      }
    });
  });
  if (problems.length > 0) throw new InvalidInputError(problems);
  return { rows: n, cols: p, values, names: [...model.features] };
}

/** A CSV (header row, then data rows) whose header names every model feature. */
export function inputFromCsv(model: ExportedModel, csv: Buffer, maxRows: number): DesignMatrix {
  let header: string[] | null = null;
  const records: string[][] = [];
  let tooMany = false;
  forEachRecord({ whole: csv }, (record) => {
    const fields = Array.from({ length: record.count }, (_, k) => fieldText(record, k).trim());
    if (header === null) {
      checkHeader(fields);
      header = fields;
      return;
    }
    if (fields.length !== header.length) raggedRow(records.length + 1, fields.length, header.length, record.line);
    if (records.length === maxRows) {
      tooMany = true;
      return false;
    }
    records.push(fields);
  });
  if (header === null) throw new InvalidInputError([{ path: 'file', message: 'the file is empty' }]);
  const columns: string[] = header;
  if (tooMany) tooManyRows(maxRows);
  if (records.length === 0) {
    throw new InvalidInputError([{ path: 'file', message: 'the file has a header but no data rows' }]);
  }
  const missing = model.features.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    throw new InvalidInputError(
      missing.map((name) => ({ path: 'file: header', message: `missing feature column "${name}"` })),
    );
  }
  const n = records.length;
  const p = model.features.length;
  const values = new Float64Array(n * p);
  const problems: InputProblem[] = [];
  model.features.forEach((name, j) => {
    const k = columns.indexOf(name);
    records.forEach((fields, i) => (values[j * n + i] = parseCell(fields[k], cellPath(i + 1, name), problems)));
  });
  if (problems.length > 0) throw new InvalidInputError(problems);
  return { rows: n, cols: p, values, names: [...model.features] };
}
