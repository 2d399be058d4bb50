import { Suspense } from 'react';
import { RunList } from '@/features/runs/RunList';

export default async function RunsPage({ params }: { params: Promise<{ integrationId: string }> }) {
  const { integrationId } = await params;
  return (
    <Suspense>
      <RunList integrationId={integrationId} />
    </Suspense>
  );
}
