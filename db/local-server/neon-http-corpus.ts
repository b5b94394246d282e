/**
 * What the lean Neon transport (worker/src/db/neon-http) is compared on against the official
 * driver (neon-http-equivalence.test.ts): a table with every column type the schema uses and a
 * few it could, rows of ordinary, NULL and awkward values, literal selects of what no column
 * holds, parameters of every kind, and statements that fail in each way the API maps.
 */

/** One row per case: 1 ordinary, 2 all NULL, 3 the awkward values. */
export const CORPUS_SETUP = [
  `create table corpus (
    id int4 primary key, small int2, big int8, flag bool, real4 float4, real8 float8, exact numeric,
    label text, uid uuid, doc json, docb jsonb, tags text[], ints int4[], bigs int8[], flags bool[],
    reals float8[], exacts numeric[], uids uuid[], docs jsonb[], at timestamp, atz timestamptz,
    day date, span interval, atzs timestamptz[], days date[], bytes bytea,
    positive int4 check (positive > 0)
  )`,
  `insert into corpus values (1, 7, 42, true, 1.5, 2.25, 3.14159, 'plain', '6f1c3f2e-58a4-4c5e-9a53-2a0d8c1b7e90',
    '{"a": 1}', '{"b": [1, 2]}', '{x,y}', '{1,2,3}', '{4,5}', '{t,f}', '{1.5,2.5}', '{1.1,2.2}',
    '{6f1c3f2e-58a4-4c5e-9a53-2a0d8c1b7e90}', array['{"c": 3}'::jsonb], '2026-01-02 03:04:05.678',
    '2026-01-02 03:04:05.678+00', '2026-01-02', '1 day 02:03:04', '{"2026-01-02 03:04:05+00"}', '{2026-01-02}',
    '\\x0102ff', 5)`,
  "insert into corpus (id) values (2)",
  `insert into corpus values (3, -32768, 9223372036854775807, false, 'NaN', '-Infinity',
    123456789012345678901234567890.123456789, e'quote " comma , backslash \\\\ newline \\n tab \\t emoji 🦀',
    '00000000-0000-0000-0000-000000000000', '[1, "two", {"three": [null, true]}]',
    '{"nested": {"deep": {"deeper": [1, {"x": "é\\"y"}]}}, "empty": {}, "list": []}',
    array['a"b', 'c,d', 'e\\f', null, '', 'NULL', ' padded ', '{braces}', 'ü'], '{}', '{-9223372036854775808,0}',
    '{t,NULL,f}', '{Infinity,-Infinity,NaN}', '{0.1,NULL}', '{}', array['null'::jsonb, '"s"'::jsonb, '[]'::jsonb],
    '0044-03-15 12:00:00 BC', '2026-03-29 01:30:00.123456+02', '0001-01-01 BC', '-1 years -2 mons +3 days -04:05:06.789',
    array['infinity'::timestamptz, null, '1999-12-31 23:59:59.999999-08'], array['-infinity'::date], '\\x', 2147483647)`,
];

/** Selects of values no corpus column holds, or holds in another form. */
export const LITERAL_SELECTS = [
  "select 1::int2 as a, 2147483647::int4 as b, -9007199254740993::int8 as c, 4294967295::oid as d",
  "select '{{1,2},{3,NULL}}'::int4[] as grid, '{{a,\"b c\"},{NULL,\"\"}}'::text[] as words, '{}'::int8[] as none",
  "select array[1,2]::int2[] as shorts, '[1:2]={7,8}'::int4[] as bounded, array[1.5]::float4[] as floats",
  "select '(1.5,-2)'::point as p, '<(1,2),3.5>'::circle as c, array['(0,0)'::point] as ps",
  "select '\\x00ff10'::bytea as hex, array['\\x01'::bytea, null] as blobs",
  "select 'x'::char(3) as fixed, 'y'::varchar(5) as var, 'z'::name as nm, 'q'::\"char\" as ch",
  "select 'a b'::text as t, ''::text as empty, null::text as nothing, 12.50::money as cash, array[1::money] as cashes",
  "select '[1,2)'::int4range as r, array['[1,2)'::numrange] as rs, '10.0.0.0/8'::cidr as net, array['10.0.0.1'::inet] as ips",
  "select '12:34:56'::time as t, '12:34:56+02'::timetz as tz, array['01:02'::time] as ts, array['01:02+00'::timetz] as tzs",
  "select 'infinity'::timestamp as inf, array['1 hour'::interval] as spans, array['2026-01-01 00:00'::timestamp] as stamps",
  "select '{\"a\": [1, 2]}'::json as j, array['{\"k\": \"v\"}'::json] as js, 'null'::jsonb as jnull, '1e400'::json as huge",
  "select 1 as same, 2 as same",
  "select 1 where false",
  "update corpus set label = label where id = 1",
  "delete from corpus where id = -1",
  "select set_config('app.probe', 'on', false) as setting",
];

/** Values a query may pass: one $1 each, cast as the second element says. */
export const PARAMETERS: [unknown, string][] = [
  [1, "int4"],
  [-1.5, "float8"],
  [9007199254740993n, "int8"],
  ["text with 'quotes' and \"doubles\"", "text"],
  ["", "text"],
  [null, "text"],
  [undefined, "int4"],
  [true, "bool"],
  [false, "bool"],
  [new Date("2026-01-02T03:04:05.678Z"), "timestamptz"],
  [new Date("2026-01-02T03:04:05.678Z"), "text"],
  [[1, 2, 3], "int4[]"],
  [['a"b', "c,d", "e\\f", null, "", "NULL", undefined], "text[]"],
  [
    [
      [1, 2],
      [3, null],
    ],
    "int4[]",
  ],
  [[true, false], "bool[]"],
  [[new Date("2026-01-02T03:04:05.678Z")], "timestamptz[]"],
  [{ a: [1, { b: null }], é: "ü" }, "jsonb"],
  [[{ a: 1 }], "text"],
  [new Uint8Array([0, 1, 255]), "bytea"],
  [{ toPostgres: () => "from toPostgres" }, "text"],
  [{ toPostgres: () => [1, 2] }, "int4[]"],
  ["abc", "int4"],
  ["6f1c3f2e-58a4-4c5e-9a53-2a0d8c1b7e90", "uuid"],
];

/** Statements that fail, each a different way (the API maps 23503, 23514, class 22; RLS is 42501). */
export const FAILING_QUERIES = [
  "selec 1",
  "select * from no_such_table",
  "insert into corpus (id) values (1)",
  "insert into corpus (id, positive) values (100, -1)",
  "insert into corpus (id, big) values (101, 'lots')",
  "select 1 / 0",
  "insert into corpus (id) values (null)",
  "do $$ begin raise exception 'refused' using detail = 'the detail', hint = 'the hint', errcode = 'P0001'; end $$",
];
