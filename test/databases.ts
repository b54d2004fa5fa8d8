/** Names of the Vitest run's databases (test/global-setup.ts makes the template, test/setup-file.ts the clones). */
export const templateDatabaseName = (runId: string) => `tracker_template_${runId}`;
export const fileDatabasePrefix = (runId: string) => `tracker_file_${runId}_`;
