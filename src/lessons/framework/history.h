// history.h — the history table of a lesson: one row per step group (a sample, an epoch) up to the
// current step, one column per chosen value, each cell the latest value of that group so far; or
// one row per step, for lessons whose steps each compute something new (a sliding window).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lessons/framework/lesson.h"

namespace neurostep {

struct HistoryTable {
  std::vector<std::string> headers;  // the group column first
  std::vector<std::string> row_labels;
  std::vector<std::vector<std::optional<double>>> cells;  // rows × columns (without the group column)
};

HistoryTable build_history(const Trace& trace, const std::vector<HistoryColumn>& columns, int current);
// A row per step up to `current` that computes one of the columns (labelled with the step's title),
// each cell that step's own value.
HistoryTable build_step_history(const Trace& trace, const std::vector<HistoryColumn>& columns, int current);

// The latest value `name` (element, 0-based) at or before step `current`; nullopt if none yet.
std::optional<double> latest_value(const Trace& trace, int current, const std::string& name, std::size_t element = 0);
// Every (step index, value) of `name` up to step `current`, for plots over the steps.
void value_history(const Trace& trace, int current, const std::string& name, std::size_t element,
                   std::vector<double>& steps, std::vector<double>& values);

}  // namespace neurostep
