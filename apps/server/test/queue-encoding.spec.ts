/** Queue mode's pure parts: typed arrays through JSON bit for bit, and the queue URL's reading. */
import { runInNewContext } from 'node:vm';
import { parseQueueUrl } from '../src/queue/queue-connection';
import { fromTypedJson, toTypedJson } from '../src/queue/typed-json';
import { packFoldResult, unpackFoldResult, type PackedFoldResult } from '../src/runner/packed-result';

describe('typed JSON', () => {
  it('round-trips typed arrays bit for bit, NaN, infinities, -0 and subnormals included', () => {
    const values = new Float64Array([NaN, -0, 5e-324, Infinity, -Infinity, 0.1 + 0.2, -1.7976931348623157e308]);
    const value = { f: values, i: Int32Array.from([-2147483648, 0, 7]), u: Uint8Array.from([0, 255]), text: 'x' };
    const back = fromTypedJson<typeof value>(toTypedJson(value));
    expect(back.f).toBeInstanceOf(Float64Array);
    expect(Buffer.from(back.f.buffer)).toEqual(Buffer.from(values.buffer));
    expect(Object.is(back.f[1], -0)).toBe(true);
    expect(Array.from(back.i)).toEqual([-2147483648, 0, 7]);
    expect(Array.from(back.u)).toEqual([0, 255]);
    expect(back.text).toBe('x');
  });

  it('keeps only the viewed part of a subarray', () => {
    const whole = Float64Array.from([1, 2, 3, 4]);
    expect(Array.from(fromTypedJson<Float64Array>(toTypedJson(whole.subarray(1, 3))))).toEqual([2, 3]);
  });

  it('carries arrays of another realm (what a worker thread sends back) as typed arrays, not as objects', () => {
    const foreign = runInNewContext('({ rows: new Int32Array([3, 1, 2]), values: new Float64Array([0.5, NaN]) })') as {
      rows: Int32Array;
      values: Float64Array;
    };
    expect(foreign.rows instanceof Int32Array).toBe(false); // the premise: another realm's class
    const back = fromTypedJson<typeof foreign>(toTypedJson(foreign));
    expect(back.rows).toBeInstanceOf(Int32Array);
    expect(Array.from(back.rows)).toEqual([3, 1, 2]);
    expect(Array.from(back.values)).toEqual([0.5, NaN]);
  });

  it("carries an mlp full-data task's result with its network's parameters (the job's result), bit for bit", () => {
    const parameters = new Float64Array([0.1 + 0.2, -0, 5e-324, -1.5]);
    const fit = { lambda: 0.01, intercept: 0.5, coefficients: Float64Array.of(1, 2), nonzeros: 3, objective: 0.25 };
    const result = {
      fold: 0,
      trainSize: 10,
      validationSize: 0,
      fits: [
        { ...fit, iterations: 30, converged: true, status: 'ok' as const, networkParameters: parameters },
        { ...fit, iterations: 30, converged: true, status: 'ok' as const },
      ],
      train: Float64Array.of(0.5, 0.75),
      validation: Float64Array.of(NaN, NaN),
    };
    const back = unpackFoldResult(fromTypedJson<PackedFoldResult>(toTypedJson(packFoldResult(result))));
    expect(back.fits[0].networkParameters).toBeInstanceOf(Float64Array);
    expect(Buffer.from(back.fits[0].networkParameters!.buffer)).toEqual(Buffer.from(parameters.buffer));
    expect(back.fits[1]).not.toHaveProperty('networkParameters');
  });

  it('refuses an array kind it does not carry', () => {
    expect(() => toTypedJson({ a: new Float32Array(1) })).toThrow('not');
  });

  it('refuses an unknown array kind', () => {
    expect(() => fromTypedJson('{"$t":"f16","b":""}')).toThrow('unknown typed array kind "f16"');
  });
});

describe('parseQueueUrl', () => {
  it('reads host, port, database, credentials and the key prefix', () => {
    const location = parseQueueUrl('redis://:s%40cret@queue.example:6390/3?prefix=team-a');
    expect(location.connection).toMatchObject({ host: 'queue.example', port: 6390, db: 3, password: 's@cret' });
    expect(location.prefix).toBe('team-a');
    expect(location.cancelChannel).toBe('team-a:regsweep-fold-tasks:cancel');
    expect(location.prefetchChannel).toBe('team-a:regsweep-fold-tasks:prefetch');
  });

  it('defaults to port 6379, database 0 and BullMQ’s prefix', () => {
    expect(parseQueueUrl('redis://127.0.0.1')).toMatchObject({
      connection: { host: '127.0.0.1', port: 6379, db: 0 },
      prefix: 'bull',
    });
  });

  it('refuses what checkedRedisUrl refuses, naming AppOptions.queueUrl, with the password masked', () => {
    expect(() => parseQueueUrl('postgres://x')).toThrow('queueUrl: must be a redis:// or rediss:// URL');
    expect(() => parseQueueUrl('redis://h/x')).toThrow('whole number');
    expect(() => parseQueueUrl('redis://u:secret@h:99999')).toThrow(
      'got "redis://u:***@h:99999" (not a parseable URL)',
    );
  });
});
