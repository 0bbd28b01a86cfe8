// point_csv.h — the playground's points as CSV (read with Debian's libcsv): one point per line,
// `x,y,label` for classes (a label is an integer 0–3) or `x,y,z` for regression. A first line
// that is not numbers is a header and skipped; blank lines are skipped; spaces around fields are
// allowed. An optional fourth column `test` (0/1, "train"/"test") keeps a train/test split; without
// it the caller assigns one (assign_test_split).
#pragma once

#include <string>
#include <string_view>

#include "core/io/csv_rows.h"
#include "core/point_set.h"

namespace neurostep {

// All the points or none: the first bad line (wrong number of columns, a field that is not a
// finite number, a label that is not one of 0–3, more than kMaxPoints points, no points at all)
// throws CsvError. `regression`: the third column is a value z instead of a class. For classes,
// `classes` of the result is max(2, largest label + 1), and whether any point was marked test is
// returned in `has_split`.
PointSet read_points_csv(std::string_view text, bool regression, bool* has_split = nullptr);

// Header "x,y,label,test" (or "x,y,z,test"), then every point; numbers written so they read back
// exactly (shortest round trip).
std::string write_points_csv(const PointSet& set);

}  // namespace neurostep
