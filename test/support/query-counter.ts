import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryId } from 'kysely';

/**
 * Counts the statements a Kysely handle runs (`db.withPlugin(counter)`), keeping each as its
 * operation tree in JSON, so a test can say which tables a statement names. A statement counts
 * once it has answered: a query builder only nested in another (a CTE) is transformed but never
 * runs on its own.
 */
export class QueryCounter implements KyselyPlugin {
  statements: string[] = [];
  readonly #compiled = new WeakMap<QueryId, string>();
  transformQuery(args: PluginTransformQueryArgs) {
    this.#compiled.set(args.queryId, JSON.stringify(args.node));
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    this.statements.push(this.#compiled.get(args.queryId) ?? '');
    return args.result;
  }

  /**
   * The statements of one request, less the case numbers' reservation, which a process makes once
   * per block of numbers (case-numbers.ts): whether a request meets a block's end depends only on
   * how many cases the tests before it took in.
   */
  get perRequest(): string[] {
    return this.statements.filter((statement) => !statement.includes('"name":"case_counter"'));
  }
}
