// Reads SIPp's -trace_stat CSV (-stf): ';'-separated, one header row, one
// row per -fd period and a final one at exit. We use the cumulative (C) columns.

export interface SippStats {
  readonly outgoing: number;
  readonly successful: number;
  readonly failed: number;
  readonly retransmissions: number;
  /** Mean INVITE → 200 time (the built-in uac's rtd), ms. */
  readonly responseTimeMs: number;
  readonly elapsedS: number;
}

/** "HH:MM:SS:uuuuuu" or "HH:MM:SS" → ms. */
function durationMs(v: string): number {
  const p = v.split(':').map(Number);
  const [h, m, s] = p;
  return ((h * 60 + m) * 60 + s) * 1000 + (p.length > 3 ? p[3] / 1000 : 0);
}

export function parseSippStats(csv: string): SippStats | undefined {
  const lines = csv.trim().split('\n').filter((l) => l.length > 0);
  if (lines.length < 2) return undefined;
  const head = lines[0].split(';');
  const last = lines[lines.length - 1].split(';');
  const col = (name: string): string => last[head.indexOf(name)] ?? '0';
  return {
    outgoing: Number(col('OutgoingCall(C)')),
    successful: Number(col('SuccessfulCall(C)')),
    failed: Number(col('FailedCall(C)')),
    retransmissions: Number(col('Retransmissions(C)')),
    responseTimeMs: durationMs(col('ResponseTime1(C)')),
    elapsedS: durationMs(col('ElapsedTime(C)')) / 1000,
  };
}
