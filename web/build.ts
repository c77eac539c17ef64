import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

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

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

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

/**
 * Builds the partner portal and staff console (Preact, bundled and minified by esbuild) into memory: a hashed
 * script, a hashed stylesheet and the index.html that names them. The local gateway serves these files and the
 * CDK app writes them to the web bucket, so both runtimes serve the same bytes.
 */
export async function buildWebApp(): Promise<WebAsset[]> {
  const result = await build({
    entryPoints: [path.join(sourceDirectory, 'main.tsx')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    write: false,
    outdir: 'out',
    entryNames: 'assets/[name]-[hash]',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const built = result.outputFiles.map((file) => ({
    path: path.relative(path.resolve('out'), file.path).split(path.sep).join('/'),
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
