-- Decision 021: audit rows keep a client's network (/24 for IPv4, /48 for IPv6), never the
-- address. Sign-in rows written before this stored the full address under "ip"; this
-- truncates them in place (anything that is not an address becomes null).
CREATE FUNCTION pg_temp.latih_network(address text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  a inet;
BEGIN
  IF address IS NULL THEN
    RETURN NULL;
  END IF;
  a := regexp_replace(btrim(address), '^::ffff:([0-9]+\.[0-9]+\.[0-9]+\.[0-9]+)$', '\1', 'i')::inet;
  IF family(a) = 4 THEN
    RETURN network(set_masklen(a, 24))::text;
  END IF;
  RETURN network(set_masklen(a, 48))::text;
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$$;
--> statement-breakpoint
UPDATE "audit_event"
SET "after" = jsonb_set("after", '{ip}', coalesce(to_jsonb(pg_temp.latih_network("after"->>'ip')), 'null'::jsonb))
WHERE jsonb_typeof("after") = 'object' AND jsonb_typeof("after"->'ip') = 'string';
--> statement-breakpoint
UPDATE "audit_event"
SET "before" = jsonb_set("before", '{ip}', coalesce(to_jsonb(pg_temp.latih_network("before"->>'ip')), 'null'::jsonb))
WHERE jsonb_typeof("before") = 'object' AND jsonb_typeof("before"->'ip') = 'string';
--> statement-breakpoint
DROP FUNCTION pg_temp.latih_network(text);
