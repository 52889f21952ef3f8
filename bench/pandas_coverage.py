"""Per-district, per-pathway coverage in pandas: what a user would write instead of cte-align.

usage: pandas_coverage.py CATALOG.csv REQUIRED.csv OUT.csv

The same computation as duckdb_coverage.py (see there). Prints the seconds it took (reading the
CSV, computing, writing OUT.csv), after `import pandas`.
"""

import sys
import time

import pandas as pd


def main() -> None:
    catalog, required, out = sys.argv[1:4]
    start = time.perf_counter()
    courses = pd.read_csv(
        catalog, usecols=["District", "Pathway", "Standards"], dtype=str, keep_default_na=False
    )
    req = pd.read_csv(required, dtype=str).rename(columns={"pathway": "Pathway", "standard": "Standard"})
    # One row per course and pathway it names; `*` courses count for every pathway.
    courses["Pathway"] = courses["Pathway"].str.split(";")
    courses = courses.explode("Pathway")
    courses["Pathway"] = courses["Pathway"].str.strip()
    star = courses["Pathway"] == "*"
    offered = courses.loc[~star, ["District", "Pathway"]].drop_duplicates()
    shared = courses.loc[star].drop(columns="Pathway").merge(
        pd.DataFrame({"Pathway": req["Pathway"].unique()}), how="cross"
    )
    counting = pd.concat([courses.loc[~star], shared], ignore_index=True)
    # One row per alignment, the depth dropped; then the distinct required ones.
    counting["Standard"] = counting["Standards"].str.split(";")
    aligned = counting[["District", "Pathway", "Standard"]].explode("Standard")
    aligned["Standard"] = aligned["Standard"].str.split(":").str[0].str.strip()
    aligned = aligned.drop_duplicates().merge(req, on=["Pathway", "Standard"])
    covered = aligned.groupby(["District", "Pathway"]).size().rename("covered").reset_index()
    required_n = req.groupby("Pathway").size().rename("required").reset_index()
    result = offered.merge(required_n, on="Pathway").merge(covered, on=["District", "Pathway"], how="left")
    result["covered"] = result["covered"].fillna(0).astype(int)
    result["coverage_pct"] = (100 * result["covered"] / result["required"]).round(1)
    result = result.rename(columns={"District": "district", "Pathway": "pathway"})
    result.sort_values(["district", "pathway"]).to_csv(out, index=False)
    print(f"{time.perf_counter() - start:.6f}")


if __name__ == "__main__":
    main()
