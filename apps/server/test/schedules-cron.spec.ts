import { cronExpressionProblem, nextCronTick, timeZoneProblem } from '../src/schedules/cron-expression';
import { lambdaDrift } from '../src/schedules/schedule-history.service';

describe('cron expressions', () => {
  it.each(['0 3 * * *', '*/2 * * * * *', '0 3 * * MON-FRI', '15,45 8-18 1 */2 *'])('accepts %s', (expression) => {
    expect(cronExpressionProblem(expression)).toBeNull();
  });

  it.each([
    ['* * * *', /5 fields .* or 6/],
    ['* * * * * * *', /got 7/],
    ['@daily', /got 1/],
    ['', /got 0/],
    ['61 * * * *', /out of range/],
    ['0 25 * * *', /out of range/],
    ['0 3 * * FUNDAY', /not a valid cron expression/],
  ])('refuses %j', (expression, message) => {
    expect(cronExpressionProblem(expression)).toMatch(message);
  });

  it('knows IANA zones and refuses others', () => {
    for (const zone of ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata'])
      expect(timeZoneProblem(zone)).toBeNull();
    for (const zone of ['Mars/Olympus', 'Paris', '', 'UTC+25']) expect(timeZoneProblem(zone)).toMatch(/IANA/);
  });

  it('computes the next tick in the schedule’s zone', () => {
    // 03:00 in Kolkata (UTC+05:30, no daylight saving) is 21:30 UTC.
    const next = nextCronTick('0 3 * * *', 'Asia/Kolkata');
    if (!next) throw new Error('a daily cron always has a next tick');
    expect(next.getUTCHours()).toBe(21);
    expect(next.getUTCMinutes()).toBe(30);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000);
  });
});

describe('lambdaDrift', () => {
  it('is the change of log10 λ from the previous run', () => {
    expect(lambdaDrift(10, 1)).toBeCloseTo(1, 14);
    expect(lambdaDrift(0.5, 5)).toBeCloseTo(-1, 14);
    expect(lambdaDrift(0.37, 0.37)).toBe(0);
  });

  it('is null without a previous run or with λ = 0 (penalty none), where log10 is undefined', () => {
    expect(lambdaDrift(1, null)).toBeNull();
    expect(lambdaDrift(0, 1)).toBeNull();
    expect(lambdaDrift(1, 0)).toBeNull();
  });
});
