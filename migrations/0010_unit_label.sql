-- The organisation publishes each unit's code and name for the areas that list records by
-- unit (plans and, later, follow-up): only `org` touches `org_unit` (docs/adr/0008-the-house.md).
CREATE VIEW unit_label AS
SELECT id, code, name, sort_order FROM org_unit;
