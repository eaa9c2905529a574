/**
 * The read preference modes both the cluster and the sentinel topology understand, typed once. A cluster
 * adds a user function (cluster/read-from.ts); both accept `{ zone, fallback? }` (zone-read.ts).
 */
import type { ZoneReadFrom } from './zone-read.js';

/** The built-in modes: every read to the primary, to a replica, or to a replica when one is ready. */
export const READ_FROM_MODES = ['primary', 'replica', 'preferReplica'] as const;

/** One of {@link READ_FROM_MODES}. */
export type ReadFromMode = (typeof READ_FROM_MODES)[number];

/** Where a sentinel-managed group sends read-only commands: a built-in mode or a zone. */
export type SentinelReadFrom = ReadFromMode | ZoneReadFrom;
