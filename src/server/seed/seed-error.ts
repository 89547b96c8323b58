/** A seeding request the operator can correct (the CLI prints its message without a stack). */
export class SeedError extends Error {
  override name = 'SeedError';
}
