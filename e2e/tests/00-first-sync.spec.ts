/**
 * Sign in → watch the first sync complete live. Runs first (file-name order) on
 * the fresh stack: the e2e scheduler runs every flow but catalog at start-up
 * (STARTUP_RUN_FLOWS in support/global-setup.ts; FX rates are still fetched), so
 * the catalog flow has never run when we sign in. We start it with "Run now" and
 * watch it appear, progress and finish on the dashboard through the subscription,
 * without reloading the page; then the articles are on the CDON sandbox.
 */
import { expect, test } from '@playwright/test';
import { cdonArticles, cdonPending, priceIn } from '../support/sandbox.ts';
import { shot, signIn, waitForOperation } from '../support/studio.ts';

type Seen = { statuses: string[]; counts: string[]; progress: string[] };
type Watched = Window & { __firstSync?: Seen };

test('sign in and watch the first catalog sync complete live', async ({ page }) => {
  const integrationId = await signIn(page, 'editor');

  // 1. The catalog flow has never run; the other flows did run at start-up.
  const card = page.getByTestId('flow-card-catalog');
  await expect(card).toBeVisible();
  await expect(card).toContainText('No run yet.');
  await expect(card.locator('[data-run-status]')).toHaveCount(0);
  await expect(card).toHaveAttribute('data-health', 'UNKNOWN');
  await expect(page.getByTestId('flow-card-stock').locator('[data-run-status]').first()).toBeVisible();
  await shot(page, '00-dashboard-before-first-sync');

  // 2. Record every state the catalog card renders from here on. The record lives in
  //    the page's window: a reload would wipe it, so its survival proves none happened.
  await card.evaluate((el) => {
    const seen: Seen = { statuses: [], counts: [], progress: [] };
    const push = (list: string[], value: string | null | undefined) => {
      const v = value?.trim();
      if (v && list[list.length - 1] !== v) list.push(v);
    };
    const record = () => {
      const run = el.querySelector('[data-run-status]');
      if (!run) return;
      push(seen.statuses, run.getAttribute('data-run-status'));
      push(seen.counts, run.querySelector('[data-testid="run-counts"]')?.textContent);
      push(seen.progress, run.querySelector('[aria-live="polite"]')?.textContent);
    };
    (window as Watched).__firstSync = seen;
    new MutationObserver(record).observe(el, { subtree: true, childList: true, attributes: true, characterData: true });
  });

  // 3. Run now: the new run appears on the card and finishes, live.
  const started = waitForOperation(page, 'RunSync');
  await card.getByTestId('run-now-catalog').click();
  const res = await started;
  expect(res.ok()).toBeTruthy();
  const body = (await res.json()) as { data?: { runSync?: { __typename?: string; id?: string; message?: string } } };
  const runId = body.data?.runSync?.id;
  expect(runId, JSON.stringify(body)).toBeTruthy();
  const run = card.getByTestId(`run-${runId}`);
  await expect(run).toBeVisible({ timeout: 30_000 });
  await expect(card).not.toContainText('No run yet.');
  await expect(run).toHaveAttribute('data-run-status', /SUCCEEDED|PARTIAL/, { timeout: 180_000 });
  await expect(card.getByTestId('run-now-catalog')).toBeEnabled();
  await shot(page, '00-dashboard-after-first-sync');

  // 4. What the card showed while we watched: an active run whose counts moved, then the end state.
  const seen = await page.evaluate(() => (window as Watched).__firstSync);
  expect(seen, 'the page was not reloaded while the sync ran').toBeDefined();
  const { statuses, counts, progress } = seen!;
  const summary = JSON.stringify(seen);
  expect(statuses[0], summary).toMatch(/^(QUEUED|RUNNING)$/);
  expect(statuses[statuses.length - 1], summary).toMatch(/^(SUCCEEDED|PARTIAL)$/);
  expect(counts.length, `the counts changed while we watched: ${summary}`).toBeGreaterThan(1);
  expect(progress.length, `progress was shown while the run was active: ${summary}`).toBeGreaterThan(0);
  test.info().annotations.push({ type: 'watched', description: summary });
  const finalCounts = (await run.getByTestId('run-counts').textContent()) ?? '';
  const squash = (t: string | undefined) => (t ?? '').replace(/\s+/g, '');
  expect(squash(counts[counts.length - 1]), summary).toBe(squash(finalCounts));
  const read = Number(/Read ([\d,.\s]+?)\s*·/.exec(finalCounts)?.[1]?.replace(/\D/g, '') ?? 0);
  const created = Number(/Created ([\d,.\s]+?)\s*·/.exec(finalCounts)?.[1]?.replace(/\D/g, '') ?? 0);
  expect(read, finalCounts).toBeGreaterThan(0);
  expect(created, finalCounts).toBeGreaterThan(0);
  await expect(card).toHaveAttribute('data-health', /HEALTHY|DEGRADED/);
  expect(new URL(page.url()).pathname).toBe(`/integrations/${integrationId}`);

  // 5. The articles are on the CDON sandbox, with prices.
  await expect.poll(cdonPending, { timeout: 60_000 }).toBe(0);
  const articles = await cdonArticles();
  expect(articles.length).toBeGreaterThan(0);
  expect(articles.filter((a) => priceIn(a, 'SE') !== undefined).length).toBeGreaterThan(0);
});
