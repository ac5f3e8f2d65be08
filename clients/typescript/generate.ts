/**
 * Regenerates the typed client's sources from the document Persona serves: `openapi.json` (what `GET /openapi.json`
 * answers) and `schema.d.ts` (its types, by openapi-typescript). The app is built in-process on an in-memory SQLite
 * database; nothing listens. With `--check`, writes nothing and exits 1 when the committed copies differ.
 *
 *   npm run client:generate     npm run client:check
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/** The OpenAPI document of a Persona with the default configuration, as `/openapi.json` serves it. */
export async function servedDocument(): Promise<Record<string, unknown>> {
  const app = await buildApp(loadConfig({ DATABASE_URL: 'sqlite::memory:' }), { logger: false });
  try {
    return app.http.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.http.close();
  }
}

/** The two generated files, by name, as they should be committed. */
export async function generatedFiles(): Promise<Record<'openapi.json' | 'schema.d.ts', string>> {
  const document = await servedDocument();
  const types = astToString(await openapiTS(structuredClone(document) as never));
  return { 'openapi.json': `${JSON.stringify(document, null, 2)}\n`, 'schema.d.ts': types };
}

async function main(check: boolean): Promise<number> {
  const files = await generatedFiles();
  const stale: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const path = here(name);
    let committed: string | undefined;
    try {
      committed = readFileSync(path, 'utf8');
    } catch {
      committed = undefined;
    }
    if (committed === content) continue;
    if (check) stale.push(name);
    else writeFileSync(path, content);
  }
  if (stale.length > 0) {
    console.error(
      `clients/typescript: ${stale.join(' and ')} differ from what Persona serves; run \`npm run client:generate\` and commit the result`,
    );
    return 1;
  }
  console.log(check ? 'clients/typescript is up to date' : 'clients/typescript regenerated');
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.includes('--check'));
}
