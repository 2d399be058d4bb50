import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { connection } from 'next/server';
import { GraphQLProvider } from '@/graphql/providers';
import { apiUrlAtRuntime } from '@/lib/env';
import './globals.css';

export const metadata: Metadata = {
  title: 'MEGZO IV studio',
  description: 'Watch your syncs and edit your field mappings.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render per request so the API address comes from the running server's environment.
  await connection();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <GraphQLProvider url={apiUrlAtRuntime()}>{children}</GraphQLProvider>
      </body>
    </html>
  );
}
