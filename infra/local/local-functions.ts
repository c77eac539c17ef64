import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { entryMetadataKey, repositoryRoot } from '../constructs/chrm-function';
import type { IntrinsicResolver } from './intrinsics';
import { type Handler, lambdaContext } from './lambda-context';
import { type CfnTemplate, resourcesOfType } from './template';

export interface LocalFunction {
  readonly logicalId: string;
  readonly entry: string;
  readonly environment: Record<string, string>;
  readonly timeoutSeconds: number;
}

/**
 * The Lambdas of the synthesized templates, run in this process from their TypeScript source. Their
 * environment comes from the template (intrinsics resolved locally) plus the local `*_ENDPOINT` settings.
 */
export class LocalFunctions {
  private readonly functions = new Map<string, LocalFunction>();
  private readonly loaded = new Map<string, Promise<Handler>>();

  constructor(
    templates: readonly CfnTemplate[],
    resolver: IntrinsicResolver,
    localEnvironment: Record<string, string>,
  ) {
    for (const template of templates) {
      for (const [logicalId, resource] of resourcesOfType(template, 'AWS::Lambda::Function')) {
        const entry = resource.Metadata?.[entryMetadataKey];
        if (typeof entry !== 'string') continue;
        const variables =
          (resource.Properties?.Environment as { Variables?: unknown } | undefined)?.Variables ?? {};
        const environment = resolver.resolve(variables, template) as Record<string, string>;
        const timeoutSeconds = Number(resource.Properties?.Timeout ?? 3);
        this.functions.set(logicalId, {
          logicalId,
          entry,
          environment: { ...environment, ...localEnvironment },
          timeoutSeconds,
        });
      }
    }
    this.applyEnvironment();
  }

  /** A setting the functions share (e.g. UPLOADS_BUCKET), as resolved from the templates. */
  setting(name: string): string {
    const value = [...this.functions.values()]
      .map((fn) => fn.environment[name])
      .find((found) => found !== undefined);
    if (value === undefined) throw new Error(`Local runtime: no function has the setting ${name}`);
    return value;
  }

  get(logicalId: string): LocalFunction {
    const fn = this.functions.get(logicalId);
    if (!fn) throw new Error(`Local runtime: no function ${logicalId} in the templates`);
    return fn;
  }

  /** Invokes a function's handler with a Lambda-like context, as the Lambda service would. */
  async invoke(logicalId: string, event: unknown): Promise<unknown> {
    const fn = this.get(logicalId);
    let handler = this.loaded.get(fn.entry);
    if (!handler) {
      handler = this.load(fn.entry);
      this.loaded.set(fn.entry, handler);
    }
    return (await handler)(event, lambdaContext(fn));
  }

  private async load(entry: string): Promise<Handler> {
    const module = (await import(pathToFileURL(path.join(repositoryRoot, entry)).href)) as {
      handler?: Handler;
    };
    if (typeof module.handler !== 'function') throw new Error(`${entry} does not export a handler`);
    return module.handler;
  }

  /**
   * All handlers share this process, so their settings must agree; they do because one stack defines them.
   * A clash would mean two functions expect different values under one name: refuse rather than guess.
   */
  private applyEnvironment(): void {
    const merged: Record<string, string> = {};
    for (const fn of this.functions.values()) {
      for (const [name, value] of Object.entries(fn.environment)) {
        if (merged[name] !== undefined && merged[name] !== value) {
          throw new Error(`Local runtime: functions disagree on ${name} (${merged[name]} vs ${value})`);
        }
        merged[name] = value;
      }
    }
    Object.assign(process.env, merged);
  }
}
