import { ConnectionList } from '@/features/connections/ConnectionList';

export default function ConnectionsPage() {
  return <ConnectionList />;
}
