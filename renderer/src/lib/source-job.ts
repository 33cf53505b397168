// The stack's generated files (Grafana dashboard, alert rules, scrape config) name the app's job
// from settings alone, configuredJob(settings.source), so they can be written without asking a
// running source. When the source carries the app under another job, Settings → Source offers
// to save that job: one click, and the files and every page follow the same choice.
import { configuredJob } from '../../../shared/dashboard';

export interface JobOffer {
  job: string;
  text: string;
}

export function jobOffer(
  source: { job: string },
  status: { job: { detected: readonly string[]; effective: string } } | null | undefined,
): JobOffer | null {
  const detected = status?.job.detected ?? [];
  const configured = configuredJob(source);
  if (!detected.length || detected.includes(configured)) return null;
  const job =
    status && detected.includes(status.job.effective) ? status.job.effective : detected[0];
  if (!job) return null;
  return {
    job,
    text: `The source carries the app's metrics in ${job}, but the generated Grafana dashboard and alert rules use ${configured}. Save ${job} as the app job so they follow.`,
  };
}
