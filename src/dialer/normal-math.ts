/** Standard normal density. */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/**
 * Standard normal CDF through erfc (W. J. Cody's rational Chebyshev form as
 * given in Numerical Recipes §6.2, erfcc: |error| < 1.2e-7 everywhere),
 * plenty for pacing, where the inputs are estimates.
 */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const y = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return z >= 0 ? 1 - y / 2 : y / 2;
}

/**
 * E[(-X)^+] for X ~ Normal(mean, sd²): the expected shortfall below zero,
 * σ·φ(μ/σ) − μ·Φ(−μ/σ). With sd = 0 it is max(0, −mean).
 */
export function expectedShortfall(mean: number, sd: number): number {
  if (sd <= 1e-12) return Math.max(0, -mean);
  const z = mean / sd;
  return sd * normalPdf(z) - mean * normalCdf(-z);
}
