/** Shared FX feed client + instance: latest / dated fetch with fallback, the `rates` stream. */
import { ConfigError, RecordError, TransientError, type IntegrationError } from '@megzo/domain';
import type { FxConnectorInstance, FxRate } from '../contract/kinds.ts';
import type { Capabilities, ConnectorDeps, ReadMessage, StreamInfo } from '../contract/types.ts';
import { HttpClient } from '../kit/http.ts';
import { defaultLimiterRegistry } from '../kit/limiter.ts';
import { pickDay, type DayTable } from './parse.ts';

export interface FeedDefinition {
  id: string;
  /** Candidate base URLs, tried in order (BNR: curs.bnr.ro, then www.bnr.ro). */
  baseUrls: string[];
  latestPath: string;
  /** Files covering past days, tried in order when a date is asked for. */
  historyPaths: (date: string) => string[];
  parse: (xml: string) => DayTable[];
  toRates: (day: DayTable) => FxRate[];
}

export const FX_CAPABILITIES: Capabilities = {
  invoiceUpload: false,
  returns: false,
  webhooks: false,
  partialFulfilment: false,
  incrementalRead: true,
  idempotentWrites: false,
  extra: { historicalRates: true },
};

export const FX_STREAMS: StreamInfo[] = [
  { name: 'rates', description: 'Daily reference rates in BNR semantics (RON per multiplier units)', primaryKey: ['currency', 'date'], cursorField: ['date'], modes: ['incremental'] },
];

export class FeedClient {
  private readonly clients: HttpClient[];
  constructor(private readonly def: FeedDefinition, deps: ConnectorDeps) {
    const registry = deps.limiters ?? defaultLimiterRegistry;
    this.clients = def.baseUrls.map(
      (baseUrl) =>
        new HttpClient({
          source: def.id,
          baseUrl,
          limiter: registry.get(def.id, baseUrl, { requestsPerSecond: 2, maxConcurrent: 1 }),
          fetch: deps.fetch,
          clock: deps.clock,
          logger: deps.logger,
          retry: deps.retry,
          timeoutMs: deps.timeoutMs,
          // A feed file that is not there means a wrong base URL (or, for history files, a missing year).
          classify: (f) =>
            f.status === 404 ? new ConfigError({ message: `${def.id}: no rates file at ${f.url}; check the base URL`, code: 'FEED_NOT_FOUND', source: def.id, status: 404 }) : undefined,
        }),
    );
  }

  /** Fetches and parses one file, trying each base URL; a non-XML body or redirect moves on to the next. */
  async file(path: string): Promise<DayTable[]> {
    let last: IntegrationError | undefined;
    for (const client of this.clients) {
      try {
        const res = await client.request<string>({ method: 'GET', path, responseType: 'text', headers: { Accept: 'application/xml, text/xml' } });
        return this.def.parse(res.data);
      } catch (e) {
        last = e as IntegrationError;
        if (!(e instanceof TransientError || e instanceof ConfigError)) throw e;
      }
    }
    throw last ?? new ConfigError({ message: `${this.def.id}: no base URL configured`, source: this.def.id });
  }

  async rates(date?: string): Promise<FxRate[]> {
    const files = date ? [this.def.latestPath, ...this.def.historyPaths(date)] : [this.def.latestPath];
    let newest: string | undefined;
    for (const path of files) {
      let days: DayTable[];
      try {
        days = await this.file(path);
      } catch (e) {
        if (path === this.def.latestPath || !(e instanceof RecordError || e instanceof ConfigError)) throw e;
        continue; // a history file that does not exist: try the next one
      }
      newest ??= days[0]?.date;
      const picked = pickDay(days, date);
      if (!picked) continue;
      const rates = this.def.toRates(picked.day);
      if (!picked.fallback) return rates;
      const note = `No ${this.def.id === 'fx-bnr' ? 'BNR' : 'ECB'} fixing published for ${date}; using the last published rate of ${picked.day.date}`;
      return rates.map((r) => ({ ...r, requestedDate: date, note: r.note ? `${note}. ${r.note}` : note }));
    }
    throw new RecordError({
      message: `${this.def.id}: no rate published on or before ${date ?? 'today'}${newest ? ` (oldest file checked starts after it; newest is ${newest})` : ''}`,
      code: 'NO_RATE',
      source: this.def.id,
    });
  }
}

export function openFeed(def: FeedDefinition, deps: ConnectorDeps): FxConnectorInstance {
  const feed = new FeedClient(def, deps);
  return {
    connectorId: def.id,
    fetchRates: (date) => feed.rates(date),
    async *read(stream, state): AsyncGenerator<ReadMessage<FxRate>> {
      if (stream !== 'rates') throw new ConfigError({ message: `${def.id} has no stream "${stream}"`, code: 'UNKNOWN_STREAM', source: def.id });
      const lastDate = typeof state?.lastDate === 'string' ? state.lastDate : '';
      const rates = await feed.rates();
      const date = rates[0]?.date ?? lastDate;
      let count = 0;
      if (date > lastDate) {
        for (const r of rates) {
          count++;
          yield { type: 'record', stream, key: `${r.currency}@${r.date}`, record: r };
        }
      }
      yield { type: 'checkpoint', stream, state: { lastDate: date > lastDate ? date : lastDate }, count };
    },
    close: async () => {},
  };
}
