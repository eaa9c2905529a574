#!/bin/bash
cd /work/wt/m11
for s in redis-7.2.6 redis-7.4.1 valkey-8.0.1; do
  echo "=== $s"
  SLOTBRIDGE_SERVER=$s timeout 600 npx vitest run --retry=0 test/integration/failover-bounds.test.ts test/integration/cluster-faults.test.ts test/integration/cluster-scan.test.ts 2>&1 | grep -E "failover-bounds\]|cluster-faults\]|✓|×|FAIL|Error:|Tests " 
done
