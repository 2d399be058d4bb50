/** Studio page helpers: sign in, navigate, wait on GraphQL operations, screenshots. */
import { expect, type Page, type Response } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { env } from './sandbox.ts';

export type Role = 'admin' | 'editor' | 'viewer';
export const PASSWORD = process.env.E2E_DEMO_PASSWORD ?? 'megzo-demo';
export const email = (role: Role) => `${role}@demo.megzo.local`;

const SHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

export function studio(path = '/'): string {
  return `${env('E2E_STUDIO_URL')}${path}`;
}

/** Resolves with the response of the next GraphQL request named `operationName`. */
export function waitForOperation(page: Page, operationName: string): Promise<Response> {
  return page.waitForResponse((r) => {
    if (!r.url().includes('/graphql') || r.request().method() !== 'POST') return false;
    try {
      return (r.request().postDataJSON() as { operationName?: string }).operationName === operationName;
    } catch {
      return false;
    }
  });
}

/** Signs in through the form and lands on the integration dashboard; returns the integration id. */
export async function signIn(page: Page, role: Role): Promise<string> {
  await page.goto(studio('/signin'));
  await page.getByLabel('Email').fill(email(role));
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByTestId('signin-submit').click();
  await page.waitForURL(/\/integrations\/[^/]+$/, { timeout: 60_000 });
  await expect(page.getByTestId('current-role')).toHaveText(role);
  const id = new URL(page.url()).pathname.split('/')[2];
  if (!id) throw new Error('no integration id in the dashboard URL');
  return id;
}

/** Presses "Run now" for a flow on the dashboard and waits until that new run finishes, live. */
export async function runNowAndWait(page: Page, integrationId: string, flow: string, timeout = 180_000): Promise<string> {
  if (!page.url().endsWith(`/integrations/${integrationId}`)) await page.goto(studio(`/integrations/${integrationId}`));
  const card = page.getByTestId(`flow-card-${flow}`);
  const button = card.getByTestId(`run-now-${flow}`);
  // A heartbeat run may be in progress: wait for it first (the button is disabled meanwhile).
  await expect(button).toBeEnabled({ timeout });
  const before = await card.locator('[data-run-status]').first().getAttribute('data-testid').catch(() => null);
  const started = waitForOperation(page, 'RunSync');
  await button.click();
  const res = await started;
  expect(res.ok()).toBeTruthy();
  const run = card.locator('[data-run-status]').first();
  await expect(run).not.toHaveAttribute('data-testid', before ?? '__none__', { timeout: 30_000 });
  await expect(run).toHaveAttribute('data-run-status', /SUCCEEDED|PARTIAL/, { timeout });
  return (await run.getAttribute('data-testid'))!.replace(/^run-/, '');
}
