/**
 * A jest environment whose process runs in America/New_York (UTC-4/-5), for tests that must hold
 * in any time zone of the server. The zone is set on the real process (a test file only sees a
 * copy of process.env) and put back at teardown, since jest may run files in one process.
 */
import NodeEnvironment from "jest-environment-node";

export default class NewYorkEnvironment extends NodeEnvironment {
  private previous: string | undefined;

  override async setup(): Promise<void> {
    this.previous = process.env.TZ;
    process.env.TZ = "America/New_York";
    await super.setup();
  }

  override async teardown(): Promise<void> {
    if (this.previous === undefined) delete process.env.TZ;
    else process.env.TZ = this.previous;
    await super.teardown();
  }
}
