'use client';

import { useEffect } from 'react';
import { useRouter } from 'next/navigation';
import { useQuery } from 'urql';
import { INTEGRATIONS_QUERY, type IntegrationSummary } from './integrations.gql';
import { Empty, ErrorMessage, Loading, PageHead } from '@/components/ui';

/** `/`: open the last used integration's dashboard, or explain how to get one. */
export function IntegrationHome() {
  const router = useRouter();
  const [{ data, error, fetching }] = useQuery<{ integrations: IntegrationSummary[] }>({ query: INTEGRATIONS_QUERY });
  const list = data?.integrations ?? [];
  useEffect(() => {
    if (list.length === 0) return;
    const stored = window.localStorage.getItem('megzo.integration');
    const target = list.find((i) => i.id === stored) ?? list[0]!;
    router.replace(`/integrations/${target.id}`);
  }, [list, router]);
  if (error) return <ErrorMessage error={error} />;
  if (fetching || list.length > 0) return <Loading label="Opening your integration…" />;
  return (
    <>
      <PageHead title="Welcome" />
      <div className="card">
        <Empty title="No integration yet">
          <p>An integration links your ERP to a marketplace. Add the connections first, then ask an administrator to create the integration.</p>
        </Empty>
      </div>
    </>
  );
}
