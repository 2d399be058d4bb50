'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { Me, Role } from './auth.gql';

const SessionContext = createContext<Me | null>(null);

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <SessionContext.Provider value={me}>{children}</SessionContext.Provider>;
}

export function useMe(): Me | null {
  return useContext(SessionContext);
}

const WRITES: Record<Role, readonly string[]> = {
  ADMIN: ['mappings', 'runs', 'integrations', 'connections', 'catalog', 'orders'],
  EDITOR: ['mappings', 'runs', 'integrations'],
  VIEWER: [],
};

/** Mirrors the API's role rules so the studio hides what it would refuse anyway. */
export function useCan(area: 'mappings' | 'runs' | 'integrations' | 'connections' | 'catalog' | 'orders'): boolean {
  const me = useMe();
  return !!me && WRITES[me.role].includes(area);
}

/** Shown beside actions a viewer cannot take. */
export function ReadOnlyNote() {
  const me = useMe();
  if (!me || me.role !== 'VIEWER') return null;
  return (
    <span className="badge" data-testid="read-only-note" title="Viewers can look but not change anything.">
      Read-only access
    </span>
  );
}
