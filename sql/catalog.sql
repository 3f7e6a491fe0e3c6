-- The Iceberg catalog of quantstream: the tables of QuantstreamTables (market.*, research.*,
-- trading.*, see sql/README.md) as `quantstream.<namespace>.<table>`.
--
-- Both SQL runners run this file before a session's scripts (after sql/kafka-topics.sql, so the
-- Kafka topic tables stay in the default catalog): `bin/quantstream sql` and `bin/sql-client`
-- (Flink's SQL client on the standalone cluster). They replace, before Flink sees the text:
--   ${catalog.warehouse}  absolute path of the warehouse folder (default .quantstream/warehouse
--                         in the project; `--catalog.warehouse DIR` or QUANTSTREAM_WAREHOUSE)
--   ${catalog.uri}        the catalog database (default jdbc:sqlite:<warehouse>/catalog.db)
-- The catalog must be named quantstream: the JDBC catalog stores the name with every table.
-- The tables exist once any quantstream command has opened the catalog (`load`, `sql`).
CREATE CATALOG quantstream WITH (
  'type' = 'iceberg',
  'catalog-impl' = 'org.apache.iceberg.jdbc.JdbcCatalog',
  'uri' = '${catalog.uri}',
  'warehouse' = '${catalog.warehouse}',
  -- the current schema of the catalog's own tables (with views), as IcebergCatalogs opens it
  'jdbc.schema-version' = 'V1'
);
