import { severityCriteria, type Severity } from '../../../../contracts';

/** When the next situation report is due after `from`, by the crisis's severity. */
export function nextSitrepDue(severity: Severity, from: Date): Date {
  return new Date(from.getTime() + severityCriteria[severity].sitrepEveryMinutes * 60_000);
}
