import { IntegrationHome } from '@/features/integrations/IntegrationHome';

export default function Home() {
  return <IntegrationHome />;
}
