/** Failed sign-ins tolerated per email (and a larger budget per IP) within the window. */
export const loginWindowSeconds = 15 * 60;

export interface LoginFailureCounts {
  byEmail: number;
  byIp: number;
}

/** Seconds to wait before another attempt, or 0 when the attempt may proceed. */
export function loginRetryAfter(counts: LoginFailureCounts, maxPerEmail: number): number {
  if (counts.byEmail >= maxPerEmail || counts.byIp >= maxPerEmail * 5) return loginWindowSeconds;
  return 0;
}
