import { ensurePgliteTemplate, pgliteTemplatePath } from '../../server/db/pglite-template.ts';
import { info } from '../output.ts';

/** Runs at `npm install`: builds the embedded database template so a first start skips initdb. */
export async function prepareCommand(): Promise<void> {
  await ensurePgliteTemplate();
  info(`Embedded database template: ${pgliteTemplatePath()}`);
}
