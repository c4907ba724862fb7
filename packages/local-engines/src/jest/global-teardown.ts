/** Stops both engines; stop() also removes cognito-local's temp dir. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__localEngines?.stop();
  globalThis.__localEngines = undefined;
}
