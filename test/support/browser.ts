import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { repositoryRoot } from '../../infra/constructs/chrm-function';

/** Debian's Chromium (`apt-get install chromium`): browser downloads are not reachable here or in CI. */
export const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests leave screenshots and figures (gitignored; CI keeps them as artifacts). */
export const artifactsDirectory = path.join(repositoryRoot, 'test-artifacts');

export function artifactPath(name: string): string {
  mkdirSync(artifactsDirectory, { recursive: true });
  return path.join(artifactsDirectory, name);
}

/** Headless system Chromium; the sandbox is off only where the tests run as root (CI containers). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: systemChromium,
    headless: true,
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}
