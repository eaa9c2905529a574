import diagnostics from 'node:diagnostics_channel';

/**
 * Diagnostics channels of the connection layer. Publishers check `hasSubscribers` before building a
 * payload, so observability costs nothing when nobody listens.
 */
export const connectionChannels = {
  connect: diagnostics.channel('slotbridge:connection:connect'),
  ready: diagnostics.channel('slotbridge:connection:ready'),
  error: diagnostics.channel('slotbridge:connection:error'),
  reconnecting: diagnostics.channel('slotbridge:connection:reconnecting'),
  end: diagnostics.channel('slotbridge:connection:end'),
  commandStart: diagnostics.channel('slotbridge:connection:command-start'),
  commandEnd: diagnostics.channel('slotbridge:connection:command-end'),
};
