export default async function globalTeardown(): Promise<void> {
  await Promise.all((globalThis.__localEngines ?? []).map((engine) => engine.stop()));
}
