/**
 * The USER_HUB binding as the Worker uses it, written structurally: env.ts
 * names it, and modules checked without the Workers runtime's types (the
 * bench, the site's typed client) import env.ts. worker/tsconfig.json checks
 * that the real namespace of user-hub.ts fits it (test/harness.ts assigns one).
 */
import type { ReminderPlan } from "../reminders/plan.ts";
import type { LiveMessage } from "./events.ts";

export interface UserHubStub {
  fetch(input: string, init?: RequestInit): Promise<Response>;
  publish(messages: LiveMessage[], owner?: string): Promise<void>;
  sockets(): Promise<number>;
  sync(owner: string, plans: ReminderPlan[]): Promise<void>;
}

export interface UserHubNamespace<Id = unknown> {
  idFromName(name: string): Id;
  get(id: Id): UserHubStub;
}
