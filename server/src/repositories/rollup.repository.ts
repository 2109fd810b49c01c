// Per-minute rollups per brand × platform: additive upserts on the ingest path, bucketed series for charts.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';

export interface RollupIncrement {
  brandId: string;
  platform: string;
  /** Start of the minute, ISO 8601. */
  bucket: string;
  count: number;
  negativeCount: number;
  reach: number;
  /** Reach-weighted negativity: Σ log10(1 + reach) over the negative mentions (0 when left out). */
  negativeWeight?: number;
}

export interface RollupPoint {
  platform: string;
  bucket: Date;
  count: number;
  negativeCount: number;
  reach: number;
}

export type RollupBucket = 'minute' | 'hour' | 'day';

const upsertSql = `
INSERT INTO mention_rollups (workspace_id, brand_id, platform, bucket, count, negative_count, reach, negative_weight)
SELECT $1::uuid, u.brand_id, u.platform, u.bucket, u.count, u.negative_count, u.reach, u.negative_weight
FROM unnest($2::uuid[], $3::text[], $4::timestamptz[], $5::int4[], $6::int4[], $7::float8[], $8::float8[])
  AS u(brand_id, platform, bucket, count, negative_count, reach, negative_weight)
ON CONFLICT (workspace_id, brand_id, platform, bucket) DO UPDATE SET
  count = mention_rollups.count + excluded.count,
  negative_count = mention_rollups.negative_count + excluded.negative_count,
  reach = mention_rollups.reach + excluded.reach,
  negative_weight = mention_rollups.negative_weight + excluded.negative_weight`;

function param(value: unknown): SQL {
  return sql`${sql.param(value)}`;
}

export class RollupRepository {
  constructor(private readonly db: Db) {}

  /** Adds the increments (sorted by key first, so concurrent batches lock rows in one order). */
  async add(workspaceId: string, increments: readonly RollupIncrement[]): Promise<void> {
    if (increments.length === 0) return;
    const rows = [...increments].sort((a, b) =>
      a.brandId !== b.brandId
        ? a.brandId < b.brandId
          ? -1
          : 1
        : a.platform !== b.platform
          ? a.platform < b.platform
            ? -1
            : 1
          : a.bucket < b.bucket
            ? -1
            : a.bucket > b.bucket
              ? 1
              : 0,
    );
    const parts = upsertSql.split(/\$(\d)/);
    const params = [
      workspaceId,
      rows.map((r) => r.brandId),
      rows.map((r) => r.platform),
      rows.map((r) => r.bucket),
      rows.map((r) => r.count),
      rows.map((r) => r.negativeCount),
      rows.map((r) => r.reach),
      rows.map((r) => r.negativeWeight ?? 0),
    ];
    await this.db.execute(
      sql.join(parts.map((p, i) => (i % 2 === 0 ? sql.raw(p) : param(params[Number(p) - 1])))),
    );
  }

  /** Sums per platform and bucket (minute, hour or day, in UTC) over [since, until). */
  async series(
    workspaceId: string,
    brandId: string,
    platform: string | undefined,
    since: Date,
    until: Date,
    bucket: RollupBucket,
  ): Promise<RollupPoint[]> {
    const result: unknown = await this.db.execute(sql`
      SELECT platform, date_trunc(${bucket}, bucket, 'UTC') AS t,
        sum(count)::int AS count, sum(negative_count)::int AS negative_count, sum(reach)::float8 AS reach
      FROM mention_rollups
      WHERE workspace_id = ${workspaceId}::uuid AND brand_id = ${brandId}::uuid
        AND bucket >= ${since.toISOString()}::timestamptz AND bucket < ${until.toISOString()}::timestamptz
        ${platform ? sql`AND platform = ${platform}` : sql``}
      GROUP BY 1, 2 ORDER BY 2, 1`);
    return (result as { rows: Record<string, unknown>[] }).rows.map((r) => ({
      platform: r.platform as string,
      bucket: r.t instanceof Date ? r.t : new Date(r.t as string),
      count: Number(r.count),
      negativeCount: Number(r.negative_count),
      reach: Number(r.reach),
    }));
  }
}
