import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, type BuildResult, build, buildSync, type OutputFile } from 'esbuild';

/** One file of the built web app, as served: its path from `/`, bytes, content type and cache rule. */
export interface WebAsset {
  readonly path: string;
  readonly body: Buffer;
  readonly gzipped: Buffer;
  readonly contentType: string;
  /** Hashed assets never change under their name; index.html is revalidated on every load. */
  readonly immutable: boolean;
}

const sourceDirectory = path.join(import.meta.dirname, 'src');
const outDirectory = path.join(import.meta.dirname, 'out');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

const options = {
  entryPoints: [path.join(sourceDirectory, 'main.tsx')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  write: false,
  outdir: outDirectory,
  entryNames: 'assets/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'silent',
} as const satisfies BuildOptions;

const indexHtml = (script: string, style: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ChRM portal</title>
<link rel="stylesheet" href="/${style}">
</head>
<body>
<div id="app"></div>
<noscript>The ChRM portal needs JavaScript.</noscript>
<script type="module" src="/${script}"></script>
</body>
</html>
`;

/** The bundle's files plus the index.html that names the hashed script and stylesheet. */
function assetsOf(result: BuildResult & { outputFiles: OutputFile[] }): WebAsset[] {
  const built = result.outputFiles.map((file) => ({
    path: path.relative(outDirectory, file.path).split(path.sep).join('/'),
    body: Buffer.from(file.contents),
  }));
  const script = built.find((file) => file.path.endsWith('.js'));
  const style = built.find((file) => file.path.endsWith('.css'));
  if (!script || !style) throw new Error('The web build made no script or no stylesheet');
  const html = { path: 'index.html', body: Buffer.from(indexHtml(script.path, style.path)) };
  return [...built, html].map((file) => ({
    ...file,
    gzipped: gzipSync(file.body, { level: 9 }),
    contentType: contentTypes[path.extname(file.path)] ?? 'application/octet-stream',
    immutable: file.path !== 'index.html',
  }));
}

/**
 * Builds the partner portal and staff console (Preact, bundled and minified by esbuild) into memory: a hashed
 * script, a hashed stylesheet and the index.html that names them. The local gateway serves these bytes and
 * the CDK app deploys the same build (`writeWebApp`) to the web bucket.
 */
export async function buildWebApp(): Promise<WebAsset[]> {
  return assetsOf(await build(options));
}

/** The same build, synchronously written to `directory` (CDK asset bundling cannot wait for a promise). */
export function writeWebApp(directory: string): WebAsset[] {
  const assets = assetsOf(buildSync(options));
  for (const asset of assets) {
    const file = path.join(directory, asset.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, asset.body);
  }
  return assets;
}
