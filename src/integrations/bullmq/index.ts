/**
 * `slotbridge/bullmq`: a BullMQ 6 connection over a slotbridge client (docs/bullmq.md). BullMQ is an
 * optional peer dependency; only its types are used here.
 */
export { type BullMQDuplicateOptions, createBullMQClient } from './bullmq-client.js';
