// Playwright global setup: builds the bridge client once for the whole run
// (bridge-build.ts); every harness the specs start serves that file.
import { buildBridgeClient } from './bridge-build';

export default async function globalSetup(): Promise<void> {
  process.env.WARREN_BRIDGE_CLIENT = await buildBridgeClient('e2e');
}
