// The one settings schema: the settings file, the settings pane, the CLI's `settings set` and
// every host validate against it. Pure (zod only) so both sides import it. The parts live in
// settings-values.ts (what a value may be), settings-fields.ts (each section's fields),
// settings-schema.ts (the file and the patches), settings-rules.ts (what a host may change) and
// settings-diff.ts (what a change changed); importers use this module.
export {
  controlCharacterIn,
  isAbsolutePath,
  isHostShape,
  isLoopbackHost,
  isSourceUrl,
  remoteWriteReceiver,
  scrapeTarget,
  urlForMessage,
  type RemoteWriteReceiverSettings,
} from './settings-values';
export * from './settings-schema';
export * from './settings-rules';
export * from './settings-diff';
