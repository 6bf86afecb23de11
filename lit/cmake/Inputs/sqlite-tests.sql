-- sqlite-tests.sql - SQL run through the sqlite3 shell by lit/cmake/sqlite.sh:
-- the plain and the profiled shell must print the same thing.
CREATE TABLE t(id INTEGER PRIMARY KEY, grp TEXT, val REAL, note TEXT);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO t SELECT i, char(65 + i % 7), (i * 7919) % 1000 / 10.0, printf('row %05d', i) FROM n;
CREATE INDEX t_grp ON t(grp, val);
SELECT grp, count(*), round(sum(val), 1), min(note), max(note) FROM t GROUP BY grp ORDER BY grp;
SELECT id, val, rank() OVER (PARTITION BY grp ORDER BY val DESC, id) AS r FROM t WHERE id % 997 = 0 ORDER BY id;
SELECT a.grp, b.grp, count(*) FROM t a JOIN t b ON a.id = b.id + 1 AND a.grp < b.grp GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 5;
UPDATE t SET note = upper(note) WHERE val > 90;
DELETE FROM t WHERE id % 3 = 0;
SELECT count(*), sum(length(note)), group_concat(DISTINCT substr(note, 1, 3)) FROM t;
SELECT json_object('n', count(*), 'avg', round(avg(val), 3)), json_array(1, 2, 'x') FROM t;
SELECT json_extract('{"a": [1, {"b": 2}]}', '$.a[1].b'), hex(zeroblob(4)), typeof(1.5), quote('it''s');
CREATE VIRTUAL TABLE docs USING fts4(body);
INSERT INTO docs SELECT note || ' ' || grp FROM t WHERE id < 300;
SELECT count(*) FROM docs WHERE docs MATCH 'row b';
CREATE VIRTUAL TABLE box USING rtree(id, x0, x1, y0, y1);
INSERT INTO box SELECT id, val, val + 1, id % 50, id % 50 + 2 FROM t WHERE id < 2000;
SELECT count(*) FROM box WHERE x0 >= 10 AND x1 <= 30 AND y0 > 5;
SELECT round(sqrt(2), 6), round(exp(1), 6), round(log10(1000), 3);
BEGIN; INSERT INTO t(grp, val) VALUES ('Z', 1); SAVEPOINT s; DELETE FROM t; ROLLBACK TO s; COMMIT;
SELECT count(*) FROM t;
PRAGMA integrity_check;
