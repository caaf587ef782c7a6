-- A save as the app makes it (an income changed, its audit entry, the village's figures counted again and the
-- difference added to its five ancestors), for the write rate of one PostgreSQL primary:
-- pgbench -n -c 16 -j 2 -T 60 -f bench/pgbench/save.sql <database with the province imported>
\set hid random(1, 650000)
\set v random(1, 11270)
BEGIN;
UPDATE household_incomes SET "WageIncome" = "WageIncome" + 1, "UpdatedAt" = now(), "Version" = "Version" + 1 WHERE "HouseholdId" = :hid;
UPDATE households SET "UpdatedAt" = now() WHERE "Id" = :hid;
INSERT INTO audit_entries ("At", "UserId", "UserName", "Action", "EntityType", "EntityId", "HouseholdId", "RegionCode", "Summary", "Changes")
  VALUES (now(), 'bench', 'bench', 1, 'HouseholdIncome', :hid, :hid, '500101', '收入变更', '{"WageIncome":[0,1]}');
INSERT INTO region_figures ("RegionCode", "Figure", "Key", "Households", "People", "AmountFen") VALUES ('v' || :v, 'IB', '3', 1, 3, 100)
  ON CONFLICT ("RegionCode", "Figure", "Key") DO UPDATE SET "Households" = region_figures."Households" + 1, "People" = region_figures."People" + 3;
INSERT INTO region_figures ("RegionCode", "Figure", "Key", "Households", "People", "AmountFen") VALUES ('t' || (:v / 20), 'IB', '3', 1, 3, 100)
  ON CONFLICT ("RegionCode", "Figure", "Key") DO UPDATE SET "Households" = region_figures."Households" + 1, "People" = region_figures."People" + 3;
INSERT INTO region_figures ("RegionCode", "Figure", "Key", "Households", "People", "AmountFen") VALUES ('c' || (:v / 300), 'IB', '3', 1, 3, 100)
  ON CONFLICT ("RegionCode", "Figure", "Key") DO UPDATE SET "Households" = region_figures."Households" + 1, "People" = region_figures."People" + 3;
INSERT INTO region_figures ("RegionCode", "Figure", "Key", "Households", "People", "AmountFen") VALUES ('5001', 'IB', '3', 1, 3, 100)
  ON CONFLICT ("RegionCode", "Figure", "Key") DO UPDATE SET "Households" = region_figures."Households" + 1, "People" = region_figures."People" + 3;
INSERT INTO region_figures ("RegionCode", "Figure", "Key", "Households", "People", "AmountFen") VALUES ('50', 'IB', '3', 1, 3, 100)
  ON CONFLICT ("RegionCode", "Figure", "Key") DO UPDATE SET "Households" = region_figures."Households" + 1, "People" = region_figures."People" + 3;
INSERT INTO region_figures ("RegionCode", "Figure", "Key", "Households", "People", "AmountFen") VALUES ('', 'IB', '3', 1, 3, 100)
  ON CONFLICT ("RegionCode", "Figure", "Key") DO UPDATE SET "Households" = region_figures."Households" + 1, "People" = region_figures."People" + 3;
COMMIT;
