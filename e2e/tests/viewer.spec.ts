/** A viewer can look at everything but cannot publish or change anything — in the UI and at the API. */
import { expect, test } from '@playwright/test';
import { shot, signIn, studio } from '../support/studio.ts';
import { env } from '../support/sandbox.ts';

test('a viewer cannot publish or change anything', async ({ page }) => {
  const integrationId = await signIn(page, 'viewer');

  // Dashboard: no "Run now".
  await expect(page.getByTestId('flow-card-catalog')).toBeVisible();
  await expect(page.getByTestId('read-only-note')).toBeVisible();
  await expect(page.locator('[data-testid^="run-now-"]')).toHaveCount(0);

  // Mapping studio: no draft, no publish, no roll back, editors read-only.
  await page.goto(studio('/mappings'));
  await page.locator('[data-testid="mapping-row"][data-flow="catalog"] a').first().click();
  await expect(page.getByTestId('published-version')).toBeVisible();
  await expect(page.getByTestId('start-draft')).toHaveCount(0);
  await expect(page.getByTestId('publish')).toHaveCount(0);
  await expect(page.getByTestId('save-draft')).toHaveCount(0);
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('version-history')).toBeVisible();
  await expect(page.locator('[data-testid^="rollback-"]')).toHaveCount(0);
  await page.getByTestId('mode-code').click();
  await expect(page.getByTestId('rule-code-editor').locator('.monaco-editor')).toBeVisible();
  await shot(page, '20-viewer-mapping');

  // Stock buffers and connections: no saving.
  await page.goto(studio(`/integrations/${integrationId}/stock`));
  await expect(page.getByTestId('save-buffers')).toHaveCount(0);
  await page.goto(studio('/connections'));
  const first = page.getByTestId('connection-row').first().getByRole('link');
  if (await first.count()) {
    await first.click();
    await expect(page.getByTestId('save-connection')).toHaveCount(0);
  }

  // The API refuses a viewer's writes too, even when sent by hand with a valid session and CSRF token.
  const attempt = (query: string) =>
    page.evaluate(
      async ([url, q]) => {
        const csrf = document.cookie.split('; ').find((c) => c.startsWith('megzo_csrf='))?.slice('megzo_csrf='.length) ?? '';
        const res = await fetch(url, {
          method: 'POST',
          credentials: 'include',
          headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
          body: JSON.stringify({ query: q }),
        });
        return (await res.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
      },
      [env('E2E_API_URL'), query] as const,
    );
  const me = await attempt('query { me { role } }');
  expect(me.data).toMatchObject({ me: { role: 'VIEWER' } });
  const run = await attempt(`mutation { runSync(integrationId: "${integrationId}", flow: catalog) { __typename } }`);
  expect(run.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const mappings = await attempt('query { mappings { id publishedVersion { id } versions { id status } } }');
  const m = (mappings.data?.mappings as Array<{ id: string; versions: Array<{ id: string; status: string }> }>)[0]!;
  const draft = await attempt(`mutation { createMappingDraft(mappingId: "${m.id}") { __typename } }`);
  expect(draft.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const rollback = await attempt(`mutation { rollbackMapping(mappingId: "${m.id}", toVersionId: "${m.versions[m.versions.length - 1]!.id}") { __typename } }`);
  expect(rollback.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});
