import { ErlangErrors, requirePositive } from './erlang-errors.js';

/**
 * Offered load, given either directly in Erlangs or as calls arriving over a
 * period with an average handle time (traffic = calls × AHT ÷ period).
 */
export interface LoadInput {
  trafficErlangs?: number;
  calls?: number;
  periodS?: number;
  ahtS?: number;
}

export interface Load {
  trafficErlangs: number;
  /** Present when AHT was given; Erlang C and A need it to turn rates into seconds. */
  ahtS: number | undefined;
}

/**
 * Resolves and validates a load. Both forms may be given only if they agree
 * (to 1e-9 relative), so a typo cannot silently win over the other number.
 */
export function resolveLoad(input: LoadInput): Load {
  const ahtS = input.ahtS === undefined ? undefined : requirePositive('aht_s', input.ahtS);
  const hasCalls = input.calls !== undefined || input.periodS !== undefined;
  let fromCalls: number | undefined;
  if (hasCalls) {
    if (input.calls === undefined || input.periodS === undefined || ahtS === undefined) {
      throw ErlangErrors.create('ERLANG_INVALID_INPUT', { field: 'calls' }, 'calls, period_s and aht_s must be given together');
    }
    fromCalls = (requirePositive('calls', input.calls) * ahtS) / requirePositive('period_s', input.periodS);
  }
  if (input.trafficErlangs !== undefined) {
    const a = requirePositive('traffic_erlangs', input.trafficErlangs);
    if (fromCalls !== undefined && Math.abs(fromCalls - a) > 1e-9 * a) {
      throw ErlangErrors.create('ERLANG_INVALID_INPUT', { field: 'traffic_erlangs', fromCalls, trafficErlangs: a },
        `traffic_erlangs ${a} disagrees with calls × aht_s ÷ period_s = ${fromCalls}`);
    }
    return { trafficErlangs: a, ahtS };
  }
  if (fromCalls === undefined) {
    throw ErlangErrors.create('ERLANG_INVALID_INPUT', { field: 'traffic_erlangs' }, 'give either traffic_erlangs or calls, period_s and aht_s');
  }
  return { trafficErlangs: fromCalls, ahtS };
}
