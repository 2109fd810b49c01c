import { useEffect, useState } from 'react';

/** The current time, refreshed every `everyMs`, so "3 minutes ago" and "due now" stay true between refetches. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
