import {
  CompiledQuery,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
} from 'kysely';

/**
 * Records the statements a Kysely handle runs (`db.withPlugin(recorder)`) as compiled SQL with
 * their parameters, in the order they answered, so a test can EXPLAIN them afterwards. A
 * statement only nested in another (a CTE) is compiled with its outer statement, not on its own.
 */
export class QueryRecorder implements KyselyPlugin {
  statements: CompiledQuery[] = [];
  readonly #compiled = new WeakMap<QueryId, CompiledQuery>();
  readonly #db: Kysely<unknown>;
  constructor(db: Kysely<unknown>) {
    this.#db = db;
  }
  transformQuery(args: PluginTransformQueryArgs) {
    this.#compiled.set(args.queryId, this.#db.getExecutor().compileQuery(args.node, args.queryId));
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    const compiled = this.#compiled.get(args.queryId);
    if (compiled) this.statements.push(CompiledQuery.raw(compiled.sql, [...compiled.parameters]));
    return args.result;
  }
}
