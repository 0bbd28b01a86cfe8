// thesis_check.h — printed values of a thesis against the values the engine computed.
//
// A printed value is kept as written: its number of decimals gives the tolerance, half a unit in
// its last place ("0.107" agrees with anything in [0.1065, 0.1075]). Theses often cut digits
// instead of rounding them, so a value that fails but agrees once the computed value is truncated
// is reported as such — it is still a disagreement, with that explanation added to the note.
#pragma once

#include <optional>
#include <vector>

#include "lessons/framework/lesson.h"

namespace neurostep {

enum class Verdict { Agrees, Disagrees, NotFound };

struct CheckResult {
  PrintedValue printed;
  std::optional<double> computed;  // empty if the step or value does not exist
  int decimals = 0;
  double tolerance = 0;  // half a unit in the printed value's last place
  Verdict verdict = Verdict::NotFound;
  bool agrees_if_truncated = false;
  std::string explanation;  // the lesson file's note, plus what the check itself found
};

std::vector<CheckResult> check_printed_values(const std::vector<PrintedValue>& printed, const Trace& trace);

// "0.107" → 3; "−0.129" and "-0.129" → 3; "2" → 0. nullopt if the text is not a number.
std::optional<double> parse_printed(const std::string& text, int* decimals);

}  // namespace neurostep
