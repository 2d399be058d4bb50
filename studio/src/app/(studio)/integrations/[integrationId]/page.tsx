import { Dashboard } from '@/features/dashboard/Dashboard';

export default async function DashboardPage({ params }: { params: Promise<{ integrationId: string }> }) {
  const { integrationId } = await params;
  return <Dashboard integrationId={integrationId} />;
}
