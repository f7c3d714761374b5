import { sql } from 'drizzle-orm'
import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data'
import type { Db } from '../db/client'
import { region } from '../db/schema'

/**
 * Load the Kemendagri region codes (idn-area-data, data under ODbL) once.
 * `onlyProvince` limits the import (tests use '74', Sulawesi Tenggara, to stay fast).
 */
export async function importRegions(db: Db, options: { onlyProvince?: string } = {}): Promise<number> {
  const [{ count }] = (await db.select({ count: sql<number>`count(*)::int` }).from(region)) as [{ count: number }]
  if (count > 0) return 0
  const keep = (code: string) => !options.onlyProvince || code.startsWith(options.onlyProvince)
  const rows: Array<typeof region.$inferInsert> = []
  for (const p of await getProvinces()) if (keep(p.code)) rows.push({ code: p.code, parentCode: null, level: 1, name: p.name })
  for (const r of await getRegencies()) if (keep(r.code)) rows.push({ code: r.code, parentCode: r.province_code, level: 2, name: r.name })
  for (const d of await getDistricts()) if (keep(d.code)) rows.push({ code: d.code, parentCode: d.regency_code, level: 3, name: d.name })
  for (const v of await getVillages()) if (keep(v.code)) rows.push({ code: v.code, parentCode: v.district_code, level: 4, name: v.name })
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 5000) {
      await tx.insert(region).values(rows.slice(i, i + 5000))
    }
  })
  return rows.length
}
