// The source every number comes from: docs/SOURCES.md.
export { existingClient, sourceClient, type ExistingSource } from './client';
export { JOB_QUERY, chooseJob, scrapeIntervalOf } from './detect';
export { secretBound } from './request';
export { SourceService, type SourceCapabilityName } from './service';
