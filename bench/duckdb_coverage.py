"""Per-district, per-pathway coverage in DuckDB SQL: what a user would write instead of cte-align.

usage: duckdb_coverage.py CATALOG.csv REQUIRED.csv OUT.csv [THREADS]

REQUIRED.csv (pathway,standard) lists each pathway's required standards, exported from
`cte-align standards --format json` by bench/compare: the foundation sub-standards (FS-x.y) and
the pathway's own competencies (TS-x.y, ...). A standard is covered in a district's pathway when
a course of that district counting for the pathway aligns to it; `*` courses count for every
pathway; a pathway is reported where at least one course names it. Prints the seconds the query
took (reading the CSV, computing, writing OUT.csv), after `import duckdb`.
"""

import sys
import time

import duckdb

SQL = """
COPY (
  WITH courses AS (
    SELECT "District" AS district, "Pathway" AS pathways, "Standards" AS standards
    FROM read_csv($catalog, header = true, all_varchar = true)
  ),
  required AS (SELECT pathway, standard FROM read_csv($required, header = true, all_varchar = true)),
  course_pathway AS (
    SELECT district, trim(unnest(string_split(pathways, ';'))) AS pathway, standards FROM courses
  ),
  offered AS (SELECT DISTINCT district, pathway FROM course_pathway WHERE pathway <> '*'),
  counting AS (
    SELECT district, pathway, standards FROM course_pathway WHERE pathway <> '*'
    UNION ALL
    SELECT c.district, p.pathway, c.standards
    FROM course_pathway c CROSS JOIN (SELECT DISTINCT pathway FROM required) p
    WHERE c.pathway = '*'
  ),
  aligned AS (
    SELECT DISTINCT district, pathway, split_part(trim(item), ':', 1) AS standard
    FROM (SELECT district, pathway, unnest(string_split(standards, ';')) AS item FROM counting)
  ),
  covered AS (
    SELECT a.district, a.pathway, count(*) AS covered
    FROM aligned a JOIN required r ON r.pathway = a.pathway AND r.standard = a.standard
    GROUP BY a.district, a.pathway
  ),
  required_n AS (SELECT pathway, count(*) AS required FROM required GROUP BY pathway)
  SELECT o.district, o.pathway, n.required, coalesce(c.covered, 0) AS covered,
         round(100.0 * coalesce(c.covered, 0) / n.required, 1) AS coverage_pct
  FROM offered o
  JOIN required_n n USING (pathway)
  LEFT JOIN covered c USING (district, pathway)
  ORDER BY o.district, o.pathway
) TO '{out}' (HEADER, DELIMITER ',')
"""


def main() -> None:
    catalog, required, out = sys.argv[1:4]
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    start = time.perf_counter()
    con = duckdb.connect(config={"threads": threads})
    con.execute(SQL.replace("{out}", out.replace("'", "''")), {"catalog": catalog, "required": required})
    print(f"{time.perf_counter() - start:.6f}")


if __name__ == "__main__":
    main()
