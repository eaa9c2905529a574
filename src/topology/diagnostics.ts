import diagnostics from 'node:diagnostics_channel';

/**
 * Diagnostics channels of the topology layer; publishers check `hasSubscribers` first, so they cost
 * nothing when nobody listens. Payloads: redirect `{ kind: 'MOVED' | 'ASK', slot, host, port }`,
 * failover `{ topology: 'sentinel' | 'cluster', from, to }`.
 */
export const topologyChannels = {
  redirect: diagnostics.channel('slotbridge:topology:redirect'),
  failover: diagnostics.channel('slotbridge:topology:failover'),
};
