// What test-support/worker-global-setup.ts provides for push (issue 15); kept apart from
// provided-context.d.ts so the push work merges without touching that file.
declare module "vitest" {
  export interface ProvidedContext {
    /** Origin of test-support/push-service.ts: a fake push service that verifies VAPID and decrypts. */
    pushServiceOrigin: string;
  }
}

export {};
